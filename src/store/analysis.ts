import { availableParallelism } from 'node:os';
import type BetterSqlite3 from 'better-sqlite3';
import type { Kysely } from 'kysely';
import { SQLITE_BUSY_TIMEOUT_MS } from './dialect.ts';
import type { Database } from './tables.ts';
import type { AnalysisCell, AnalysisVerdict, AnalysisVisitor } from './types.ts';
import type { ConnectionLock } from './sqlite-writer.ts';
import { sql } from './kysely.ts';
import { analysisPart, type AnalysisPart, type PartRow } from './analysis-part.ts';
import type { AnalysisWorkerInput } from './analysis-worker.ts';
import { readSqliteRange, type OrdinalRange } from './analysis-sqlite.ts';
import { runWorker } from '../util/worker.ts';

/**
 * The analysis read: one record per job with a first-turn response, in planned order. A report
 * reads a million, so a job comes as four values: its cell and its verdicts as JSON text, parsed
 * once per distinct text and shared, its sample and its ordinal (excerpts are looked up for the
 * few rows a report shows, with Store.excerpts). On a SQLite file (analysis-sqlite.ts) a large run
 * is read in ordinal ranges at once: the first on this thread, the others in worker threads over
 * their own read-only connections. Each range reads its own snapshot; a job is stored whole or not
 * at all and belongs to one range, so a run still being written is never counted twice.
 */
export async function eachAnalysisRecord(
  db: Kysely<Database>,
  runId: string,
  visit: AnalysisVisitor,
  sqlite?: { handle: BetterSqlite3.Database; lock: ConnectionLock },
  options: PartOptions = {},
): Promise<void> {
  if (!sqlite) {
    const rows = await postgresQuery(db, runId).execute();
    const part = analysisPart(
      rows.map((r): PartRow => [r.cell, Number(r.sample), Number(r.ordinal), r.verdicts]),
    );
    visitPart(part, visit);
    return;
  }
  const { handle, lock } = sqlite;
  const maxParts = handle.memory ? 1 : (options.maxParts ?? Math.min(availableParallelism(), MAX_PARTS));
  const [first, ...others] = await ordinalRanges(db, runId, maxParts, options.minPartJobs ?? MIN_PART_JOBS);
  if (first === undefined) return;
  const workers = others.map((range) => {
    const input: AnalysisWorkerInput = { path: handle.name, runId, range, timeoutMs: SQLITE_BUSY_TIMEOUT_MS };
    const part = runWorker<AnalysisPart>(WORKER, input);
    // Awaited in order below; one failing while an earlier range is read must not go unhandled.
    part.catch(() => {});
    return part;
  });
  let part: AnalysisPart | undefined;
  await lock(() => {
    part = readSqliteRange(handle, runId, first);
  });
  visitPart(part!, visit);
  for (const worker of workers) visitPart(await worker, visit);
}

export interface PartOptions {
  /** Most ranges read at once; by default one per core, at most four. */
  maxParts?: number;
  /** Fewest jobs worth a range of their own: below it, starting a worker costs more than it saves. */
  minPartJobs?: number;
}

const WORKER = new URL('./analysis-worker.ts', import.meta.url);
const MAX_PARTS = 4;
const MIN_PART_JOBS = 50_000;

/**
 * Ordinal ranges of about equal size covering the run's jobs; one when the run is small. A
 * run's ordinals are 0 to n − 1, so the first and last tell its size without counting.
 */
async function ordinalRanges(
  db: Kysely<Database>,
  runId: string,
  maxParts: number,
  minPartJobs: number,
): Promise<OrdinalRange[]> {
  // Two queries: SQLite reads just one end of the index for a lone min() or max(), but scans
  // the whole run for both at once.
  const ordinalAt = (edge: 'min' | 'max') =>
    db
      .selectFrom('jobs')
      .select((eb) => eb.fn[edge]('ordinal').as('ordinal'))
      .where('run_id', '=', runId)
      .executeTakeFirstOrThrow();
  const [{ ordinal: low }, { ordinal: high }] = [await ordinalAt('min'), await ordinalAt('max')];
  if (low === null || high === null) return [];
  const [start, end] = [Number(low), Number(high) + 1];
  const parts = Math.max(1, Math.min(maxParts, Math.floor((end - start) / minPartJobs)));
  const step = (end - start) / parts;
  return Array.from({ length: parts }, (_, i): OrdinalRange => [
    start + Math.round(i * step),
    i === parts - 1 ? end : start + Math.round((i + 1) * step),
  ]);
}

/**
 * The analysis read on PostgreSQL: one query joining each job to its brief (briefs.ts) by its place
 * in the plan, with its verdicts in store order (effective-verdict precedence rests on it) and
 * without their times, so that the lists of most jobs read the same. JSON renders numbers in
 * their shortest exact form, as SQLite's 17 digits are exact.
 */
function postgresQuery(db: Kysely<Database>, runId: string) {
  return db
    .selectFrom('jobs')
    .innerJoin('response_briefs as b', (join) =>
      join
        .onRef('b.run_id', '=', 'jobs.run_id')
        .onRef('b.job_ordinal', '=', 'jobs.ordinal')
        .on('b.turn', '=', 0),
    )
    .where('jobs.run_id', '=', runId)
    .orderBy('jobs.ordinal')
    .select([
      sql<string>`json_build_array(jobs.target_id, jobs.probe_id, jobs.variant, jobs.lang, jobs.topic, jobs.kind,
        b.served_model)::text`.as('cell'),
      'jobs.sample as sample',
      'jobs.ordinal as ordinal',
      sql<string | null>`(select json_agg(json_build_array(v.scorer, v.label, v.alignment,
          v.reasoning_state, v.reasoning_steering) order by v.id)::text
        from verdicts v where v.run_id = jobs.run_id and v.job_ordinal = jobs.ordinal and v.turn = 0)`.as(
        'verdicts',
      ),
    ]);
}

const NO_VERDICTS: readonly AnalysisVerdict[] = Object.freeze([]);

// The reasoning columns as stored: a state, and steering as 1 or 0 (migration 0004).
type VerdictTuple = [string, string, number | null, string | null, number | null];

/** Visits a part's records: within a part, one frozen object per distinct cell and verdict list. */
function visitPart(part: AnalysisPart, visit: AnalysisVisitor): void {
  const cells = part.cells.map(parseCell);
  const lists = part.verdictLists.map(parseVerdicts);
  const { cellIndex, samples, ordinals, verdictIndex } = part;
  for (let i = 0; i < ordinals.length; i++) {
    const list = verdictIndex[i]!;
    visit({
      cell: cells[cellIndex[i]!]!,
      sample: samples[i]!,
      ordinal: ordinals[i]!,
      verdicts: list < 0 ? NO_VERDICTS : lists[list]!,
    });
  }
}

function parseCell(json: string): AnalysisCell {
  const [targetId, probeId, variant, lang, topic, kind, servedModel] = JSON.parse(json) as string[];
  return Object.freeze({
    targetId: targetId!,
    probeId: probeId!,
    variant: variant!,
    lang: lang!,
    topic: topic!,
    kind: kind!,
    servedModel: servedModel ?? null,
  });
}

function parseVerdicts(json: string): readonly AnalysisVerdict[] {
  return Object.freeze(
    (JSON.parse(json) as VerdictTuple[]).map(([scorer, label, alignment, state, steering]): AnalysisVerdict =>
      Object.freeze({
        scorer,
        label,
        alignment,
        reasoningState: state,
        reasoningSteering: steering === null ? null : steering === 1,
      }),
    ),
  );
}
