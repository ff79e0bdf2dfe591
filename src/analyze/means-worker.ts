import { parentPort, workerData } from 'node:worker_threads';
import { alignmentMean } from './rates.ts';
import type { MeansWorkerInput } from './means.ts';

/** A worker thread working out alignment means (see means.ts); the values arrive as Float64Arrays. */
const { lists, options } = workerData as MeansWorkerInput;
parentPort!.postMessage(lists.map((values) => alignmentMean(Array.from(values), options)));
