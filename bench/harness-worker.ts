import http from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Suite } from '../src/suite/schema.ts';

/** One bench mode in its own process; prints {responses, cpuSeconds, maxRssMb} as JSON. */
const [mode, portArg, nArg] = process.argv.slice(2);
const port = Number(portArg);
const n = Number(nArg);
const url = `http://127.0.0.1:${port}/v1/chat/completions`;
const body = JSON.stringify({ model: 'bench', stream: true, messages: [{ role: 'user', content: 'hi' }] });
const CONCURRENCY = 50;

async function pool(task: () => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next++ < n) await task();
    }),
  );
}

const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
const bareNodeHttp = () =>
  pool(
    () =>
      new Promise<void>((resolve, reject) => {
        const req = http.request(
          url,
          { method: 'POST', agent, headers: { 'content-type': 'application/json' } },
          (res) => {
            res.on('data', () => {});
            res.on('end', resolve);
          },
        );
        req.on('error', reject);
        req.end(body);
      }),
  );

const bareFetch = () =>
  pool(async () => {
    const res = await fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/json' } });
    for await (const _chunk of res.body!) void _chunk;
  });

async function redline(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'redline-bench-'));
  // Loaded here, not at the top: the bare loops must not pay for loading redline.
  const [{ openStore }, { parseTargetSpec }, { createTarget }, { openRun }, { executeRun }] =
    await Promise.all([
      import('../src/store/open.ts'),
      import('../src/target/spec.ts'),
      import('../src/target/registry.ts'),
      import('../src/run/session.ts'),
      import('../src/run/runner.ts'),
    ]);
  const store = await openStore(`sqlite:${join(dir, 'bench.db')}`);
  try {
    const suite: Suite = {
      id: 'bench',
      version: '1',
      title: 'bench',
      languages: ['en'],
      probes: Array.from({ length: n }, (_, i) => ({
        id: `p${i}`,
        topic: 'bench',
        kind: 'benign' as const,
        prompt: { en: `question ${i}` },
      })),
    };
    const config = parseTargetSpec(`openai-compatible:bench@http://127.0.0.1:${port}/v1`, {
      concurrency: CONCURRENCY,
    });
    const spec = {
      suite,
      suiteSource: 'bench',
      targets: [config],
      languages: ['en'],
      samples: 1,
      variants: false,
    };
    const { run } = await openRun(store, spec, 'bench');
    const result = await executeRun({
      store,
      runId: run.id,
      suite,
      targets: [createTarget(config)],
      signal: new AbortController().signal,
    });
    const events = (await store.responsesWithEvents(run.id)).reduce((sum, r) => sum + r.events.length, 0);
    if (result.done !== n || events < n * 50)
      throw new Error(`bench run incomplete: ${result.done}/${n} jobs, ${events} events`);
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const modes: Record<string, () => Promise<void>> = { redline, 'node:http': bareNodeHttp, fetch: bareFetch };
await modes[mode!]!();
const usage = process.resourceUsage();
process.stdout.write(
  JSON.stringify({
    responses: n,
    cpuSeconds: (usage.userCPUTime + usage.systemCPUTime) / 1e6,
    maxRssMb: usage.maxRSS / 1024,
  }) + '\n',
);
agent.destroy();
