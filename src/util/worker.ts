import { Worker } from 'node:worker_threads';

const ENTRY = new URL('./typescript-worker.mjs', import.meta.url);

/**
 * Runs a TypeScript module in a worker thread and resolves with the first message it posts;
 * rejects with its error, or when it exits without posting.
 */
export function runWorker<T>(module: URL, workerData: unknown): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const worker = new Worker(ENTRY, { argv: [module.href], workerData });
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
