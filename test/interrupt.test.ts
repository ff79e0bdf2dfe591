import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { startSimServer } from '../src/target/sim/server.ts';
import { openStore } from '../src/store/open.ts';
import { runCli, startCli } from './helpers/cli.ts';

const SUITE = join(import.meta.dirname, 'fixtures', 'suites', 'mini.yaml');

describe('Ctrl-C during a run', () => {
  let work: string;
  let sim: Awaited<ReturnType<typeof startSimServer>>;
  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'redline-sigint-'));
    // Slow streams, so the interrupt lands while answers are in flight.
    sim = await startSimServer({ seed: 4, chunkDelayMs: 40 });
  });
  afterAll(async () => {
    await sim.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('stops cleanly with exit code 130, says how to resume, and the same command finishes the run', async () => {
    const db = join(work, 'run.db');
    const args = ['run', '--suite', SUITE, '--target', `sim:censor@${sim.url}`, '--samples', '4', '--db', db];
    const { child, done } = startCli(args);
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    // Wait until the run has started and stored a first answer, then interrupt it as a terminal would.
    for (let i = 0; i < 600 && !stderr.includes('starting run'); i++) await sleep(50);
    const watcher = await openStore(`sqlite:${db}`);
    for (let i = 0; i < 600; i++) {
      const [started] = await watcher.listRuns();
      if (started && (await watcher.responses(started.id)).length > 0) break;
      await sleep(50);
    }
    await watcher.close();
    child.kill('SIGINT');
    const first = await done;
    expect(first.code).toBe(130);
    expect(first.stderr).toContain('the run can be resumed');
    // Not a terminal: progress comes as plain lines, never as cursor movements.
    expect(first.stderr).not.toContain('\u001b[');

    const store = await openStore(`sqlite:${db}`);
    const [run] = await store.listRuns();
    const stored = (await store.responses(run!.id)).filter((r) => r.turn === 0).length;
    const planned = (await store.jobs(run!.id)).length;
    await store.close();
    expect(stored).toBeGreaterThan(0);
    expect(stored).toBeLessThan(planned);

    const second = await runCli([...args, '--json']);
    expect(second.code).toBe(0);
    const summary = JSON.parse(second.stdout.trim()) as { runId: string; jobs: number; done: number };
    expect(summary).toMatchObject({ runId: run!.id, jobs: planned, done: planned });
    const after = await openStore(`sqlite:${db}`);
    const firstTurns = (await after.responses(run!.id)).filter((r) => r.turn === 0);
    await after.close();
    expect(new Set(firstTurns.map((r) => r.jobKey)).size).toBe(planned);
    expect(firstTurns).toHaveLength(planned);
  }, 120_000);
});
