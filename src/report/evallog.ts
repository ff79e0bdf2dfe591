import type { JobRecord, ResponseWithEvents, RunRecord, Store, VerdictRecord } from '../store/types.ts';
import { InputError } from '../util/errors.ts';

/**
 * The eval log: a versioned, self-describing JSONL file. Line 1 is the header (format, version,
 * the run with its full spec, jobs that have no result yet); each further line is one job's
 * result: the job, every turn with all its events, and every verdict.
 */
export const EVAL_LOG_FORMAT = 'redline-eval-log';
export const EVAL_LOG_VERSION = 1;

export interface EvalLogHeader {
  format: typeof EVAL_LOG_FORMAT;
  version: number;
  simulated: boolean;
  exportedAt: string;
  run: RunRecord;
  pendingJobs: JobRecord[];
}

export interface EvalLogEntry {
  job: JobRecord;
  responses: ResponseWithEvents[];
  verdicts: VerdictRecord[];
}

export async function* exportLines(store: Store, runId: string): AsyncIterable<string> {
  const run = await store.getRun(runId);
  if (!run) throw new InputError(`no run ${runId} in this database (see \`redline runs\`)`);
  const header: EvalLogHeader = {
    format: EVAL_LOG_FORMAT,
    version: EVAL_LOG_VERSION,
    simulated: run.simulated,
    exportedAt: new Date().toISOString(),
    run,
    pendingJobs: await store.pendingJobs(runId),
  };
  yield JSON.stringify(header);
  const jobs = new Map((await store.jobs(runId)).map((j) => [j.key, j]));
  const verdicts = new Map<string, VerdictRecord[]>();
  for (const v of await store.verdicts(runId))
    verdicts.set(v.responseId, [...(verdicts.get(v.responseId) ?? []), v]);
  let current: EvalLogEntry | undefined;
  for (const r of await store.responsesWithEvents(runId)) {
    if (current && current.job.key !== r.jobKey) {
      yield JSON.stringify(current);
      current = undefined;
    }
    const job = jobs.get(r.jobKey);
    if (!job) continue;
    current ??= { job, responses: [], verdicts: [] };
    current.responses.push(r);
    current.verdicts.push(...(verdicts.get(r.id) ?? []));
  }
  if (current) yield JSON.stringify(current);
}

/** Upgrades from older versions go here, one function per version step. */
function readHeader(line: string, file: string): EvalLogHeader {
  let header: Partial<EvalLogHeader>;
  try {
    header = JSON.parse(line) as Partial<EvalLogHeader>;
  } catch {
    throw new InputError(
      `${file}:1: not JSON; an eval log starts with a header line from \`redline export\``,
    );
  }
  if (header.format !== EVAL_LOG_FORMAT)
    throw new InputError(`${file}:1: not a redline eval log (format is ${JSON.stringify(header.format)})`);
  if (header.version !== EVAL_LOG_VERSION) {
    throw new InputError(
      `${file}:1: eval log version ${header.version} is newer than this redline reads (${EVAL_LOG_VERSION}); upgrade redline`,
    );
  }
  if (!header.run?.id) throw new InputError(`${file}:1: the header has no run`);
  return header as EvalLogHeader;
}

/** Imports an eval log; a run that already exists gains only what it lacks. Returns the run id. */
export async function importLines(
  store: Store,
  lines: string[],
  file: string,
): Promise<{ runId: string; results: number }> {
  const nonEmpty = lines.map((l, i) => [l, i + 1] as const).filter(([l]) => l.trim() !== '');
  if (nonEmpty.length === 0) throw new InputError(`${file}: empty file`);
  const header = readHeader(nonEmpty[0]![0], file);
  const entries = nonEmpty.slice(1).map(([line, n]) => {
    try {
      const entry = JSON.parse(line) as EvalLogEntry;
      if (!entry.job?.key || !Array.isArray(entry.responses)) throw new Error('missing job or responses');
      return entry;
    } catch (err) {
      throw new InputError(`${file}:${n}: not a valid eval log entry (${(err as Error).message})`);
    }
  });
  await store.createRun(header.run, [...header.pendingJobs, ...entries.map((e) => e.job)]);
  let results = 0;
  const known = new Set(
    (await store.verdicts(header.run.id)).map((v) => `${v.responseId}|${v.scorer}|${v.createdAt}`),
  );
  for (const entry of entries) {
    if (await store.saveResult(entry.job.key, entry.responses)) results++;
    const fresh = entry.verdicts.filter((v) => !known.has(`${v.responseId}|${v.scorer}|${v.createdAt}`));
    if (fresh.length > 0) await store.addVerdicts(fresh.map(({ id: _id, ...v }) => v));
  }
  return { runId: header.run.id, results };
}
