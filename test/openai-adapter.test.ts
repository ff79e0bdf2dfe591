import { describe, expect, it } from 'vitest';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { OpenAICompatibleTarget } from '../src/target/openai/adapter.ts';
import { parseTargetSpec } from '../src/target/spec.ts';
import type { StreamEvent } from '../src/target/events.ts';
import type { TargetConfig } from '../src/target/types.ts';
import { kinds, replayExchanges } from './helpers/exchange.ts';

// Built directly, not through the registry: this file tests the adapter itself.
const exchange = replayExchanges({
  fixtures: 'openai',
  spec: 'openai-compatible:m',
  makeTarget: (config) => new OpenAICompatibleTarget(config),
});

async function collect(config: TargetConfig): Promise<StreamEvent[]> {
  const events: StreamEvent[] = [];
  for await (const ev of new OpenAICompatibleTarget(config).stream({
    messages: [{ role: 'user', content: 'hi' }],
    sample: 0,
  }))
    events.push(ev);
  return events;
}

describe('OpenAI-compatible adapter, replaying recorded wire streams', () => {
  it('keeps every SSE frame and comment raw, splits reasoning from text, reads finish, usage and fingerprint (DeepSeek reasoner)', async () => {
    const { events, response, sent } = await exchange('deepseek-reasoning-answer', {
      spec: 'deepseek:deepseek-reasoner',
    });
    const raws = events.filter((e) => e.type === 'raw');
    expect(raws[0]).toMatchObject({ kind: 'comment', data: 'keep-alive' });
    expect(raws.filter((e) => e.kind === 'sse')).toHaveLength(6); // 5 chunks + [DONE]
    expect(raws.at(-1)).toMatchObject({ data: '[DONE]' });
    expect(response.text).toBe('On 4 May 1970, Ohio National Guard troops shot 13 students, killing four.');
    expect(response.reasoning).toBe('The user asks about Kent State in 1970.');
    expect(response.finish).toEqual({ normalized: 'stop', raw: 'stop' });
    expect(response.usage).toMatchObject({ inputTokens: 14, outputTokens: 40, reasoningTokens: 12 });
    expect(kinds(response)).toEqual(['reasoning_present']);
    expect(response.fingerprint).toMatchObject({
      model: 'deepseek-reasoner',
      systemFingerprint: 'fp_deepseek_r1_0528',
      'header:x-ds-trace-id': '7f3c2a9e1b',
      'header:server': 'elb',
    });
    // every event carries a non-decreasing time since the request was sent
    const times = events.map((e) => e.t);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(sent.body).toMatchObject({
      model: 'deepseek-reasoner',
      stream: true,
      messages: [{ role: 'user', content: 'What happened?' }],
    });
  });

  it.each([
    [
      'deepseek-content-exists-risk',
      'deepseek:deepseek-chat',
      400,
      'invalid_request_error',
      /Content Exists Risk/,
    ],
    ['moonshot-content-filter', 'moonshot:kimi-k2', 400, '400', /Moonshot content_filter/],
    ['zhipu-1301', 'zhipu:glm-4.6', 400, '1301', /Zhipu 1301/],
    ['qwen-data-inspection-failed', 'qwen:qwen-plus', 400, 'data_inspection_failed', /DashScope/],
  ])(
    '%s: HTTP rejection is a moderation result with request_rejected, never retryable',
    async (fixture, spec, status, code, evidence) => {
      const { response, events } = await exchange(fixture, { spec });
      expect(response.error).toMatchObject({
        kind: 'moderation',
        status,
        providerCode: code,
        retryable: false,
      });
      expect(kinds(response)).toEqual(['request_rejected']);
      expect(response.signals[0]!.evidence).toMatch(evidence);
      expect(events.find((e) => e.type === 'raw')).toMatchObject({ kind: 'body' });
      expect(response.error!.body).toContain('"error"');
    },
  );

  it('finish_reason content_filter after partial text: finish_filtered, partial text kept (DeepSeek)', async () => {
    const { response } = await exchange('deepseek-finish-content-filter', { spec: 'deepseek:deepseek-chat' });
    expect(response.text).toBe('In 1989 the protests in Beijing');
    expect(response.finish).toEqual({ normalized: 'content-filter', raw: 'content_filter' });
    expect(kinds(response)).toEqual(['finish_filtered']);
  });

  it('Zhipu mid-stream "sensitive" with a content_filter annotation', async () => {
    const { response } = await exchange('zhipu-sensitive-midstream', { spec: 'zhipu:glm-4.6' });
    expect(response.text).toBe('1989年春夏之交，北京发生了');
    expect(response.finish).toEqual({ normalized: 'content-filter', raw: 'sensitive' });
    expect(kinds(response)).toEqual(['annotation_only', 'finish_filtered']);
  });

  it('Qwen in-band error frame after text: stream_error_midstream, text kept', async () => {
    const { response } = await exchange('qwen-output-error-midstream', { spec: 'qwen:qwen-plus' });
    expect(response.text).toBe('天安门广场位于北京');
    expect(response.error).toMatchObject({ kind: 'moderation', providerCode: 'data_inspection_failed' });
    expect(kinds(response)).toEqual(['stream_error_midstream']);
  });

  it('a connection cut mid-stream is recorded as stream_cut with the partial text', async () => {
    const { response } = await exchange('stream-cut', { spec: 'moonshot:kimi-k2' });
    expect(response.text).toBe('The Dalai Lama fled to India in 1959 after');
    expect(response.finish).toBeNull();
    expect(response.error).toMatchObject({ kind: 'network' });
    expect(kinds(response)).toEqual(['stream_cut']);
  });

  it('a stream that ends with neither finish_reason nor [DONE] is stream_cut', async () => {
    const { response } = await exchange('no-done-no-finish', { spec: 'qwen:qwen-max' });
    expect(response.error).toBeNull();
    expect(kinds(response)).toEqual(['stream_cut']);
  });

  it('reads `reasoning` (Ollama, vLLM) as well as `reasoning_content`', async () => {
    const { response } = await exchange('ollama-reasoning', { spec: 'ollama:qwen3:1.7b' });
    expect(response.reasoning).toBe('Okay, the user asks about Tibet.');
    expect(response.text).toBe('Tibet is an autonomous region of China.');
    expect(response.fingerprint).toMatchObject({ model: 'qwen3:1.7b', requestedModel: 'qwen3:1.7b' });
  });

  it('OpenAI structured refusal: refusal_stop with the refusal text', async () => {
    const { response } = await exchange('openai-refusal', { spec: 'openai:gpt-4o' });
    expect(response.text).toBe("I'm very sorry, but I can't assist with that request.");
    expect(kinds(response)).toEqual(['refusal_stop']);
    expect(response.fingerprint['header:x-request-id']).toBe('req_9f8e7d6c5b4a');
  });

  it('DeepSeek-app retraction: the streamed answer is kept beside the canned replacement', async () => {
    const { response, events } = await exchange('deepseek-app-retraction', {
      spec: 'deepseek:deepseek-chat',
    });
    expect(response.streamedText).toBe(
      'The 1989 protests ended when troops opened fire on the night of 3-4 June.',
    );
    expect(response.text).toBe("Sorry, that's beyond my current scope. Let's talk about something else.");
    expect(kinds(response)).toEqual(['content_replaced', 'content_retracted', 'finish_filtered']);
    expect(events.filter((e) => e.type === 'text-replace')).toHaveLength(1);
  });

  it('a malformed frame is kept raw and the stream goes on', async () => {
    const { response, events } = await exchange('malformed-frame', { spec: 'zhipu:glm-4.6' });
    expect(response.text).toBe('Taiwan held elections in 2024.');
    expect(response.error).toBeNull();
    expect(events.some((e) => e.type === 'raw' && e.data.includes('"presidential'))).toBe(true);
    expect(events.some((e) => e.type === 'error' && e.error.kind === 'protocol')).toBe(true);
  });

  it('429 is retryable and carries Retry-After; 5xx is retryable', async () => {
    const limited = await exchange('rate-limited');
    expect(limited.response.error).toMatchObject({
      kind: 'rate-limit',
      status: 429,
      retryable: true,
      retryAfter: 0,
    });
    const overloaded = await exchange('server-error');
    expect(overloaded.response.error).toMatchObject({ kind: 'server', status: 503, retryable: true });
    expect(overloaded.response.signals).toEqual([]);
  });

  it('non-streaming bodies (vLLM) give the same response shape', async () => {
    const { response, sent } = await exchange('vllm-nonstream', {
      spec: 'vllm:Qwen/Qwen3-8B',
      stream: false,
    });
    expect(sent.body).toMatchObject({ stream: false });
    expect(response.text).toBe('Gwangju is a city in South Korea.');
    expect(response.reasoning).toBe('The user wants facts about Gwangju.');
    expect(response.usage).toMatchObject({ inputTokens: 10, outputTokens: 9 });
  });

  it('sends the key from the environment and redacts it from everything it records', async () => {
    process.env.OPENAI_API_KEY = 'sk-planted-SECRET-0123456789';
    try {
      const { response, events, sent } = await exchange('auth-error-echoes-key', { spec: 'openai:gpt-4o' });
      expect(sent.headers.authorization).toBe('Bearer sk-planted-SECRET-0123456789');
      expect(response.error).toMatchObject({ kind: 'auth', status: 401, retryable: false });
      expect(JSON.stringify({ response, events })).not.toContain('sk-planted-SECRET');
      expect(JSON.stringify(response.request)).not.toContain('authorization');
    } finally {
      delete process.env.OPENAI_API_KEY;
    }
  });

  it('a refused connection is a retryable network error', async () => {
    const events = await collect(
      parseTargetSpec('openai-compatible:m@http://127.0.0.1:1/v1', { connectTimeoutMs: 2000 }),
    );
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: 'error', error: { kind: 'network', retryable: true } });
  });

  it('a server that goes silent hits the idle timeout, keeping what arrived', async () => {
    const silent = http.createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('data: {"choices":[{"index":0,"delta":{"content":"Hong Kong"}}]}\n\n');
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as AddressInfo;
    try {
      const events = await collect(
        parseTargetSpec(`openai-compatible:m@http://127.0.0.1:${port}/v1`, { idleTimeoutMs: 300 }),
      );
      expect(events.filter((e) => e.type === 'text-delta')).toHaveLength(1);
      expect(events.at(-1)).toMatchObject({ type: 'error', error: { kind: 'timeout', retryable: true } });
    } finally {
      silent.closeAllConnections();
      silent.close();
    }
  });
});
