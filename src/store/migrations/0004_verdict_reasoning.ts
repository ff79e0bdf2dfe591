import type { Kysely, Migration } from 'kysely';
import { appendOnlyTriggers, dropAppendOnlyTriggers, executeAll, type DialectKind } from '../dialect.ts';
import { sql } from '../kysely.ts';

/**
 * Each verdict carries what its scorer found of the reasoning (details.reasoning: its state and
 * whether it steered) in two columns of its own, written with it (rows.ts). A report read them
 * out of each verdict's details JSON: parsing a million such texts cost more than reading the
 * rest of the verdict. Verdicts stored before are filled in here, by the same rule.
 */
export function verdictReasoning(dialect: DialectKind): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('verdicts').addColumn('reasoning_state', 'text').execute();
      await db.schema.alterTable('verdicts').addColumn('reasoning_steering', 'integer').execute();
      await executeAll(db, dropAppendOnlyTriggers(dialect, 'verdicts'));
      await sql.raw(fillSql(dialect)).execute(db);
      await executeAll(db, appendOnlyTriggers(dialect, 'verdicts'));
    },
  };
}

/** State when it is a string, steering 1 or 0 when it is a boolean; null otherwise, as verdictToRow (rows.ts). */
function fillSql(dialect: DialectKind): string {
  if (dialect === 'sqlite')
    return `update verdicts set
      reasoning_state = case json_type(details, '$.reasoning.state')
        when 'text' then json_extract(details, '$.reasoning.state') end,
      reasoning_steering = case json_type(details, '$.reasoning.steering')
        when 'true' then 1 when 'false' then 0 end
      where details is not null`;
  return `update verdicts set
      reasoning_state = case json_typeof(details::json -> 'reasoning' -> 'state')
        when 'string' then details::json -> 'reasoning' ->> 'state' end,
      reasoning_steering = case json_typeof(details::json -> 'reasoning' -> 'steering')
        when 'boolean' then ((details::json -> 'reasoning' ->> 'steering')::boolean)::int end
      where details is not null`;
}
