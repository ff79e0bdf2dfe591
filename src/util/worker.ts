import { Worker, type Transferable } from 'node:worker_threads';

const ENTRY = new URL('./typescript-worker.mjs', import.meta.url);

/**
 * Runs a TypeScript module in a worker thread and resolves with the first message it posts;
 * rejects with its error, or when it exits without posting. What transferList names is moved to
 * the thread rather than copied.
 */
export function runWorker<T>(
  module: URL,
  workerData: unknown,
  transferList: Transferable[] = [],
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const worker = new Worker(ENTRY, { argv: [module.href], workerData, transferList });
    let settled = false;
    worker.once('message', (message: T) => {
      settled = true;
      resolve(message);
    });
    worker.once('error', (error) => {
      settled = true;
      reject(error);
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`worker ${module.pathname} exited with code ${code} before answering`));
    });
  });
}
