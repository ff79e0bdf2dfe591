import type BetterSqlite3 from 'better-sqlite3';
import type { Kysely, Transaction } from 'kysely';
import type { StreamEvent } from '../target/events.ts';
import type {
  AnalysisVisitor,
  JobRecord,
  ResponseRecord,
  ResponseWithEvents,
  RunRecord,
  Store,
  VerdictRecord,
} from './types.ts';
import type { Database, EventsTable } from './tables.ts';
import { isUniqueViolation, rowsPerInsert, toNumber, type DialectKind } from './dialect.ts';
import { migrateToLatest } from './migrate.ts';
import { SqliteResultWriter, type ConnectionLock } from './sqlite-writer.ts';
import { eachAnalysisRecord } from './analysis.ts';
import { sql } from './kysely.ts';
import { insertBriefsSql } from './briefs.ts';
import {
  eventToRow,
  jobToRow,
  responseToRow,
  rowToEvent,
  rowToJob,
  rowToResponse,
  rowToRun,
  rowToVerdict,
  runToRow,
  verdictToRow,
} from './rows.ts';

const JOB_COLUMNS = 10;
const EVENT_COLUMNS = 5;
// Parameters per verdict row: its twelve columns and the response id twice, to look up its place.
const VERDICT_PARAMETERS = 14;
// Ordinals per excerpt lookup: well inside either engine's limit on bound parameters.
const EXCERPTS_PER_QUERY = 1_000;

// Looked up by each insert itself, so a verdict always carries its response's place in the plan.
const jobOrdinalOf = (responseId: string) =>
  sql<number>`(select j.ordinal from responses r join jobs j on j.key = r.job_key where r.id = ${responseId})`;
const turnOf = (responseId: string) =>
  sql<number>`(select r.turn from responses r where r.id = ${responseId})`;

/** The Store over Kysely: the same queries on SQLite and PostgreSQL. */
export class SqlStore implements Store {
  /** On SQLite: the raw handle under `db`, for the hot paths (results in, analysis rows out). */
  private readonly sqlite?: { handle: BetterSqlite3.Database; lock: ConnectionLock };
  /** On SQLite: writes results through statements prepared once, grouped per commit (sqlite-writer.ts). */
  private readonly sqliteWriter?: SqliteResultWriter;

  /** `sqlite`: the better-sqlite3 handle under `db`, when the store is on SQLite (migrated already). */
  constructor(
    readonly db: Kysely<Database>,
    readonly dialect: DialectKind,
    sqlite?: BetterSqlite3.Database,
  ) {
    if (sqlite) {
      // Kysely's one SQLite connection is held meanwhile, so no Kysely transaction is open on the handle.
      const lock: ConnectionLock = (work) => db.connection().execute(() => Promise.resolve(work()));
      this.sqlite = { handle: sqlite, lock };
      this.sqliteWriter = new SqliteResultWriter(sqlite, lock);
    }
  }

  async migrate(): Promise<void> {
    await migrateToLatest(this.db, this.dialect);
  }

  async createRun(run: RunRecord, jobs: JobRecord[]): Promise<void> {
    const runRow = runToRow(run);
    const jobRows = jobs.map((job, i) => jobToRow(job, i));
    await this.db.transaction().execute(async (trx) => {
      const inserted = await trx
        .insertInto('runs')
        .values(runRow)
        .onConflict((oc) => oc.column('id').doNothing())
        .executeTakeFirst();
      // The run exists already: it came with its jobs in one transaction, so nothing is missing.
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) return;
      for (const chunk of chunks(jobRows, rowsPerInsert(JOB_COLUMNS))) {
        await trx
          .insertInto('jobs')
          .values(chunk)
          .onConflict((oc) => oc.column('key').doNothing())
          .execute();
      }
    });
  }

  async getRun(id: string): Promise<RunRecord | undefined> {
    const row = await this.db.selectFrom('runs').selectAll().where('id', '=', id).executeTakeFirst();
    return row && rowToRun(row);
  }

  async listRuns(): Promise<RunRecord[]> {
    const rows = await this.db.selectFrom('runs').selectAll().orderBy('created_at').orderBy('id').execute();
    return rows.map(rowToRun);
  }

  async jobs(runId: string): Promise<JobRecord[]> {
    const rows = await this.db
      .selectFrom('jobs')
      .selectAll()
      .where('run_id', '=', runId)
      .orderBy('ordinal')
      .execute();
    return rows.map(rowToJob);
  }

  async pendingJobs(runId: string): Promise<JobRecord[]> {
    const rows = await this.db
      .selectFrom('jobs')
      .selectAll()
      .where('run_id', '=', runId)
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('responses')
              .select('responses.id')
              .whereRef('responses.job_key', '=', 'jobs.key')
              .where('responses.turn', '=', 0),
          ),
        ),
      )
      .orderBy('ordinal')
      .execute();
    return rows.map(rowToJob);
  }

  async saveResult(jobKey: string, responses: ResponseWithEvents[]): Promise<boolean> {
    checkResult(jobKey, responses);
    if (this.sqliteWriter) return this.sqliteWriter.save(responses);
    try {
      await this.db.transaction().execute(async (trx) => {
        for (const response of responses) {
          await trx.insertInto('responses').values(responseToRow(response)).execute();
          await sql`${sql.raw(insertBriefsSql(this.dialect))} where r.id = ${response.id}`.execute(trx);
          await insertEvents(trx, response.id, response.events);
        }
      });
      return true;
    } catch (error) {
      // Another writer (maybe another process) stored this job first; the rollback kept nothing of ours.
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }

  async responses(runId: string): Promise<ResponseRecord[]> {
    const rows = await this.db
      .selectFrom('responses')
      .selectAll()
      .where('run_id', '=', runId)
      .orderBy('job_key')
      .orderBy('turn')
      .execute();
    return rows.map(rowToResponse);
  }

  async responsesWithEvents(runId: string): Promise<ResponseWithEvents[]> {
    const responses = await this.responses(runId);
    const rows = await this.db
      .selectFrom('events')
      .innerJoin('responses', 'responses.id', 'events.response_id')
      .select(['events.response_id', 'events.t', 'events.type', 'events.data'])
      .where('responses.run_id', '=', runId)
      .orderBy('events.response_id')
      .orderBy('events.seq')
      .execute();
    const byResponse = new Map<string, StreamEvent[]>();
    for (const row of rows) {
      let list = byResponse.get(row.response_id);
      if (!list) byResponse.set(row.response_id, (list = []));
      list.push(rowToEvent(row));
    }
    return responses.map((r) => ({ ...r, events: byResponse.get(r.id) ?? [] }));
  }

  async getResponse(id: string): Promise<ResponseWithEvents | undefined> {
    const row = await this.db.selectFrom('responses').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) return undefined;
    const events = await this.db
      .selectFrom('events')
      .select(['t', 'type', 'data'])
      .where('response_id', '=', id)
      .orderBy('seq')
      .execute();
    return { ...rowToResponse(row), events: events.map(rowToEvent) };
  }

  async addVerdicts(verdicts: VerdictRecord[]): Promise<void> {
    const rows = verdicts.map((verdict) => ({
      ...verdictToRow(verdict),
      job_ordinal: jobOrdinalOf(verdict.responseId),
      turn: turnOf(verdict.responseId),
    }));
    await this.db.transaction().execute(async (trx) => {
      for (const chunk of chunks(rows, rowsPerInsert(VERDICT_PARAMETERS))) {
        await trx.insertInto('verdicts').values(chunk).execute();
      }
    });
  }

  async verdicts(runId: string): Promise<VerdictRecord[]> {
    const rows = await this.db
      .selectFrom('verdicts')
      .selectAll()
      .where('run_id', '=', runId)
      .orderBy('id')
      .execute();
    return rows.map(rowToVerdict);
  }

  eachAnalysisRecord(runId: string, visit: AnalysisVisitor): Promise<void> {
    return eachAnalysisRecord(this.db, runId, visit, this.sqlite);
  }

  async excerpts(runId: string, ordinals: readonly number[]): Promise<Map<number, string>> {
    const excerpts = new Map<number, string>();
    for (const chunk of chunks([...new Set(ordinals)], EXCERPTS_PER_QUERY)) {
      const rows = await this.db
        .selectFrom('response_briefs')
        .select(['job_ordinal', 'excerpt'])
        .where('run_id', '=', runId)
        .where('turn', '=', 0)
        .where('job_ordinal', 'in', chunk)
        .execute();
      for (const row of rows) excerpts.set(Number(row.job_ordinal), row.excerpt);
    }
    return excerpts;
  }

  async countJobs(runId: string): Promise<number> {
    const { n } = await this.db
      .selectFrom('jobs')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('run_id', '=', runId)
      .executeTakeFirstOrThrow();
    return toNumber(n);
  }

  async countDoneJobs(runId: string): Promise<number> {
    // Every response has its brief, one per job and turn (briefs.ts).
    const { n } = await this.db
      .selectFrom('response_briefs')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('run_id', '=', runId)
      .where('turn', '=', 0)
      .executeTakeFirstOrThrow();
    return toNumber(n);
  }

  async close(): Promise<void> {
    await this.db.destroy();
  }
}

/** Rejects a malformed result before anything is written: these are caller bugs, not duplicates. */
function checkResult(jobKey: string, responses: ResponseWithEvents[]): void {
  const turns = new Set<number>();
  for (const r of responses) {
    const expectedId = `${jobKey}#${r.turn}`;
    if (r.jobKey !== jobKey || r.id !== expectedId) {
      throw new Error(
        `saveResult(${jobKey}): response ${r.id} must have jobKey ${jobKey} and id ${expectedId}`,
      );
    }
    if (turns.has(r.turn)) throw new Error(`saveResult(${jobKey}): turn ${r.turn} appears twice`);
    turns.add(r.turn);
  }
  if (!turns.has(0)) throw new Error(`saveResult(${jobKey}): a result needs turn 0`);
}

/** Multi-row inserts; each chunk is serialised only when it is written, inside the transaction. */
async function insertEvents(
  trx: Transaction<Database>,
  responseId: string,
  events: StreamEvent[],
): Promise<void> {
  const size = rowsPerInsert(EVENT_COLUMNS);
  for (let start = 0; start < events.length; start += size) {
    const rows: EventsTable[] = events
      .slice(start, start + size)
      .map((event, i) => eventToRow(responseId, start + i, event));
    await trx.insertInto('events').values(rows).execute();
  }
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let start = 0; start < items.length; start += size) out.push(items.slice(start, start + size));
  return out;
}
