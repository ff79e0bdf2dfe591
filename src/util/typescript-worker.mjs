// Entry of every worker thread: loads TypeScript through tsx, as bin/redline.js does for the
// CLI, then runs the module named by startWorker (src/util/worker.ts).
import { argv } from 'node:process';
import { register } from 'tsx/esm/api';

register();
await import(argv[2]);
