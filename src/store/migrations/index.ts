import type { Migration } from 'kysely';
import type { DialectKind } from '../dialect.ts';
import { initialSchema } from './0001_init.ts';
import { uniqueJobOrdinal } from './0002_unique_job_ordinal.ts';
import { responseBriefs } from './0003_response_briefs.ts';
import { verdictReasoning } from './0004_verdict_reasoning.ts';
import { analysisIndexes } from './0005_analysis_indexes.ts';

/**
 * Every migration, listed statically (no folder scan) so they work from a bundle.
 * Names sort in the order they must run; never rename or edit one that has shipped.
 */
export function allMigrations(dialect: DialectKind): Record<string, Migration> {
  return {
    '0001_init': initialSchema(dialect),
    '0002_unique_job_ordinal': uniqueJobOrdinal,
    '0003_response_briefs': responseBriefs(dialect),
    '0004_verdict_reasoning': verdictReasoning(dialect),
    '0005_analysis_indexes': analysisIndexes,
  };
}
