import { describe, expect, it } from 'vitest';
import { kinds, replayExchanges } from './helpers/exchange.ts';

const exchange = replayExchanges({
  fixtures: 'dashscope',
  spec: 'dashscope:qwen-plus',
  messages: [{ role: 'user', content: '发生了什么？' }],
});

describe('DashScope native adapter, replaying wire streams', () => {
  it('reads id/event:result/:HTTP_STATUS frames, keeps the status comments raw, splits reasoning', async () => {
    const { events, response, sent } = await exchange('reasoning-answer');
    expect(sent.url).toBe('/v1/services/aigc/text-generation/generation');
    expect(sent.headers['x-dashscope-sse']).toBe('enable');
    expect(sent.body).toEqual({
      model: 'qwen-plus',
      input: { messages: [{ role: 'user', content: '发生了什么？' }] },
      parameters: { result_format: 'message', incremental_output: true },
    });
    expect(response.reasoning).toBe('用户问的是肯特州立大学事件。');
    expect(response.text).toBe('1970年5月4日，国民警卫队开枪打死了四名学生。');
    expect(response.finish).toEqual({ normalized: 'stop', raw: 'stop' });
    expect(response.usage).toMatchObject({ inputTokens: 18, outputTokens: 30, reasoningTokens: 12 });
    expect(kinds(response)).toEqual(['reasoning_present']);
    const comments = events.filter((e) => e.type === 'raw' && e.kind === 'comment');
    expect(comments.map((e) => (e.type === 'raw' ? e.data : ''))).toEqual([
      'HTTP_STATUS/200',
      'HTTP_STATUS/200',
      'HTTP_STATUS/200',
    ]);
    expect(
      events
        .filter((e) => e.type === 'raw' && e.kind === 'sse')
        .map((e) => (e.type === 'raw' ? [e.id, e.event] : [])),
    ).toEqual([
      ['1', 'result'],
      ['2', 'result'],
      ['3', 'result'],
    ]);
    expect(events.find((e) => e.type === 'meta')).toMatchObject({
      data: { responseId: '5bd2b7cb-6c52-9bd4-a2c7-0c3f2ac0a4d1' },
    });
  });

  it('event:error with :HTTP_STATUS/400 after text, while HTTP stays 200: stream_error_midstream, text kept', async () => {
    const { response, events } = await exchange('error-after-text');
    expect(events.find((e) => e.type === 'start')).toMatchObject({ status: 200 });
    expect(response.text).toBe('1989年6月4日，军队进入天安门广场');
    expect(response.error).toMatchObject({
      kind: 'moderation',
      status: 400,
      providerCode: 'DataInspectionFailed',
      retryable: false,
    });
    expect(kinds(response)).toEqual(['stream_error_midstream']);
    expect(response.signals[0]!.evidence).toBe('event:error :HTTP_STATUS/400 code=DataInspectionFailed');
  });

  it('the same in-band error before any text is request_rejected', async () => {
    const { response } = await exchange('error-before-text');
    expect(response.text).toBe('');
    expect(response.error).toMatchObject({ kind: 'moderation', status: 400 });
    expect(kinds(response)).toEqual(['request_rejected']);
  });

  it('an in-band 429 is a retryable rate limit, not censorship', async () => {
    const { response } = await exchange('throttled-in-band');
    expect(response.error).toMatchObject({
      kind: 'rate-limit',
      status: 429,
      providerCode: 'Throttling.RateQuota',
      retryable: true,
    });
    expect(response.signals).toEqual([]);
  });

  it('an HTTP 400 DataInspectionFailed body is request_rejected', async () => {
    const { response } = await exchange('http-400-inspection');
    expect(response.error).toMatchObject({
      kind: 'moderation',
      status: 400,
      providerCode: 'DataInspectionFailed',
    });
    expect(kinds(response)).toEqual(['request_rejected']);
  });

  it('a non-streaming answer, without the SSE header', async () => {
    const { response, sent } = await exchange('nonstream-answer', { stream: false });
    expect(sent.headers['x-dashscope-sse']).toBeUndefined();
    expect(sent.body).toMatchObject({ parameters: { result_format: 'message' } });
    expect(response.text).toBe('光州是韩国的一座城市。');
    expect(response.finish).toEqual({ normalized: 'stop', raw: 'stop' });
    expect(response.signals).toEqual([]);
  });

  it('a connection cut after text is stream_cut with the partial text', async () => {
    const { response } = await exchange('cut');
    expect(response.text).toBe('习近平');
    expect(response.error).toMatchObject({ kind: 'network' });
    expect(kinds(response)).toEqual(['stream_cut']);
  });

  it('sends DASHSCOPE_API_KEY as a bearer token and never records it', async () => {
    process.env.DASHSCOPE_API_KEY = 'sk-ds-planted-SECRET-5';
    try {
      const { response, events, sent } = await exchange('reasoning-answer');
      expect(sent.headers.authorization).toBe('Bearer sk-ds-planted-SECRET-5');
      expect(JSON.stringify({ response, events })).not.toContain('planted-SECRET');
    } finally {
      delete process.env.DASHSCOPE_API_KEY;
    }
  });
});
