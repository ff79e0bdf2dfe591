import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { startSimServer } from '../src/target/sim/server.ts';
import { openStore } from '../src/store/open.ts';
import { runCli, startCli } from './helpers/cli.ts';
import { withPostgres, withSqlite, type TestDatabase } from './helpers/databases.ts';

const SUITE = join(import.meta.dirname, 'fixtures', 'suites', 'mini.yaml');

/**
 * kill -9 the real CLI at random moments of a run, then resume it: every planned job ends with
 * exactly one stored result, whatever moment the process died at.
 */
describe.each([
  ['sqlite', withSqlite()],
  ['postgres', withPostgres()],
] as Array<[string, TestDatabase]>)('resume after kill -9 on %s', (_name, db) => {
  let sim: Awaited<ReturnType<typeof startSimServer>>;
  beforeAll(async () => {
    sim = await startSimServer({ seed: 7, chunkDelayMs: 15 });
  });
  afterAll(async () => {
    await sim.close();
  });

  it('loses and duplicates nothing', async () => {
    const args = [
      'run',
      '--suite',
      SUITE,
      '--target',
      `sim:censor@${sim.url}`,
      `sim:open@${sim.url}`,
      '--samples',
      '3',
      '--concurrency',
      '3',
      '--db',
      db.url,
      '--json',
    ];
    const kills = [900, 1400, 1900, 2600];
    for (const base of kills) {
      const { child, done } = startCli(args);
      await sleep(base + Math.floor(Math.random() * 400));
      child.kill('SIGKILL');
      const result = await done;
      // A kill can land after the run finished; either way the next run must complete it.
      expect(result.signal === 'SIGKILL' || result.code === 0).toBe(true);
    }
    const final = await runCli(args);
    expect(final.stderr).not.toMatch(/Error/);
    expect(final.code).toBe(0);
    const summary = JSON.parse(final.stdout.trim().split('\n').at(-1)!) as {
      runId: string;
      jobs: number;
      done: number;
    };
    // 3 probes (+1 variant) × 3 languages × 2 targets × 3 samples
    expect(summary.jobs).toBe(4 * 3 * 2 * 3);
    expect(summary.done).toBe(summary.jobs);

    const store = await openStore(db.url);
    try {
      const runs = await store.listRuns();
      expect(runs).toHaveLength(1); // every attempt continued the same run
      const jobs = await store.jobs(summary.runId);
      const responses = await store.responses(summary.runId);
      const firstTurns = responses.filter((r) => r.turn === 0);
      expect(new Set(firstTurns.map((r) => r.jobKey)).size).toBe(jobs.length);
      expect(firstTurns).toHaveLength(jobs.length);
      expect(new Set(responses.map((r) => r.id)).size).toBe(responses.length);
      expect(await store.pendingJobs(summary.runId)).toEqual([]);
    } finally {
      await store.close();
    }
  }, 120_000);
});
