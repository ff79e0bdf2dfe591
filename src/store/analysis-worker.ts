import { parentPort, workerData } from 'node:worker_threads';
import BetterSqlite3 from 'better-sqlite3';
import { readSqliteRange, type OrdinalRange } from './analysis-sqlite.ts';

/** A worker thread reading one ordinal range of the analysis read (see analysis.ts). */
export interface AnalysisWorkerInput {
  path: string;
  runId: string;
  range: OrdinalRange;
  timeoutMs: number;
}

const { path, runId, range, timeoutMs } = workerData as AnalysisWorkerInput;
// Its own read-only connection: in WAL mode it reads beside the main one without waiting.
const handle = new BetterSqlite3(path, { readonly: true, fileMustExist: true, timeout: timeoutMs });
try {
  const part = readSqliteRange(handle, runId, range);
  const { cellIndex, samples, ordinals, verdictIndex } = part;
  parentPort!.postMessage(part, [cellIndex.buffer, samples.buffer, ordinals.buffer, verdictIndex.buffer]);
} finally {
  handle.close();
}
