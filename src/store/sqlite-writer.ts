import type BetterSqlite3 from 'better-sqlite3';
import type { ResponseWithEvents } from './types.ts';
import type { ResponsesTable } from './tables.ts';
import { isUniqueViolation } from './dialect.ts';
import { eventData, responseToRow } from './rows.ts';
import { insertBriefsSql } from './briefs.ts';

/** The responses columns in the order of the prepared INSERT's parameters. */
const RESPONSE_COLUMNS = [
  'id',
  'job_key',
  'run_id',
  'turn',
  'created_at',
  'text',
  'streamed_text',
  'reasoning',
  'finish',
  'error',
  'usage',
  'signals',
  'request',
  'fingerprint',
  'latency_ms',
  'attempts',
] as const satisfies readonly (keyof ResponsesTable)[];

/** Runs synchronous work on the raw handle while no Kysely query or transaction uses it. */
export type ConnectionLock = (work: () => void) => Promise<void>;

interface PendingJob {
  responses: ResponseWithEvents[];
  /** Set by the batch: true stored, false already stored by someone else, or the error. */
  outcome?: boolean | Error;
  resolve(saved: boolean): void;
  reject(error: unknown): void;
}

/**
 * Stores job results on SQLite through statements prepared once, on the raw better-sqlite3
 * handle: the run loop writes ~100 events per answer, and building, compiling and preparing a
 * fresh multi-row INSERT for each through Kysely cost more than the streaming itself. The rows
 * are the ones the Kysely path writes (same conversions from rows.ts, same bindings).
 *
 * Jobs that finish in the same turn of the event loop share one transaction (group commit): a
 * commit rewrites every page it touched into the WAL, so 1,000 commits of one job each wrote
 * the same pages over and over. Each job is still all or nothing: it has its own savepoint, and
 * a job that fails (a duplicate, a value JSON cannot hold) is rolled back alone while the others
 * commit. A job's promise settles only after the commit, so "saved" always means on disk; a
 * process killed before that loses whole jobs, which stay pending and are asked again.
 */
export class SqliteResultWriter {
  private readonly insertResponse: BetterSqlite3.Statement<unknown[]>;
  private readonly insertEvent: BetterSqlite3.Statement<unknown[]>;
  private readonly insertBrief: BetterSqlite3.Statement<unknown[]>;
  private readonly writeJob: (responses: ResponseWithEvents[]) => void;
  private readonly writeBatch: (batch: PendingJob[]) => void;
  private queue: PendingJob[] = [];

  constructor(
    db: BetterSqlite3.Database,
    private readonly lock: ConnectionLock,
  ) {
    this.insertResponse = db.prepare(
      `insert into "responses" (${RESPONSE_COLUMNS.map((c) => `"${c}"`).join(', ')})
       values (${RESPONSE_COLUMNS.map(() => '?').join(', ')})`,
    );
    this.insertBrief = db.prepare(`${insertBriefsSql('sqlite')} where r.id = ?`);
    this.insertEvent = db.prepare(
      'insert into "events" ("response_id", "seq", "t", "type", "data") values (?, ?, ?, ?, ?)',
    );
    // Called inside writeBatch's transaction, better-sqlite3 makes this a savepoint, rolled back on a throw.
    this.writeJob = db.transaction((responses: ResponseWithEvents[]) => {
      for (const response of responses) this.writeResponse(response);
    });
    this.writeBatch = db.transaction((batch: PendingJob[]) => {
      for (const job of batch) {
        try {
          this.writeJob(job.responses);
          job.outcome = true;
        } catch (error) {
          // SQLite dropped the whole transaction (I/O error, disk full): the batch fails as one.
          if (!db.inTransaction) throw error;
          job.outcome = isUniqueViolation(error) ? false : toError(error);
        }
      }
    });
  }

  /**
   * Stores one job's responses with their events, all or nothing. Resolves true once committed,
   * false when the job already had a result (nothing of this call is kept).
   */
  save(responses: ResponseWithEvents[]): Promise<boolean> {
    return new Promise((resolve, reject) => {
      if (this.queue.length === 0) setImmediate(() => void this.flush());
      this.queue.push({ responses, resolve, reject });
    });
  }

  private async flush(): Promise<void> {
    const batch = this.queue;
    this.queue = [];
    try {
      await this.lock(() => this.writeBatch(batch));
    } catch (error) {
      // The commit itself failed (disk full, lock timeout): nothing of the batch is stored.
      for (const job of batch) job.reject(error);
      return;
    }
    for (const job of batch) {
      if (job.outcome instanceof Error) job.reject(job.outcome);
      else job.resolve(job.outcome === true);
    }
  }

  private writeResponse(response: ResponseWithEvents): void {
    const row = responseToRow(response);
    this.insertResponse.run(RESPONSE_COLUMNS.map((column) => row[column]));
    this.insertBrief.run(response.id);
    const { id, events } = response;
    for (let seq = 0; seq < events.length; seq++) {
      const event = events[seq]!;
      this.insertEvent.run(id, seq, event.t, event.type, eventData(event));
    }
  }
}

function toError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
