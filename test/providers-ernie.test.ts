import { describe, expect, it } from 'vitest';
import { kinds, replayExchanges } from './helpers/exchange.ts';

const exchange = replayExchanges({
  fixtures: 'ernie',
  spec: 'ernie:ernie-4.5-turbo-128k',
  messages: [
    { role: 'system', content: '请简要回答。' },
    { role: 'user', content: '发生了什么？' },
  ],
});

/** The legacy v1 API, reached by endpoint name. */
const V1 = 'ernie-v1:completions_pro';

describe('Baidu Qianfan v2 (ERNIE dialect)', () => {
  it('a plain answer with reasoning: flag 0 is no signal; finish "normal" is stop', async () => {
    const { response, sent } = await exchange('v2-reasoning-answer', { spec: 'ernie:ernie-x1-turbo-32k' });
    expect(sent.url).toBe('/v1/chat/completions');
    expect(response.reasoning).toBe('用户问肯特州立大学事件。');
    expect(response.text).toBe('1970年5月4日，国民警卫队开枪打死了四名学生。');
    expect(response.finish).toEqual({ normalized: 'stop', raw: 'normal' });
    expect(kinds(response)).toEqual(['reasoning_present']);
  });

  it('flag ≠ 0 with ban_round -1: the prompt was blocked softly; the canned answer is kept', async () => {
    const { response } = await exchange('v2-prompt-flagged');
    expect(response.text).toBe('我还没学会回答这个问题，可以换个话题吗？');
    expect(kinds(response)).toEqual(['annotation_only', 'finish_filtered', 'prompt_blocked_soft']);
    expect(response.signals.find((s) => s.kind === 'prompt_blocked_soft')!.evidence).toBe(
      'flag: 1, ban_round: -1',
    );
  });

  it('flag on an output filter (ban_round of an earlier round): annotation and finish_filtered, no prompt block', async () => {
    const { response } = await exchange('v2-output-flagged');
    expect(response.text).toBe('1989年春夏之交，北京**');
    expect(response.finish).toEqual({ normalized: 'content-filter', raw: 'content_filter' });
    expect(kinds(response)).toEqual(['annotation_only', 'finish_filtered']);
    expect(response.signals[0]!.evidence).toBe('flag: 2, ban_round: 3');
  });
});

describe('Baidu Qianfan legacy v1 (ernie-v1)', () => {
  it('need_clear_history with ban_round -1: retraction of the session and a soft prompt block', async () => {
    const { response, sent } = await exchange('v1-need-clear-history', { spec: V1, stream: false });
    expect(sent.url).toBe('/v1/completions_pro');
    expect(sent.body).toEqual({
      messages: [{ role: 'user', content: '发生了什么？' }],
      system: '请简要回答。',
      stream: false,
    });
    expect(response.text).toMatch(/^作为一个人工智能语言模型/);
    expect(response.finish).toEqual({ normalized: 'stop', raw: 'stop' });
    expect(kinds(response)).toEqual(['content_retracted', 'prompt_blocked_soft']);
    expect(response.signals[0]!.evidence).toBe('need_clear_history: true, ban_round: -1');
  });

  it('a sentence stream: text in `result`, ended by is_end without [DONE]', async () => {
    const { response } = await exchange('v1-stream', { spec: V1 });
    expect(response.text).toBe('光州是韩国西南部的城市。');
    expect(response.finish).toEqual({ normalized: 'stop', raw: 'stop' });
    expect(response.usage).toMatchObject({ inputTokens: 6, outputTokens: 9 });
    expect(response.signals).toEqual([]);
  });

  it('an error_code on a 200 is a typed error', async () => {
    const { response } = await exchange('v1-error', { spec: V1, stream: false });
    expect(response.error).toMatchObject({ kind: 'bad-request', providerCode: '336003', retryable: false });
    expect(response.error!.message).toContain('the role of first message must be user');
    expect(response.signals).toEqual([]);
  });

  it('sends the access token as ?access_token= and redacts it from every record', async () => {
    process.env.QIANFAN_ACCESS_TOKEN = '24.planted-SECRET-token';
    try {
      const { response, events, sent } = await exchange('v1-stream', { spec: V1 });
      expect(sent.url).toBe('/v1/completions_pro?access_token=24.planted-SECRET-token');
      expect(sent.headers.authorization).toBeUndefined();
      expect(JSON.stringify({ response, events })).not.toContain('planted-SECRET');
    } finally {
      delete process.env.QIANFAN_ACCESS_TOKEN;
    }
  });
});
