import type BetterSqlite3 from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type { DialectKind } from './dialect.ts';
import type { Database } from './tables.ts';
import type { AnalysisCell, AnalysisRecord, AnalysisVerdict } from './types.ts';
import type { ConnectionLock } from './sqlite-writer.ts';
import { sql } from './kysely.ts';

/**
 * The analysis query: one row per job with a first-turn response, in planned order. A report
 * reads a million of them, and what costs is not SQLite's work but making JavaScript values of
 * each column of each row, and keeping them. So the row is five values: the job's cell and its
 * verdicts come as JSON text, parsed once per distinct text and shared (most jobs repeat a
 * handful of cells and verdict lists), and the excerpt.
 */
export async function analysisRecords(
  db: Kysely<Database>,
  dialect: DialectKind,
  runId: string,
  sqlite?: { handle: BetterSqlite3.Database; lock: ConnectionLock },
): Promise<AnalysisRecord[]> {
  const query = analysisQuery(db, dialect, runId);
  const reader = new RecordReader();
  if (sqlite) {
    // Raw rows straight from better-sqlite3, one at a time: no object per row, nothing kept but the record.
    const { sql: text, parameters } = query.compile();
    const statement = sqlite.handle.prepare<unknown[], RawRow>(text).raw(true);
    const records: AnalysisRecord[] = [];
    await sqlite.lock(() => {
      for (const row of statement.iterate(...parameters)) records.push(reader.record(row));
    });
    return records;
  }
  const rows = await query.execute();
  return rows.map((r) => reader.record([r.cell, r.sample, r.excerpt, r.verdicts]));
}

type RawRow = [cell: string, sample: number | string, excerpt: string, verdicts: string | null];

function analysisQuery(db: Kysely<Database>, dialect: DialectKind, runId: string) {
  // JSON numbers render exactly on both engines (SQLite 3.53 writes 17 digits; PostgreSQL the shortest exact form).
  const [cell, verdicts] =
    dialect === 'sqlite'
      ? [
          sql<string>`json_array(jobs.target_id, jobs.probe_id, jobs.variant, jobs.lang, jobs.topic, jobs.kind,
            json_extract(responses.fingerprint, '$.model'))`,
          sql<string | null>`(select json_group_array(json_array(v.scorer, v.label, v.alignment, v.created_at,
              json_extract(v.details, '$.reasoning.state'), json_extract(v.details, '$.reasoning.steering'))
              order by v.id)
            from verdicts v where v.response_id = responses.id)`,
        ]
      : [
          sql<string>`json_build_array(jobs.target_id, jobs.probe_id, jobs.variant, jobs.lang, jobs.topic, jobs.kind,
            responses.fingerprint::json ->> 'model')::text`,
          sql<string | null>`(select json_agg(json_build_array(v.scorer, v.label, v.alignment, v.created_at,
              v.details::json -> 'reasoning' ->> 'state', (v.details::json -> 'reasoning' ->> 'steering') = 'true')
              order by v.id)::text
            from verdicts v where v.response_id = responses.id)`,
        ];
  return db
    .selectFrom('jobs')
    .innerJoin('responses', (join) =>
      join.onRef('responses.job_key', '=', 'jobs.key').on('responses.turn', '=', 0),
    )
    .select([
      cell.as('cell'),
      'jobs.sample as sample',
      sql<string>`substr(responses.text, 1, 200)`.as('excerpt'),
      verdicts.as('verdicts'),
    ])
    .where('jobs.run_id', '=', runId)
    .orderBy('jobs.ordinal');
}

/** Past this many distinct verdict lists, sharing them saves nothing: the cache starts again. */
const VERDICT_CACHE_LIMIT = 50_000;
const NO_VERDICTS: readonly AnalysisVerdict[] = Object.freeze([]);

type VerdictTuple = [string, string, number | null, string, unknown, unknown];

class RecordReader {
  private readonly cells = new Map<string, AnalysisCell>();
  private readonly verdictLists = new Map<string, readonly AnalysisVerdict[]>();

  record([cellJson, sample, excerpt, verdictsJson]: RawRow): AnalysisRecord {
    return {
      cell: this.cell(cellJson),
      sample: Number(sample),
      excerpt,
      verdicts: verdictsJson === null ? NO_VERDICTS : this.verdicts(verdictsJson),
    };
  }

  private cell(json: string): AnalysisCell {
    let cell = this.cells.get(json);
    if (cell === undefined) {
      const [targetId, probeId, variant, lang, topic, kind, servedModel] = JSON.parse(json) as string[];
      cell = Object.freeze({
        targetId: targetId!,
        probeId: probeId!,
        variant: variant!,
        lang: lang!,
        topic: topic!,
        kind: kind!,
        servedModel: servedModel ?? null,
      });
      this.cells.set(json, cell);
    }
    return cell;
  }

  private verdicts(json: string): readonly AnalysisVerdict[] {
    let list = this.verdictLists.get(json);
    if (list === undefined) {
      list = Object.freeze(
        (JSON.parse(json) as VerdictTuple[]).map(
          ([scorer, label, alignment, createdAt, state, steering]): AnalysisVerdict =>
            Object.freeze({
              scorer,
              label,
              alignment,
              createdAt,
              reasoningState: typeof state === 'string' ? state : null,
              reasoningSteering: steering === null ? null : Boolean(steering),
            }),
        ),
      );
      if (this.verdictLists.size >= VERDICT_CACHE_LIMIT) this.verdictLists.clear();
      this.verdictLists.set(json, list);
    }
    return list;
  }
}
