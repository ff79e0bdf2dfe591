import type { Kysely, Migration } from 'kysely';
import {
  APPEND_ONLY_TABLES,
  appendOnlyPrelude,
  appendOnlyTriggers,
  autoIncrementId,
  autoIncrementType,
  byteOrdered,
  executeAll,
  type DialectKind,
} from '../dialect.ts';

/** The first schema: runs, jobs, responses, events, verdicts, all append-only. */
export function initialSchema(dialect: DialectKind): Migration {
  const key = byteOrdered(dialect);
  // `real` is 4 bytes on PostgreSQL: event times and scores need doubles on both engines.
  const float = 'double precision';
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('runs')
        .addColumn('id', 'text', (c) => key(c).primaryKey())
        .addColumn('created_at', 'text', key)
        .addColumn('suite_id', 'text', (c) => c.notNull())
        .addColumn('suite_version', 'text', (c) => c.notNull())
        .addColumn('suite_hash', 'text', (c) => c.notNull())
        .addColumn('config_hash', 'text', (c) => c.notNull())
        .addColumn('tool_version', 'text', (c) => c.notNull())
        .addColumn('git_revision', 'text')
        .addColumn('simulated', 'integer', (c) => c.notNull())
        .addColumn('spec', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('jobs')
        .addColumn('key', 'text', (c) => key(c).primaryKey())
        .addColumn('run_id', 'text', key)
        .addColumn('ordinal', 'integer', (c) => c.notNull())
        .addColumn('probe_id', 'text', (c) => c.notNull())
        .addColumn('variant', 'text', (c) => c.notNull())
        .addColumn('lang', 'text', (c) => c.notNull())
        .addColumn('target_id', 'text', (c) => c.notNull())
        .addColumn('sample', 'integer', (c) => c.notNull())
        .addColumn('topic', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('jobs_run').on('jobs').columns(['run_id', 'ordinal']).execute();

      await db.schema
        .createTable('responses')
        .addColumn('id', 'text', (c) => key(c).primaryKey())
        .addColumn('job_key', 'text', key)
        .addColumn('run_id', 'text', key)
        .addColumn('turn', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('streamed_text', 'text')
        .addColumn('reasoning', 'text')
        .addColumn('finish', 'text')
        .addColumn('error', 'text')
        .addColumn('usage', 'text')
        .addColumn('signals', 'text', (c) => c.notNull())
        .addColumn('request', 'text', (c) => c.notNull())
        .addColumn('fingerprint', 'text', (c) => c.notNull())
        .addColumn('latency_ms', float, (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull())
        // The database, not the caller, guarantees a job is stored once, even across processes.
        .addUniqueConstraint('responses_job_turn', ['job_key', 'turn'])
        .execute();
      await db.schema
        .createIndex('responses_run')
        .on('responses')
        .columns(['run_id', 'job_key', 'turn'])
        .execute();

      await db.schema
        .createTable('events')
        .addColumn('response_id', 'text', key)
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('t', float, (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('data', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('events_pk', ['response_id', 'seq'])
        .execute();

      await db.schema
        .createTable('verdicts')
        .addColumn('id', autoIncrementType(dialect), autoIncrementId(dialect))
        .addColumn('response_id', 'text', key)
        .addColumn('run_id', 'text', key)
        .addColumn('scorer', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('label', 'text', (c) => c.notNull())
        .addColumn('confidence', float, (c) => c.notNull())
        .addColumn('alignment', float)
        .addColumn('evidence', 'text', (c) => c.notNull())
        .addColumn('rationale', 'text')
        .addColumn('details', 'text')
        .execute();
      await db.schema.createIndex('verdicts_run').on('verdicts').columns(['run_id', 'id']).execute();
      await db.schema.createIndex('verdicts_response').on('verdicts').column('response_id').execute();

      await executeAll(db, appendOnlyPrelude(dialect));
      for (const table of APPEND_ONLY_TABLES) await executeAll(db, appendOnlyTriggers(dialect, table));
    },
  };
}
