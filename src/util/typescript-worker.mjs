// Entry of every worker thread: loads TypeScript through tsx, as bin/redline.js does for the
// CLI, then runs the module named by runWorker (src/util/worker.ts).
import { argv } from 'node:process';
import { register } from 'tsx/esm/api';

register();
const STANDARD = new Set([Error, EvalError, RangeError, ReferenceError, SyntaxError, TypeError, URIError]);
try {
  await import(argv[2]);
} catch (error) {
  // The main thread rebuilds only the standard error classes: another (SQLite's) would arrive as a
  // bare object without its message. A plain Error keeps the message, code and stack.
  if (!(error instanceof Error) || STANDARD.has(error.constructor)) throw error;
  throw Object.assign(new Error(`${error.name}: ${error.message}`), { code: error.code, stack: error.stack });
}
