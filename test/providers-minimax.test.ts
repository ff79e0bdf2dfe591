import { describe, expect, it } from 'vitest';
import { ThinkSplitter } from '../src/target/openai/dialects/think-splitter.ts';
import { kinds, replayExchanges } from './helpers/exchange.ts';

const exchange = replayExchanges({ fixtures: 'minimax', spec: 'minimax:MiniMax-M2' });

/** Feeds chunks to a splitter and joins what comes out per side. */
function split(chunks: string[]) {
  const s = new ThinkSplitter();
  const pieces = [...chunks.flatMap((c) => s.push(c)), ...s.flush()];
  const join = (kind: string) =>
    pieces
      .filter((p) => p.kind === kind)
      .map((p) => p.text)
      .join('');
  return { reasoning: join('reasoning'), text: join('text') };
}

describe('inline <think> splitting', () => {
  it.each([
    [['<think>a</think>b'], 'a', 'b'],
    [['<', 'think', '>a', '</', 'think>', 'b'], 'a', 'b'],
    [['a</think>b'], 'a', 'b'],
    [['a</thi', 'nk>b'], 'a', 'b'],
    [['<think>still thinking'], 'still thinking', ''],
    [['no tags at all'], '', 'no tags at all'],
    [['x<think>y</think>z<think>w</think>v'], 'yw', 'xzv'],
    [['a < b and c > d'], '', 'a < b and c > d'],
  ])('%j → reasoning %j, text %j', (chunks, reasoning, text) => {
    expect(split(chunks)).toEqual({ reasoning, text });
  });
});

describe('MiniMax dialect, replaying wire streams', () => {
  it('splits <think> that straddles chunks into reasoning; a stream without [DONE] but with finish_reason is not cut', async () => {
    const { response } = await exchange('think-inline');
    expect(response.reasoning).toBe('The user asks about Kent State.');
    expect(response.text).toBe('\n\nOn 4 May 1970, four students were killed.');
    expect(response.finish).toEqual({ normalized: 'stop', raw: 'stop' });
    expect(kinds(response)).toEqual(['reasoning_present']);
    expect(response.fingerprint['header:trace-id']).toBe('05a1b2c3d4');
  });

  it('a lone </think> makes everything before it reasoning', async () => {
    const { response } = await exchange('think-close-only');
    expect(response.reasoning).toBe('用户问光州。简要回答。');
    expect(response.text).toBe('光州是韩国的城市。');
  });

  it('output_sensitive on chunks: content_replaced (unconfirmed) and the type as annotation, text kept', async () => {
    const { response } = await exchange('output-sensitive');
    expect(response.text).toBe('抱歉，我无法回答这个问题。');
    expect(kinds(response)).toEqual(['annotation_only', 'content_replaced']);
    expect(response.signals.find((s) => s.kind === 'content_replaced')).toEqual({
      kind: 'content_replaced',
      evidence: 'output_sensitive: true (type 2)',
      unconfirmed: true,
    });
    expect(response.signals.find((s) => s.kind === 'annotation_only')!.evidence).toBe(
      'output_sensitive_type=2',
    );
  });

  it('input_sensitive on a 200 body: prompt_blocked_soft with the canned answer kept', async () => {
    const { response } = await exchange('input-sensitive', { stream: false });
    expect(response.text).toBe('这个话题不太适合讨论。');
    expect(kinds(response)).toEqual(['annotation_only', 'prompt_blocked_soft']);
    expect(response.error).toBeNull();
  });

  it('base_resp 1026 with no choices: request_rejected (unconfirmed HTTP status) and a moderation error', async () => {
    const { response } = await exchange('base-resp-1026', { stream: false });
    expect(response.error).toMatchObject({ kind: 'moderation', providerCode: '1026', retryable: false });
    expect(kinds(response)).toEqual(['annotation_only', 'prompt_blocked_soft', 'request_rejected']);
    expect(response.signals.find((s) => s.kind === 'request_rejected')).toMatchObject({ unconfirmed: true });
  });

  it('base_resp 1027 after text: stream_error_midstream, the text held back for tags is kept', async () => {
    const { response } = await exchange('base-resp-1027-midstream');
    expect(response.text).toBe('1989年6月4日，北京');
    expect(response.error).toMatchObject({ kind: 'moderation', providerCode: '1027' });
    expect(kinds(response)).toEqual(['annotation_only', 'content_replaced', 'stream_error_midstream']);
  });

  it('base_resp 1002 is a retryable rate limit, not censorship', async () => {
    const { response } = await exchange('rate-limited', { stream: false });
    expect(response.error).toMatchObject({ kind: 'rate-limit', providerCode: '1002', retryable: true });
    expect(response.signals).toEqual([]);
  });
});
