import { alignmentMean, bootstrapDraws, type RateOptions } from './rates.ts';
import type { MeanEstimate } from './types.ts';
import { runWorker } from '../util/worker.ts';

/**
 * The alignment means of many groups (see alignmentMean), in their order. A large report
 * bootstraps hundreds of groups of about a thousand values, 10^8 draws and more: those run in a
 * worker thread, so the caller can build the rest of the report meanwhile. Small ones run here,
 * where starting a thread would cost more than it saves.
 */
export function alignmentMeans(
  lists: readonly (readonly number[])[],
  options: RateOptions = {},
  { workerAboveDraws = WORKER_ABOVE_DRAWS }: { workerAboveDraws?: number } = {},
): Promise<(MeanEstimate | null)[]> {
  let draws = 0;
  for (const values of lists) draws += bootstrapDraws(values, options);
  if (draws <= workerAboveDraws)
    return Promise.resolve(lists.map((values) => alignmentMean(values, options)));
  const input: MeansWorkerInput = { lists: lists.map((values) => Float64Array.from(values)), options };
  return runWorker(
    WORKER,
    input,
    input.lists.map((values) => values.buffer),
  );
}

export interface MeansWorkerInput {
  lists: Float64Array<ArrayBuffer>[];
  options: RateOptions;
}

const WORKER = new URL('./means-worker.ts', import.meta.url);
// About a tenth of a second of bootstrap: below it, a thread's start costs more.
const WORKER_ABOVE_DRAWS = 50_000_000;
