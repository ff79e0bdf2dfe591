import { parentPort, workerData } from 'node:worker_threads';
import BetterSqlite3 from 'better-sqlite3';
import { analysisPart, type PartRow } from './analysis-part.ts';

/** A worker thread reading one ordinal range of the analysis query (see analysis.ts). */
export interface AnalysisWorkerInput {
  path: string;
  sql: string;
  parameters: unknown[];
  timeoutMs: number;
}

const { path, sql, parameters, timeoutMs } = workerData as AnalysisWorkerInput;
// Its own read-only connection: in WAL mode it reads beside the main one without waiting.
const handle = new BetterSqlite3(path, { readonly: true, fileMustExist: true, timeout: timeoutMs });
try {
  const part = analysisPart(
    handle
      .prepare<unknown[], PartRow>(sql)
      .raw(true)
      .iterate(...parameters),
  );
  const { cellIndex, samples, ordinals, verdictIndex } = part;
  parentPort!.postMessage(part, [cellIndex.buffer, samples.buffer, ordinals.buffer, verdictIndex.buffer]);
} finally {
  handle.close();
}
