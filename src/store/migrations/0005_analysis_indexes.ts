import type { Kysely, Migration } from 'kysely';

/**
 * Indexes that hold all a report reads of verdicts and response briefs (analysis-sqlite.ts), so
 * the read walks them alone. A verdict row is about 700 bytes with its evidence and details, a
 * brief up to 600 with its excerpt: from a cold page cache, reading those rows for a million
 * responses took 22 s, the indexes about 5 s.
 */
export const analysisIndexes: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.dropIndex('verdicts_plan').execute();
    await db.schema
      .createIndex('verdicts_analysis')
      .on('verdicts')
      .columns([
        'run_id',
        'job_ordinal',
        'turn',
        'id',
        'scorer',
        'label',
        'alignment',
        'reasoning_state',
        'reasoning_steering',
      ])
      .execute();
    await db.schema
      .createIndex('response_briefs_models')
      .on('response_briefs')
      .columns(['run_id', 'turn', 'job_ordinal', 'served_model'])
      .execute();
  },
};
