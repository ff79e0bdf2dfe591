import http from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createParser } from 'eventsource-parser';
import type { Suite } from '../src/suite/schema.ts';
import type { SqlStore } from '../src/store/repository.ts';

/** One bench mode in its own process; prints {responses, cpuSeconds, maxRssMb} as JSON. */
const [mode, portArg, nArg] = process.argv.slice(2);
const port = Number(portArg);
const n = Number(nArg);
const url = `http://127.0.0.1:${port}/v1/chat/completions`;
const body = JSON.stringify({ model: 'bench', stream: true, messages: [{ role: 'user', content: 'hi' }] });
const CONCURRENCY = 50;
/** Chunks per answer: stream-server.ts reads the same variable. */
const CHUNKS = Number(process.env.CHUNKS ?? 50);

/**
 * The parsing every mode does, so the bare loops differ from redline only by what redline adds
 * (events, recorder, store): SSE framing as redline does it, one JSON.parse per frame, the text
 * put together. Checks the text, so the parsing cannot be skipped.
 */
function answerReader(): { feed(chunk: string): void; finish(): void } {
  let text = '';
  const parser = createParser({
    onEvent: ({ data }) => {
      if (data === '[DONE]') return;
      const frame = JSON.parse(data) as { choices: { delta: { content?: string } }[] };
      text += frame.choices[0]?.delta.content ?? '';
    },
  });
  return {
    feed: (chunk) => parser.feed(chunk),
    finish() {
      if (!text.startsWith('token0 ')) throw new Error(`unexpected answer: ${text.slice(0, 80)}`);
    },
  };
}

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
            const reader = answerReader();
            res.setEncoding('utf8');
            res.on('data', (chunk: string) => reader.feed(chunk));
            res.on('end', () => {
              reader.finish();
              resolve();
            });
          },
        );
        req.on('error', reject);
        req.end(body);
      }),
  );

const bareFetch = () =>
  pool(async () => {
    const res = await fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/json' } });
    const reader = answerReader();
    const decoder = new TextDecoder();
    for await (const chunk of res.body!) reader.feed(decoder.decode(chunk, { stream: true }));
    reader.finish();
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
    // Counted in the database (not read back whole: that is export's work, not the run's).
    const count = async (type: string) =>
      Number(
        (
          await (store as SqlStore).db
            .selectFrom('events')
            .innerJoin('responses', 'responses.id', 'events.response_id')
            .where('responses.run_id', '=', run.id)
            .where('events.type', '=', type)
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    // Every SSE event is kept raw: the chunks, the finish chunk and [DONE].
    const [raw, deltas] = [await count('raw'), await count('text-delta')];
    if (result.done !== n || raw !== n * (CHUNKS + 2) || deltas !== n * CHUNKS)
      throw new Error(`bench run incomplete: ${result.done}/${n} jobs, ${raw} raw and ${deltas} text events`);
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
