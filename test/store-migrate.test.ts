import { describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import type { Database } from '../src/store/tables.ts';
import { sql } from '../src/store/kysely.ts';
import { storeMigrator } from '../src/store/migrate.ts';
import { openKysely, openStore, parseStoreUrl } from '../src/store/open.ts';
import { jobToRow, responseToRow, runToRow, verdictToRow } from '../src/store/rows.ts';
import { loadRows } from '../src/analyze/rows.ts';
import { toNumber } from '../src/store/dialect.ts';
import { insertBriefsSql } from '../src/store/briefs.ts';
import type { JobRecord, VerdictRecord } from '../src/store/types.ts';
import { withPostgres, withSqlite } from './helpers/databases.ts';
import { makeEvents, makeJobs, makeResponse, makeRun } from './helpers/store-records.ts';

const ENGINES = [
  ['sqlite', withSqlite],
  ['postgres', withPostgres],
] as const;

/**
 * A store written before migration 0003 (results joined to jobs by key only) is filled in by it:
 * every response gets its brief and every verdict its place in the plan, reports read the same
 * rows, and the append-only guard the migration lifted to fill verdicts in is back.
 */
describe.each(ENGINES)('migration 0003 on %s', (dialect, withDatabase) => {
  const database = withDatabase();

  it('fills in the plan order of results stored before it', async () => {
    const { db, migrator } = await storeBefore0003(database.url, dialect);
    try {
      // Stored in reverse plan order, and with a follow-up turn, as the old schema allowed.
      const jobs = makeJobs('old', 3);
      await insertRun(db, jobs);
      for (const job of [...jobs].reverse()) {
        for (const turn of [0, 1]) {
          await db
            .insertInto('responses')
            .values(responseToRow(makeResponse(job, turn, makeEvents(3))))
            .execute();
          await db
            .insertInto('verdicts')
            .values(
              rowBefore0004({
                responseId: `${job.key}#${turn}`,
                runId: 'old',
                scorer: 'embedded@1',
                createdAt: '2026-11-29T07:00:00.000Z',
                label: turn === 0 && job === jobs[1] ? 'refused' : 'answered',
                confidence: 0.9,
                evidence: [],
              }),
            )
            .execute();
        }
      }
      expect((await migrator.migrateToLatest()).error).toBeUndefined();
      expect(await places(db, 'response_briefs')).toEqual([
        [0, 0],
        [0, 1],
        [1, 0],
        [1, 1],
        [2, 0],
        [2, 1],
      ]);
      expect(await places(db, 'verdicts')).toEqual(await places(db, 'response_briefs'));
      const brief = await db
        .selectFrom('response_briefs')
        .selectAll()
        .where('job_ordinal', '=', 2)
        .executeTakeFirstOrThrow();
      expect([brief.served_model, brief.excerpt]).toEqual(['sim-censor', '我无法回答这个问题。']);
      await expect(
        db.updateTable('response_briefs').set({ excerpt: 'rewritten' }).where('run_id', '=', 'old').execute(),
      ).rejects.toThrow(/append-only/);
      await expect(
        db.updateTable('verdicts').set({ turn: 7 }).where('run_id', '=', 'old').execute(),
      ).rejects.toThrow(/append-only/);
    } finally {
      await db.destroy();
    }
    const store = await openStore(database.url);
    try {
      const rows = await loadRows(store, 'old');
      expect(rows.map((r) => [r.probeId, r.label])).toEqual([
        ['probe-0', 'answered'],
        ['probe-1', 'refused'],
        ['probe-2', 'answered'],
      ]);
    } finally {
      await store.close();
    }
  });
});

describe.each(ENGINES)('a migration failing halfway on %s', (dialect, withDatabase) => {
  const database = withDatabase();

  it('leaves nothing of itself behind, and runs whole the next time', async () => {
    const { db, migrator } = await storeBefore0003(database.url, dialect);
    try {
      // Takes the name of the index 0003 creates last, so 0003 fails after all its other steps.
      await db.schema.createIndex('verdicts_plan').on('jobs').column('kind').execute();
      const failed = await migrator.migrateToLatest();
      expect(failed.results?.map((r) => [r.migrationName, r.status])).toEqual([
        ['0003_response_briefs', 'Error'],
        ['0004_verdict_reasoning', 'NotExecuted'],
        ['0005_analysis_indexes', 'NotExecuted'],
      ]);
      const tables = await db.introspection.getTables();
      expect(tables.map((t) => t.name)).not.toContain('response_briefs');
      const verdicts = tables.find((t) => t.name === 'verdicts')!;
      expect(verdicts.columns.map((c) => c.name)).not.toContain('job_ordinal');
      await db.schema.dropIndex('verdicts_plan').execute();
      expect((await migrator.migrateToLatest()).error).toBeUndefined();
    } finally {
      await db.destroy();
    }
  });
});

describe.each(ENGINES)('a migration whose record fails on %s', (dialect, withDatabase) => {
  const database = withDatabase();

  it('is undone with it, so the next run applies it whole rather than twice', async () => {
    const { db, migrator } = await storeBefore0003(database.url, dialect);
    try {
      // As if the process died after 0003's work and before Kysely recorded it.
      for (const statement of refuseRecordOf('0003_response_briefs', dialect))
        await sql.raw(statement).execute(db);
      const failed = await migrator.migrateToLatest();
      expect(String(failed.error)).toMatch(/record refused/);
      const tables = (await db.introspection.getTables()).map((t) => t.name);
      expect(tables).not.toContain('response_briefs');
      await sql
        .raw(dialect === 'sqlite' ? 'drop trigger refuse_record' : 'drop function refuse_record() cascade')
        .execute(db);
      const applied = await migrator.migrateToLatest();
      expect(applied.error).toBeUndefined();
      expect(applied.results?.map((r) => [r.migrationName, r.status])).toEqual([
        ['0003_response_briefs', 'Success'],
        ['0004_verdict_reasoning', 'Success'],
        ['0005_analysis_indexes', 'Success'],
      ]);
    } finally {
      await db.destroy();
    }
  });
});

/** A trigger that rejects Kysely's record of the named migration. */
function refuseRecordOf(name: string, dialect: 'sqlite' | 'postgres'): string[] {
  if (dialect === 'sqlite')
    return [
      `create trigger refuse_record before insert on kysely_migration when new.name = '${name}'
       begin select raise(abort, 'record refused'); end`,
    ];
  return [
    `create function refuse_record() returns trigger language plpgsql as $$
       begin raise exception 'record refused'; end $$`,
    `create trigger refuse_record before insert on kysely_migration for each row
       when (new.name = '${name}') execute function refuse_record()`,
  ];
}

describe.each(ENGINES)('migration 0004 on %s', (dialect, withDatabase) => {
  const database = withDatabase();

  it("copies each verdict's reasoning state and steering out of its details, as a new verdict gets them", async () => {
    const { db } = await openKysely(parseStoreUrl(database.url));
    const details = [
      { reasoning: { state: 'empty', steering: false, dropped: [] } },
      { reasoning: { state: 'present', steering: true, dropped: ['1989'] } },
      { matched: 2 },
      undefined,
      { reasoning: { state: 7, steering: 'yes' } },
    ];
    const jobs = makeJobs('old', details.length);
    try {
      expect((await storeMigrator(db, dialect).migrateTo('0003_response_briefs')).error).toBeUndefined();
      await insertRun(db, jobs);
      for (const [i, job] of jobs.entries()) {
        await db
          .insertInto('responses')
          .values(responseToRow(makeResponse(job, 0, makeEvents(1))))
          .execute();
        await db
          .insertInto('verdicts')
          .values({ ...rowBefore0004(verdictOf(job.key, details[i])), job_ordinal: i, turn: 0 })
          .execute();
      }
      await sql.raw(insertBriefsSql(dialect)).execute(db);
      expect((await storeMigrator(db, dialect).migrateToLatest()).error).toBeUndefined();
      const { rows } = await sql<{ reasoning_state: string | null; reasoning_steering: unknown }>`
        select reasoning_state, reasoning_steering from verdicts order by job_ordinal`.execute(db);
      const filled = rows.map((r) => [
        r.reasoning_state,
        r.reasoning_steering === null ? null : toNumber(r.reasoning_steering),
      ]);
      expect(filled).toEqual([
        ['empty', 0],
        ['present', 1],
        [null, null],
        [null, null],
        [null, null],
      ]);
      // What a verdict written now gets, from the same details.
      const written = details.map((d, i) => verdictToRow(verdictOf(jobs[i]!.key, d)));
      expect(written.map((r) => [r.reasoning_state, r.reasoning_steering])).toEqual(filled);
    } finally {
      await db.destroy();
    }
    const store = await openStore(database.url);
    try {
      const states: unknown[] = [];
      await store.eachAnalysisRecord('old', (record) =>
        states.push(record.verdicts.map((v) => [v.reasoningState, v.reasoningSteering])),
      );
      expect(states).toEqual([
        [['empty', false]],
        [['present', true]],
        [[null, null]],
        [[null, null]],
        [[null, null]],
      ]);
    } finally {
      await store.close();
    }
  });
});

function verdictOf(jobKey: string, details: Record<string, unknown> | undefined): VerdictRecord {
  return {
    responseId: `${jobKey}#0`,
    runId: 'old',
    scorer: 'embedded@1',
    createdAt: '2026-11-29T07:00:00.000Z',
    label: 'answered',
    confidence: 0.9,
    evidence: [],
    ...(details && { details }),
  };
}

/** A verdict's row as stores before migration 0004 held it. */
function rowBefore0004(verdict: VerdictRecord) {
  const { reasoning_state: _state, reasoning_steering: _steering, ...row } = verdictToRow(verdict);
  return row;
}

/** The run 'old' with its jobs, in plan order. */
async function insertRun(db: Kysely<Database>, jobs: JobRecord[]): Promise<void> {
  await db
    .insertInto('runs')
    .values(runToRow(makeRun('old')))
    .execute();
  await db
    .insertInto('jobs')
    .values(jobs.map((job, i) => jobToRow(job, i)))
    .execute();
}

/** An unmigrated store brought up to 0002, and the migrator that takes it further. */
async function storeBefore0003(url: string, dialect: 'sqlite' | 'postgres') {
  const { db } = await openKysely(parseStoreUrl(url));
  const migrator = storeMigrator(db, dialect);
  expect((await migrator.migrateTo('0002_unique_job_ordinal')).error).toBeUndefined();
  return { db, migrator };
}

async function places(db: Kysely<Database>, table: 'response_briefs' | 'verdicts'): Promise<number[][]> {
  const { rows } = await sql<{ job_ordinal: unknown; turn: unknown }>`
    select job_ordinal, turn from ${sql.table(table)} order by job_ordinal, turn`.execute(db);
  return rows.map((r) => [toNumber(r.job_ordinal), toNumber(r.turn)]);
}
