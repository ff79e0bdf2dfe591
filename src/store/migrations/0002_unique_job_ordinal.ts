import type { Kysely, Migration } from 'kysely';

/**
 * A job's ordinal is unique within its run. The planner always made it so; now the database
 * says so too, and the analysis query groups a job's verdicts by it (see analysis.ts).
 */
export const uniqueJobOrdinal: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createIndex('jobs_run_ordinal')
      .unique()
      .on('jobs')
      .columns(['run_id', 'ordinal'])
      .execute();
    await db.schema.dropIndex('jobs_run').execute();
  },
};
