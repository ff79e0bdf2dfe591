import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

/**
 * `npm run bench:harness [N]`: N prompts against a zero-latency loopback OpenAI-compatible
 * server streaming 50 chunks per answer, at concurrency 50. Each mode runs in its own process,
 * process start included: redline (every chunk stored in SQLite) and bare loops over node:http
 * and fetch that parse the same SSE frames and JSON but keep nothing. Goal: 1,000 streamed
 * answers in under 1.3 s wall, peak RSS under 150 MB.
 */
const N = Number(process.argv[2] ?? 1000);
const here = import.meta.dirname;
const tsx = join(here, '..', 'node_modules', 'tsx', 'dist', 'loader.mjs');

const server = spawn(process.execPath, ['--import', tsx, join(here, 'stream-server.ts')], {
  stdio: ['ignore', 'pipe', 'inherit'],
});
const [portLine] = (await once(server.stdout, 'data')) as [Buffer];
const port = portLine.toString().trim();

async function measure(mode: string) {
  const start = performance.now();
  const child = spawn(
    process.execPath,
    ['--import', tsx, join(here, 'harness-worker.ts'), mode, port, String(N)],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  const [code] = (await once(child, 'close')) as [number];
  const wall = (performance.now() - start) / 1000;
  if (code !== 0) throw new Error(`${mode} failed with exit code ${code}`);
  const r = JSON.parse(out.trim()) as { responses: number; cpuSeconds: number; maxRssMb: number };
  return {
    mode,
    wallSeconds: +wall.toFixed(2),
    cpuSeconds: +r.cpuSeconds.toFixed(2),
    peakRssMb: Math.round(r.maxRssMb),
    responsesPerSecond: Math.round(r.responses / wall),
  };
}

try {
  const rows = [];
  for (const mode of ['node:http', 'fetch', 'redline']) rows.push(await measure(mode));
  console.log(
    `${N} streamed answers × 50 chunks, concurrency 50, process start included; ` +
      'node:http and fetch parse SSE and JSON but store nothing:',
  );
  console.table(rows);
} finally {
  server.kill();
}
