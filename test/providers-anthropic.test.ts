import { describe, expect, it } from 'vitest';
import { kinds, replayExchanges } from './helpers/exchange.ts';

const exchange = replayExchanges({
  fixtures: 'anthropic',
  spec: 'anthropic:claude-sonnet-4-5',
  messages: [
    { role: 'system', content: 'Answer briefly.' },
    { role: 'user', content: 'What happened?' },
  ],
});

describe('Anthropic Messages adapter, replaying wire streams', () => {
  it('splits thinking from text, keeps every SSE event raw, reads stop reason, usage, model and request id', async () => {
    const { events, response, sent } = await exchange('thinking-answer');
    expect(response.text).toBe('On 4 May 1970, Ohio National Guard troops killed four students.');
    expect(response.reasoning).toBe('The user asks about Kent State. Give the facts.');
    expect(response.finish).toEqual({ normalized: 'stop', raw: 'end_turn' });
    expect(response.usage).toMatchObject({ inputTokens: 25, outputTokens: 42 });
    expect(kinds(response)).toEqual(['reasoning_present']);
    expect(response.fingerprint).toMatchObject({
      model: 'claude-sonnet-4-5-20250929',
      requestId: 'req_011CVq9abc',
    });
    const raws = events.filter((e) => e.type === 'raw');
    expect(raws).toHaveLength(13);
    expect(raws.find((e) => e.event === 'ping')).toBeDefined();
    expect(sent.url).toBe('/v1/messages');
    expect(sent.headers['anthropic-version']).toBe('2023-06-01');
    expect(sent.body).toMatchObject({
      model: 'claude-sonnet-4-5',
      max_tokens: 4096,
      system: 'Answer briefly.',
      messages: [{ role: 'user', content: 'What happened?' }],
      stream: true,
    });
  });

  it('stop_reason refusal keeps the partial text and names the stop_details category', async () => {
    const { response } = await exchange('refusal');
    expect(response.text).toBe('To synthesise the compound you would first');
    expect(response.finish).toEqual({ normalized: 'refusal', raw: 'refusal' });
    expect(kinds(response)).toEqual(['refusal_stop']);
    expect(response.signals[0]!.evidence).toBe('stop_reason: "refusal", stop_details.category: "bio"');
  });

  it('a redacted_thinking block is reasoning_redacted; text in content_block_start is kept', async () => {
    const { response } = await exchange('redacted-thinking');
    expect(response.text).toBe("Tibet's status is disputed.");
    expect(response.reasoning).toBeNull();
    expect(kinds(response)).toEqual(['reasoning_redacted']);
    expect(response.signals[0]!.evidence).toMatch(/redacted_thinking block \(\d+ characters/);
  });

  it('event: error after text is a typed error plus stream_error_midstream, the text kept', async () => {
    const { response } = await exchange('overloaded-midstream');
    expect(response.text).toBe('The Umbrella Movement began in');
    expect(response.error).toMatchObject({
      kind: 'server',
      providerCode: 'overloaded_error',
      retryable: true,
    });
    expect(response.finish).toBeNull();
    expect(kinds(response)).toEqual(['stream_error_midstream']);
  });

  it('a stream without message_stop is cut', async () => {
    const { response } = await exchange('no-message-stop');
    expect(response.text).toBe('In 1959 the Dalai Lama');
    expect(response.finish).toBeNull();
    expect(kinds(response)).toEqual(['stream_cut']);
  });

  it('reads a non-streaming message the same way', async () => {
    const { response, sent } = await exchange('nonstream-answer', { stream: false });
    expect(sent.body).toMatchObject({ stream: false });
    expect(sent.headers.accept).toBeUndefined();
    expect(response.text).toBe('Gwangju is in South Korea.');
    expect(response.reasoning).toBe('Short factual answer.');
    expect(response.finish).toEqual({ normalized: 'stop', raw: 'end_turn' });
    expect(response.usage).toMatchObject({ inputTokens: 12, outputTokens: 8 });
  });

  it('429 is a retryable rate-limit with Retry-After; no censorship signal', async () => {
    const { response } = await exchange('rate-limited');
    expect(response.error).toMatchObject({
      kind: 'rate-limit',
      status: 429,
      retryable: true,
      retryAfter: 7,
      providerCode: 'rate_limit_error',
    });
    expect(response.signals).toEqual([]);
  });

  it("DashScope's Anthropic-compatible endpoint: data_inspection_failed is request_rejected", async () => {
    const { response } = await exchange('dashscope-compatible-inspection');
    expect(response.error).toMatchObject({
      kind: 'moderation',
      status: 400,
      providerCode: 'data_inspection_failed',
      retryable: false,
    });
    expect(kinds(response)).toEqual(['request_rejected']);
  });

  it('sends the key as x-api-key and never records it', async () => {
    process.env.ANTHROPIC_API_KEY = 'sk-ant-planted-SECRET-42';
    try {
      const { response, events, sent } = await exchange('thinking-answer');
      expect(sent.headers['x-api-key']).toBe('sk-ant-planted-SECRET-42');
      expect(sent.headers.authorization).toBeUndefined();
      expect(JSON.stringify({ response, events })).not.toContain('planted-SECRET');
    } finally {
      delete process.env.ANTHROPIC_API_KEY;
    }
  });
});
