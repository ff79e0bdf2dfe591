import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobRecord } from '../src/store/types.ts';
import { openStore } from '../src/store/open.ts';
import type { SqlStore } from '../src/store/repository.ts';
import { withPostgres, withSqlite } from './helpers/databases.ts';
import { countRows, makeEvents, makeJobs, makeResponse, makeRun } from './helpers/store-records.ts';

/**
 * Results saved while others are in flight, as the run loop does at concurrency 50. On SQLite
 * those share one commit (sqlite-writer.ts); each job must still be stored whole or not at all,
 * and no write may land inside somebody else's transaction.
 */

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
    expect(await countRows(store, 'events', taken.key)).toBe(5);
    expect(await store.getResponse(`${good.key}#1`)).toEqual(
      makeResponse(good, 1, makeEvents(7, 'b1'), 'good, turn 1'),
    );
    expect(await countRows(store, 'events', good.key)).toBe(67);
    expect(await store.getResponse(`${unserialisable.key}#0`)).toBeUndefined();
    expect(await countRows(store, 'events', unserialisable.key)).toBe(0);
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
    expect(await countRows(store, 'events', saved.key)).toBe(4);
  });
});
