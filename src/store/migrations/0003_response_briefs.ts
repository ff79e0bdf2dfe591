import type { Kysely, Migration } from 'kysely';
import {
  appendOnlyTriggers,
  byteOrdered,
  dropAppendOnlyTriggers,
  executeAll,
  type DialectKind,
} from '../dialect.ts';
import { sql } from '../kysely.ts';
import { insertBriefsSql } from '../briefs.ts';

/**
 * Lets a report read a run front to back in plan order. Joined by job key, a hash, every job
 * cost random seeks into large indexes, and reading its answer row (kilobytes) for a model id
 * and an excerpt cost more again. Now each response has a brief (briefs.ts) keyed by its job's
 * ordinal, and each verdict its job's ordinal and its response's turn. Rows stored before are
 * filled in here.
 */
export function responseBriefs(dialect: DialectKind): Migration {
  const key = byteOrdered(dialect);
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('response_briefs')
        .addColumn('run_id', 'text', key)
        .addColumn('job_ordinal', 'integer', (c) => c.notNull())
        .addColumn('turn', 'integer', (c) => c.notNull())
        .addColumn('served_model', 'text')
        .addColumn('excerpt', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('response_briefs_pk', ['run_id', 'job_ordinal', 'turn'])
        // Stored in key order on SQLite: a run's briefs lie together, in plan order.
        .$call((table) => (dialect === 'sqlite' ? table.modifyEnd(sql`without rowid`) : table))
        .execute();
      await sql.raw(insertBriefsSql(dialect)).execute(db);
      await executeAll(db, appendOnlyTriggers(dialect, 'response_briefs'));

      await db.schema.alterTable('verdicts').addColumn('job_ordinal', 'integer').execute();
      await db.schema.alterTable('verdicts').addColumn('turn', 'integer').execute();
      await executeAll(db, dropAppendOnlyTriggers(dialect, 'verdicts'));
      await sql`update verdicts set
        job_ordinal = (select j.ordinal from responses r join jobs j on j.key = r.job_key where r.id = verdicts.response_id),
        turn = (select r.turn from responses r where r.id = verdicts.response_id)`.execute(db);
      await executeAll(db, appendOnlyTriggers(dialect, 'verdicts'));
      await db.schema
        .createIndex('verdicts_plan')
        .on('verdicts')
        .columns(['run_id', 'job_ordinal', 'turn', 'id'])
        .execute();
    },
  };
}
