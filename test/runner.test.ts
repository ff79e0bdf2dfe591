import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { startSimServer } from '../src/target/sim/server.ts';
import { openStore } from '../src/store/open.ts';
import type { Store } from '../src/store/types.ts';
import { loadSuite } from '../src/suite/load.ts';
import { parseTargetSpec } from '../src/target/spec.ts';
import { createTarget } from '../src/target/registry.ts';
import { openRun, type RunSpec } from '../src/run/session.ts';
import { executeRun } from '../src/run/runner.ts';
import { withSqlite } from './helpers/databases.ts';

const { suite, hash } = loadSuite(join(import.meta.dirname, 'fixtures', 'suites', 'mini.yaml'));
const db = withSqlite();
let store: Store;
beforeAll(async () => {
  store = await openStore(db.url);
});
afterAll(() => store.close());

const fastRetry = { maxRetries: 6, baseDelayMs: 1, maxDelayMs: 5 };

async function runAgainst(
  url: string,
  model: string,
  samples: number,
  signal = new AbortController().signal,
  concurrency = 4,
) {
  const config = parseTargetSpec(`sim:${model}@${url}`, { concurrency });
  const spec: RunSpec = {
    suite,
    suiteSource: 'mini',
    targets: [config],
    languages: ['en', 'zh-Hans', 'ar'],
    samples,
    variants: true,
  };
  const { run, resumed } = await openRun(store, spec, hash);
  const result = await executeRun({
    store,
    runId: run.id,
    suite,
    targets: [createTarget(config)],
    signal,
    retry: fastRetry,
  });
  return { run, resumed, result };
}

describe('runner', () => {
  it('retries 429s and 5xx until the answer comes, and records the attempts', async () => {
    // The simulator draws faults by arrival order: one request at a time makes the draws, and so
    // the test, the same on every run.
    const sim = await startSimServer({ seed: 11, faults: { rate429: 0.3, rate500: 0.2 } });
    try {
      const { run, result } = await runAgainst(sim.url, 'open', 2, undefined, 1);
      expect(result).toMatchObject({ jobs: 24, done: 24, failed: 0, interrupted: false });
      const responses = await store.responses(run.id);
      expect(responses.some((r) => r.attempts > 1)).toBe(true);
      expect(responses.every((r) => !r.error)).toBe(true);
    } finally {
      await sim.close();
    }
  });

  it('never retries a moderation rejection: it is stored as a result after one attempt', async () => {
    const sim = await startSimServer({ seed: 5 });
    try {
      const { run } = await runAgainst(sim.url, 'censor', 4);
      const rejected = (await store.responses(run.id)).filter((r) =>
        r.signals.some((s) => s.kind === 'request_rejected'),
      );
      expect(rejected.length).toBeGreaterThan(0);
      for (const r of rejected) {
        expect(r.attempts).toBe(1);
        expect(r.error).toMatchObject({ kind: 'moderation', status: 400, retryable: false });
      }
    } finally {
      await sim.close();
    }
  });

  it('asks follow-ups in the same conversation and records each turn', async () => {
    const sim = await startSimServer({ seed: 2 });
    try {
      const { run } = await runAgainst(sim.url, 'open', 1);
      const turns = (await store.responses(run.id)).filter((r) => r.turn === 1);
      expect(turns.length).toBe(6); // the sensitive probe's two framings, in three languages
      for (const t of turns) {
        const messages = (t.request.body as { messages: Array<{ role: string }> }).messages;
        expect(messages.map((m) => m.role)).toEqual(['user', 'assistant', 'user']);
      }
    } finally {
      await sim.close();
    }
  });

  it('an abort mid-run stores only complete jobs; the next call resumes the same run to completion', async () => {
    const sim = await startSimServer({ seed: 9, chunkDelayMs: 20 });
    try {
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 250);
      const first = await runAgainst(sim.url, 'reasoner', 3, controller.signal);
      expect(first.result.interrupted).toBe(true);
      expect(first.result.done).toBeLessThan(first.result.jobs);
      const second = await runAgainst(sim.url, 'reasoner', 3);
      expect(second.resumed).toBe(true);
      expect(second.run.id).toBe(first.run.id);
      expect(second.result).toMatchObject({ done: 36, jobs: 36, interrupted: false });
      const firstTurns = (await store.responses(first.run.id)).filter((r) => r.turn === 0);
      expect(new Set(firstTurns.map((r) => r.jobKey)).size).toBe(36);
      expect(firstTurns).toHaveLength(36);
    } finally {
      await sim.close();
    }
  }, 120_000);
});
