import type BetterSqlite3 from 'better-sqlite3';
import type { ResponseWithEvents } from './types.ts';
import type { ResponsesTable } from './tables.ts';
import { eventData, responseToRow } from './rows.ts';

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

/**
 * Stores a job's result on SQLite through statements prepared once, on the raw better-sqlite3
 * handle: the run loop writes ~100 events per answer, and building, compiling and preparing a
 * fresh multi-row INSERT for each through Kysely cost more than the streaming itself. The rows
 * are the ones the Kysely path writes (same conversions from rows.ts, same bindings).
 *
 * The caller must hold Kysely's connection (see SqlStore.saveResult), so that no Kysely
 * transaction is open on the handle when this one begins.
 */
export class SqliteResultWriter {
  private readonly insertResponse: BetterSqlite3.Statement<unknown[]>;
  private readonly insertEvent: BetterSqlite3.Statement<unknown[]>;
  private readonly writeAll: (responses: ResponseWithEvents[]) => void;

  constructor(db: BetterSqlite3.Database) {
    this.insertResponse = db.prepare(
      `insert into "responses" (${RESPONSE_COLUMNS.map((c) => `"${c}"`).join(', ')})
       values (${RESPONSE_COLUMNS.map(() => '?').join(', ')})`,
    );
    this.insertEvent = db.prepare(
      'insert into "events" ("response_id", "seq", "t", "type", "data") values (?, ?, ?, ?, ?)',
    );
    // One transaction per job: better-sqlite3 rolls it back if anything inside throws.
    this.writeAll = db.transaction((responses: ResponseWithEvents[]) => {
      for (const response of responses) this.writeResponse(response);
    });
  }

  /** All or nothing; throws what SQLite or the JSON conversion threw, after the rollback. */
  save(responses: ResponseWithEvents[]): void {
    this.writeAll(responses);
  }

  private writeResponse(response: ResponseWithEvents): void {
    const row = responseToRow(response);
    this.insertResponse.run(RESPONSE_COLUMNS.map((column) => row[column]));
    const { id, events } = response;
    for (let seq = 0; seq < events.length; seq++) {
      const event = events[seq]!;
      this.insertEvent.run(id, seq, event.t, event.type, eventData(event));
    }
  }
}
