import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StreamEvent } from '../src/target/events.ts';
import type { JobRecord, ResponseWithEvents, RunRecord } from '../src/store/types.ts';
import { toNumber } from '../src/store/dialect.ts';
import { sql } from '../src/store/kysely.ts';
import { openStore } from '../src/store/open.ts';
import type { SqlStore } from '../src/store/repository.ts';
import { withPostgres, withSqlite } from './helpers/databases.ts';

/**
 * Results saved while others are in flight, as the run loop does at concurrency 50. On SQLite
 * those share one commit (sqlite-writer.ts); each job must still be stored whole or not at all,
 * and no write may land inside somebody else's transaction.
 */

function makeRun(id: string): RunRecord {
  return {
    id,
    createdAt: '2026-11-29T06:30:00.000Z',
    suiteId: 'china-core',
    suiteVersion: '1.0.0',
    suiteHash: 'sha256:suite',
    configHash: 'sha256:config',
    toolVersion: '0.1.0',
    gitRevision: null,
    simulated: true,
    spec: {},
  };
}

function makeJobs(runId: string, count: number): JobRecord[] {
  return Array.from({ length: count }, (_, i) => ({
    key: `${runId}/probe-${i}/zh-Hans/sim:censor/0`,
    runId,
    probeId: `probe-${i}`,
    variant: 'main',
    lang: 'zh-Hans',
    targetId: 'sim:censor',
    sample: 0,
    topic: 'tiananmen',
    kind: 'sensitive',
  }));
}

function makeEvents(count: number, label: string): StreamEvent[] {
  return Array.from({ length: count }, (_, i) =>
    i % 2 === 0
      ? { type: 'raw', t: i + 0.125, kind: 'sse', data: `{"i":${i},"l":"${label} 天安门"}` }
      : { type: 'text-delta', t: i + 0.5, text: `${label} عذراً ${i}` },
  );
}

function makeResponse(job: JobRecord, turn: number, events: StreamEvent[], text: string): ResponseWithEvents {
  return {
    id: `${job.key}#${turn}`,
    jobKey: job.key,
    runId: job.runId,
    turn,
    createdAt: '2026-11-29T06:31:00.000Z',
    request: { url: 'http://127.0.0.1:9/v1/chat/completions', headers: {}, body: { seed: turn } },
    text,
    streamedText: null,
    reasoning: null,
    finish: { normalized: 'stop', raw: 'stop' },
    error: null,
    usage: null,
    signals: [],
    fingerprint: { host: '127.0.0.1' },
    latencyMs: 12.5,
    attempts: 1,
    events,
  };
}

async function countEvents(store: SqlStore, jobKey: string): Promise<number> {
  const result = await sql<{ n: unknown }>`select count(*) as n from events
    where response_id like ${`${jobKey}#%`}`.execute(store.db);
  return toNumber(result.rows[0]?.n);
}

describe.each([
  ['sqlite', withSqlite],
  ['postgres', withPostgres],
] as const)('concurrent saves on %s', (_dialect, withDatabase) => {
  const database = withDatabase();
  let store: SqlStore;

  beforeAll(async () => {
    store = (await openStore(database.url)) as SqlStore;
  });
  afterAll(async () => {
    await store?.close();
  });

  it('stores each job whole or not at all when saves overlap', async () => {
    const jobs = makeJobs('overlap', 4);
    await store.createRun(makeRun('overlap'), jobs);
    const [taken, good, unserialisable, second] = jobs as [JobRecord, JobRecord, JobRecord, JobRecord];
    expect(await store.saveResult(taken.key, [makeResponse(taken, 0, makeEvents(5, 'a'), 'first')])).toBe(
      true,
    );

    const badEvents = makeEvents(40, 'c');
    badEvents[30] = { type: 'raw', t: 1, kind: 'body', data: 'x', event: 7n as unknown as string };
    const outcomes = await Promise.allSettled([
      store.saveResult(good.key, [
        makeResponse(good, 0, makeEvents(60, 'b'), 'good'),
        makeResponse(good, 1, makeEvents(7, 'b1'), 'good, turn 1'),
      ]),
      store.saveResult(taken.key, [makeResponse(taken, 0, makeEvents(9, 'dup'), 'second')]),
      store.saveResult(unserialisable.key, [
        makeResponse(unserialisable, 0, makeEvents(20, 'c0'), 'kept?'),
        makeResponse(unserialisable, 1, badEvents, 'never'),
      ]),
      store.saveResult(second.key, [makeResponse(second, 0, makeEvents(3, 'd'), 'second good')]),
    ]);

    expect(outcomes.map((o) => (o.status === 'fulfilled' ? o.value : 'rejected'))).toEqual([
      true,
      false,
      'rejected',
      true,
    ]);
    expect(String((outcomes[2] as PromiseRejectedResult).reason)).toMatch(/BigInt/);
    expect((await store.getResponse(`${taken.key}#0`))?.text).toBe('first');
    expect(await countEvents(store, taken.key)).toBe(5);
    expect(await store.getResponse(`${good.key}#1`)).toEqual(
      makeResponse(good, 1, makeEvents(7, 'b1'), 'good, turn 1'),
    );
    expect(await countEvents(store, good.key)).toBe(67);
    expect(await store.getResponse(`${unserialisable.key}#0`)).toBeUndefined();
    expect(await countEvents(store, unserialisable.key)).toBe(0);
    expect((await store.getResponse(`${second.key}#0`))?.events).toEqual(makeEvents(3, 'd'));
    expect(await store.pendingJobs('overlap')).toEqual([unserialisable]);
  });

  it('keeps a save out of a transaction that is open at the same time and rolls back', async () => {
    const [inside, saved] = makeJobs('apart', 2) as [JobRecord, JobRecord];
    await store.createRun(makeRun('apart'), [inside, saved]);
    let save: Promise<boolean> | undefined;
    const rolledBack = store.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('runs')
        .values({
          ...(await trx.selectFrom('runs').selectAll().where('id', '=', 'apart').executeTakeFirstOrThrow()),
          id: 'apart-2',
        })
        .execute();
      // Saved while this transaction is open: it must neither join it nor be undone with it.
      save = store.saveResult(saved.key, [makeResponse(saved, 0, makeEvents(4, 's'), 'outside')]);
      await new Promise((resolve) => setTimeout(resolve, 50));
      throw new Error('roll back');
    });
    await expect(rolledBack).rejects.toThrow('roll back');
    expect(await save).toBe(true);
    expect(await store.getRun('apart-2')).toBeUndefined();
    expect((await store.getResponse(`${saved.key}#0`))?.text).toBe('outside');
    expect(await countEvents(store, saved.key)).toBe(4);
  });
});
