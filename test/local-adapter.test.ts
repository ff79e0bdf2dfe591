import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StreamEvent } from '../src/target/events.ts';
import { createTarget } from '../src/target/registry.ts';
import { parseTargetSpec } from '../src/target/spec.ts';
import { localTargetConfig } from '../src/target/spec.ts';
import type { ChatMessage, Target, TargetConfig } from '../src/target/types.ts';
import { recordResponse } from '../src/run/recorder.ts';
import { encodeGguf } from './helpers/gguf-writer.ts';
import { buildTinyModel, writeTinyModel } from './helpers/gguf-tiny.ts';

// Real GGUF files written by the test, loaded and run by node-llama-cpp (llama.cpp, CPU).
const REPLY = ['<think>', '▁weighing', '</think>', '▁Hello', '▁from', '▁tiny', '▁model'];
const QUESTION: ChatMessage[] = [
  { role: 'user', content: 'What happened in Tiananmen Square in June 1989?' },
];

let dir: string;
let replyModel: string;
let randomModel: string;
let vocab: string[];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'redline-local-'));
  replyModel = join(dir, 'reply.gguf');
  randomModel = join(dir, 'random.gguf');
  vocab = writeTinyModel(replyModel, { reply: REPLY });
  writeTinyModel(randomModel, { seed: 7, name: 'random tiny' });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** One thread: on a loaded shared machine, llama.cpp's threads otherwise wait on each other. */
function target(path: string, params: Record<string, unknown> = {}): Target {
  const config = localTargetConfig(path);
  return createTarget({ ...config, params: { ...config.params, threads: 1, ...params } });
}

async function ask(t: Target, messages = QUESTION, sample = 0, signal?: AbortSignal): Promise<StreamEvent[]> {
  const events: StreamEvent[] = [];
  for await (const ev of t.stream({ messages, sample, signal })) events.push(ev);
  return events;
}

const texts = (events: StreamEvent[], type: 'text-delta' | 'reasoning-delta') =>
  events.flatMap((e) => (e.type === type ? [e.text] : []));
const tokenIds = (events: StreamEvent[]) =>
  events.flatMap((e) => (e.type === 'raw' ? (JSON.parse(e.data) as { tokens: number[] }).tokens : []));

describe('local target: a GGUF model run in-process', () => {
  it('streams the model tokens as timed events: meta with the weights sha256, raw token ids, reasoning, text, finish', async () => {
    const events = await ask(target(replyModel));
    const sha256 = createHash('sha256').update(readFileSync(replyModel)).digest('hex');
    expect(events[0]).toMatchObject({
      type: 'meta',
      data: {
        model: 'redline tiny test model',
        weightsSha256: sha256,
        architecture: 'llama',
        fileType: 'ALL_F32',
        sizeBytes: String(readFileSync(replyModel).length),
      },
    });
    expect(events[0]!.type === 'meta' && events[0]!.data.engine).toMatch(
      /^node-llama-cpp 3\.21\.1, llama\.cpp /,
    );
    // The planted reply, token by token: raw ids are the vocabulary's, each a separate event.
    expect(tokenIds(events)).toEqual(REPLY.map((piece) => vocab.indexOf(piece)));
    expect(texts(events, 'reasoning-delta').join('')).toBe(' weighing');
    expect(texts(events, 'text-delta')).toEqual([' Hello', ' from', ' tiny', ' model']);
    expect(events.at(-1)).toMatchObject({
      type: 'finish',
      reason: { normalized: 'stop', raw: 'eogToken' },
      usage: { outputTokens: REPLY.length + 1 }, // the end-of-generation token counts
    });
    const times = events.map((e) => e.t);
    expect(times.every((t) => t >= 0)).toBe(true);
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it('folds through the recorder like any target: text, reasoning, finish, fingerprint', async () => {
    const t = target(replyModel);
    const events = await ask(t);
    const response = recordResponse({
      id: 'j#0',
      jobKey: 'j',
      runId: 'r',
      turn: 0,
      request: t.describe({ messages: QUESTION, sample: 0 }),
      target: t.config,
      events,
      attempts: 1,
    });
    expect(response.text).toBe(' Hello from tiny model');
    expect(response.reasoning).toBe(' weighing');
    expect(response.error).toBeNull();
    expect(response.signals.map((s) => s.kind)).toEqual(['reasoning_present']);
    expect(response.fingerprint).toMatchObject({ model: 'redline tiny test model', architecture: 'llama' });
    expect(response.request.url).toBe(`file://${replyModel}`);
    expect(response.request.body).toMatchObject({
      model: 'reply.gguf',
      messages: QUESTION,
      seed: 0,
      temperature: 0.7,
      max_tokens: 1024,
    });
  });

  it('passes the whole conversation: a follow-up turn sees the earlier question and answer', async () => {
    const t = target(replyModel);
    const first = await ask(t);
    const second = await ask(t, [
      ...QUESTION,
      { role: 'assistant', content: 'Hello from tiny model' },
      { role: 'user', content: 'Please answer the question directly.' },
    ]);
    const inputTokens = (events: StreamEvent[]) => {
      const finish = events.at(-1);
      return finish?.type === 'finish' ? (finish.usage?.inputTokens ?? 0) : 0;
    };
    expect(texts(second, 'text-delta').join('')).toBe(' Hello from tiny model');
    expect(inputTokens(second)).toBeGreaterThan(inputTokens(first) + 40);
  });

  it('samples with the job sample as seed: the same sample gives the same tokens, another sample others', async () => {
    const t = target(randomModel, { temperature: 1, max_tokens: 12 });
    const a = tokenIds(await ask(t, QUESTION, 0));
    const again = tokenIds(await ask(t, QUESTION, 0));
    const other = tokenIds(await ask(t, QUESTION, 1));
    expect(a.length).toBeGreaterThan(0);
    expect(again).toEqual(a);
    expect(other).not.toEqual(a);
  });

  it('ends with finish reason length at max_tokens, reasoning kept and no answer yet', async () => {
    const events = await ask(target(replyModel, { max_tokens: 3 }));
    expect(texts(events, 'reasoning-delta').join('')).toBe(' weighing');
    expect(texts(events, 'text-delta')).toEqual([]);
    expect(events.at(-1)).toMatchObject({
      type: 'finish',
      reason: { normalized: 'length', raw: 'maxTokens' },
    });
  });

  it('answers requests made at the same time one after the other, each whole', async () => {
    const t = target(replyModel);
    const timed = async (sample: number) => {
      const spans: number[] = [];
      const events: StreamEvent[] = [];
      for await (const ev of t.stream({ messages: QUESTION, sample })) {
        spans.push(performance.now());
        events.push(ev);
      }
      return { events, first: spans[0]!, last: spans.at(-1)! };
    };
    const [a, b] = await Promise.all([timed(0), timed(1)]);
    expect(texts(a.events, 'text-delta').join('')).toBe(' Hello from tiny model');
    expect(texts(b.events, 'text-delta').join('')).toBe(' Hello from tiny model');
    // one sequence, one answer at a time: the second starts after the first ended
    expect(b.first).toBeGreaterThanOrEqual(a.last);
  });

  it('parses `local:PATH` like any target spec', async () => {
    const config: TargetConfig = parseTargetSpec(`local:${replyModel}`);
    expect(config).toMatchObject({ preset: 'local', protocol: 'local', model: replyModel });
    const events = await ask(createTarget({ ...config, params: { ...config.params, threads: 1 } }));
    expect(texts(events, 'text-delta').join('')).toBe(' Hello from tiny model');
  });

  it('reports a missing file, a file that is not GGUF and a GGUF llama.cpp cannot load as error events', async () => {
    const notGguf = join(dir, 'notes.gguf');
    writeFileSync(notGguf, 'these are notes, not weights');
    const broken = join(dir, 'broken.gguf');
    const { metadata, tensors } = buildTinyModel({ reply: REPLY });
    const bytes = encodeGguf(metadata, tensors);
    writeFileSync(broken, bytes.subarray(0, Math.floor(bytes.length / 2))); // tensor data cut off

    for (const [path, kind, message] of [
      [join(dir, 'absent.gguf'), 'bad-request', 'does not exist'],
      [notGguf, 'bad-request', 'is not a GGUF model file'],
      [broken, 'server', 'data is not within the file bounds'],
    ] as const) {
      const t = target(path);
      for (let i = 0; i < 2; i++) {
        // a second request fails the same way, at once: the failed load is remembered
        const events = await ask(t);
        expect(events).toHaveLength(1);
        expect(events[0]).toMatchObject({ type: 'error', error: { kind, retryable: false } });
        expect(events[0]!.type === 'error' && events[0]!.error.message).toContain(message);
      }
    }
  });

  it('rejects unusable settings with a message naming the field', async () => {
    const events = await ask(target(replyModel, { top_k: 'many' }));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: 'error', error: { kind: 'bad-request' } });
    expect(events[0]!.type === 'error' && events[0]!.error.message).toContain('params.top_k is "many"');
  });

  it('stops when the run is aborted: an aborted error, never a finish', async () => {
    const t = target(randomModel, { max_tokens: 400 });
    const controller = new AbortController();
    const events: StreamEvent[] = [];
    for await (const ev of t.stream({ messages: QUESTION, sample: 3, signal: controller.signal })) {
      events.push(ev);
      if (ev.type === 'raw') controller.abort();
    }
    expect(events.at(-1)).toMatchObject({ type: 'error', error: { kind: 'aborted' } });
    expect(events.some((e) => e.type === 'finish')).toBe(false);
    expect(tokenIds(events).length).toBeLessThan(400);

    const before = new AbortController();
    before.abort();
    expect((await ask(t, QUESTION, 0, before.signal)).map((e) => e.type)).toEqual(['error']);
  });
});
