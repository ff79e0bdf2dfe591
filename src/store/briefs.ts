import type { DialectKind } from './dialect.ts';

/**
 * A response's brief: what a report reads of it (its job's place in the plan, the model the
 * server said it served, the first 200 characters of the answer), copied once into the narrow
 * response_briefs table. Answers run to kilobytes, and reading a million of them for this much
 * cost more than all the rest of a report.
 *
 * One statement makes the briefs from responses already stored (`r`), so every writer and
 * the migration that filled in older stores agree to the character. A writer appends
 * `where r.id = …` to brief the response it just stored.
 */
export function insertBriefsSql(dialect: DialectKind): string {
  const servedModel =
    dialect === 'sqlite' ? `json_extract(r.fingerprint, '$.model')` : `r.fingerprint::json ->> 'model'`;
  return `insert into response_briefs (run_id, job_ordinal, turn, served_model, excerpt)
    select r.run_id, j.ordinal, r.turn, ${servedModel}, substr(r.text, 1, 200)
    from responses r join jobs j on j.key = r.job_key`;
}
