import type { Kysely, Migration } from 'kysely';
import { appendOnlyTriggers, dropAppendOnlyTriggers, executeAll, type DialectKind } from '../dialect.ts';
import { sql } from '../kysely.ts';

/**
 * Responses and verdicts carry their job's ordinal (and verdicts their response's turn), so a
 * report reads a run's results in plan order through indexes walked front to back. Joined by
 * job key, which is a hash, every job cost two seeks to random places in large indexes: on a
 * million-job run that doubled the read. Rows stored before are filled in here.
 */
export function planOrderedResults(dialect: DialectKind): Migration {
  return {
    async up(db: Kysely<unknown>) {
      // SQLite's DDL is transactional, but Kysely runs its migrations outside a transaction there.
      const apply = async (db: Kysely<unknown>) => {
        await db.schema.alterTable('responses').addColumn('job_ordinal', 'integer').execute();
        await db.schema.alterTable('verdicts').addColumn('job_ordinal', 'integer').execute();
        await db.schema.alterTable('verdicts').addColumn('turn', 'integer').execute();
        for (const table of ['responses', 'verdicts'])
          await executeAll(db, dropAppendOnlyTriggers(dialect, table));
        await sql`update responses set job_ordinal = (select ordinal from jobs where jobs.key = responses.job_key)`.execute(
          db,
        );
        await sql`update verdicts set job_ordinal = (select job_ordinal from responses where responses.id = verdicts.response_id),
          turn = (select turn from responses where responses.id = verdicts.response_id)`.execute(db);
        for (const table of ['responses', 'verdicts'])
          await executeAll(db, appendOnlyTriggers(dialect, table));
        await db.schema
          .createIndex('responses_plan')
          .unique()
          .on('responses')
          .columns(['run_id', 'job_ordinal', 'turn'])
          .execute();
        await db.schema
          .createIndex('verdicts_plan')
          .on('verdicts')
          .columns(['run_id', 'job_ordinal', 'turn', 'id'])
          .execute();
      };
      if (dialect === 'sqlite') await db.transaction().execute(apply);
      else await apply(db);
    },
  };
}
