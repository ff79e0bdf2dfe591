import type BetterSqlite3 from 'better-sqlite3';
import { IntColumn, Interned, type AnalysisPart } from './analysis-part.ts';

/** Ordinals [from, to) of one run. */
export type OrdinalRange = [from: number, to: number];

/**
 * One ordinal range of the analysis read on SQLite. Handing a row to JavaScript costs
 * better-sqlite3 more than SQLite's whole scan of it, and a join costs an index seek per job; so
 * each of the three tables (jobs, response briefs, verdicts) is scanned on its own, in chunks of
 * chunkJobs ordinals, and SQLite packs a chunk's entries into one text per table. One statement
 * reads the whole range, so all three come from one snapshot. The texts are JSON or numbers
 * between control characters, which JSON never leaves unescaped, so a served model's name
 * cannot break them apart.
 */
export function readSqliteRange(
  handle: BetterSqlite3.Database,
  runId: string,
  [from, to]: OrdinalRange,
  chunkJobs = CHUNK_JOBS,
): AnalysisPart {
  const builder = new PartBuilder(chunkJobs);
  const chunks = handle
    .prepare<[ChunkParameters], ChunkRow>(CHUNKS_SQL)
    .raw(true)
    .iterate({ run: runId, from, to, size: chunkJobs });
  for (const [first, jobs, briefs, verdicts] of chunks) builder.addChunk(first, jobs, briefs, verdicts);
  return builder.part();
}

const CHUNK_JOBS = 8192;
const ENTRY = '\x1e';
const FIELD = '\x1d';

interface ChunkParameters {
  run: string;
  from: number;
  to: number;
  size: number;
}
type ChunkRow = [first: number, jobs: string | null, briefs: string | null, verdicts: string | null];

// Entries are placed by their ordinal, so the order group_concat joins them in does not matter;
// a job's verdicts are listed in store order, on which effective-verdict precedence rests. The
// verdicts and briefs are read from indexes that hold all of this (migration 0005), not from
// their rows. Exported for the test that checks so.
export const CHUNKS_SQL = `
with recursive chunks(first) as (
  select @from where @from < @to
  union all
  select first + @size from chunks where first + @size < @to
)
select first,
  (select group_concat(json_array(target_id, probe_id, variant, lang, topic, kind)
      || char(29) || sample || char(29) || ordinal, char(30))
    from jobs
    where run_id = @run and ordinal >= first and ordinal < min(first + @size, @to)),
  (select group_concat(job_ordinal || char(29) || json_quote(served_model), char(30))
    from response_briefs
    where run_id = @run and turn = 0 and job_ordinal >= first and job_ordinal < min(first + @size, @to)),
  (select group_concat(job_ordinal || char(29) || list, char(30))
    from (
      select job_ordinal,
        json_group_array(json_array(scorer, label, alignment, reasoning_state, reasoning_steering) order by id) as list
      from verdicts
      where run_id = @run and turn = 0 and job_ordinal >= first and job_ordinal < min(first + @size, @to)
      group by job_ordinal))
from chunks`;

/** Turns packed chunks into a part, in ordinal order, keeping jobs that have a first-turn response. */
class PartBuilder {
  /** Distinct by construction: one per pair of job cell and served model. */
  private readonly cells: string[] = [];
  private readonly verdictLists = new SliceInterner();
  private readonly jobCells = new SliceInterner();
  private readonly models = new SliceInterner();
  /** Per served model: job cell → cell. */
  private readonly cellOfModel: Map<number, number>[] = [];
  private readonly cellIndex = new IntColumn();
  private readonly samples = new IntColumn();
  private readonly ordinals = new IntColumn();
  private readonly verdictIndex = new IntColumn();
  // Per place in a chunk: -1 where the chunk has no such entry.
  private readonly jobCellAt: Int32Array;
  private readonly sampleAt: Int32Array;
  private readonly modelAt: Int32Array;
  private readonly listAt: Int32Array;

  constructor(private readonly chunkJobs: number) {
    this.jobCellAt = new Int32Array(chunkJobs);
    this.sampleAt = new Int32Array(chunkJobs);
    this.modelAt = new Int32Array(chunkJobs);
    this.listAt = new Int32Array(chunkJobs);
  }

  addChunk(first: number, jobs: string | null, briefs: string | null, verdicts: string | null): void {
    if (jobs === null || briefs === null) return;
    this.jobCellAt.fill(-1);
    this.modelAt.fill(-1);
    this.listAt.fill(-1);
    eachEntry(jobs, (start, field, end) => {
      const second = jobs.indexOf(FIELD, field + 1);
      const at = integerAt(jobs, second + 1, end) - first;
      this.jobCellAt[at] = this.jobCells.index(jobs, start, field);
      this.sampleAt[at] = integerAt(jobs, field + 1, second);
    });
    eachEntry(briefs, (start, field, end) => {
      this.modelAt[integerAt(briefs, start, field) - first] = this.models.index(briefs, field + 1, end);
    });
    if (verdicts !== null)
      eachEntry(verdicts, (start, field, end) => {
        this.listAt[integerAt(verdicts, start, field) - first] = this.verdictLists.index(
          verdicts,
          field + 1,
          end,
        );
      });
    for (let at = 0; at < this.chunkJobs; at++) {
      const jobCell = this.jobCellAt[at]!;
      const model = this.modelAt[at]!;
      if (jobCell < 0 || model < 0) continue;
      this.cellIndex.push(this.cell(jobCell, model));
      this.samples.push(this.sampleAt[at]!);
      this.ordinals.push(first + at);
      this.verdictIndex.push(this.listAt[at]!);
    }
  }

  part(): AnalysisPart {
    return {
      cells: this.cells,
      verdictLists: this.verdictLists.interned.texts,
      cellIndex: this.cellIndex.array(),
      samples: this.samples.array(),
      ordinals: this.ordinals.array(),
      verdictIndex: this.verdictIndex.array(),
    };
  }

  /** The cell of a job's columns and its response's served model, as one JSON array. */
  private cell(jobCell: number, model: number): number {
    const cells = (this.cellOfModel[model] ??= new Map<number, number>());
    let cell = cells.get(jobCell);
    if (cell === undefined) {
      const columns = this.jobCells.interned.texts[jobCell]!;
      cell = this.cells.push(`${columns.slice(0, -1)},${this.models.interned.texts[model]!}]`) - 1;
      cells.set(jobCell, cell);
    }
    return cell;
  }
}

/** Calls back with each entry's start, its first field separator and its end. */
function eachEntry(packed: string, visit: (start: number, field: number, end: number) => void): void {
  for (let start = 0; start < packed.length;) {
    let end = packed.indexOf(ENTRY, start);
    if (end < 0) end = packed.length;
    visit(start, packed.indexOf(FIELD, start), end);
    start = end + 1;
  }
}

/** A non-negative integer written in packed[start, end). */
function integerAt(packed: string, start: number, end: number): number {
  let value = 0;
  for (let i = start; i < end; i++) value = value * 10 + packed.charCodeAt(i) - 48;
  return value;
}

/**
 * Interns slices of packed text. Neighbouring jobs mostly share their cell, model and verdicts, so
 * a slice equal to the one before is recognised in place, without copying or hashing it.
 */
class SliceInterner {
  readonly interned = new Interned();
  private last = '';
  private lastIndex = -1;

  index(packed: string, start: number, end: number): number {
    if (this.lastIndex < 0 || end - start !== this.last.length || !packed.startsWith(this.last, start)) {
      this.last = packed.slice(start, end);
      this.lastIndex = this.interned.index(this.last);
    }
    return this.lastIndex;
  }
}
