import { describe, expect, it } from 'vitest';
import { riskLabels } from '../src/target/openai/dialects/doubao.ts';
import { kinds, replayExchanges } from './helpers/exchange.ts';

const exchange = replayExchanges({
  fixtures: 'doubao',
  spec: 'doubao:doubao-seed-1-6-250615',
  messages: [{ role: 'user', content: '发生了什么？' }],
});

describe('Volcengine Ark (Doubao dialect), replaying wire streams', () => {
  it('InputTextRiskDetection: request_rejected with the risk label parsed from the message', async () => {
    const { response } = await exchange('input-risk-detection');
    expect(response.error).toMatchObject({
      kind: 'moderation',
      status: 400,
      providerCode: 'InputTextRiskDetection',
      retryable: false,
    });
    expect(kinds(response)).toEqual(['request_rejected']);
    expect(response.signals[0]).toEqual({
      kind: 'request_rejected',
      evidence: 'HTTP 400 Ark error.code=InputTextRiskDetection Label:politics;SubLabel:leader_sensitive',
    });
  });

  it('InputTextSensitiveContentDetected: request_rejected naming the code', async () => {
    const { response } = await exchange('input-sensitive');
    expect(response.error).toMatchObject({
      kind: 'moderation',
      providerCode: 'InputTextSensitiveContentDetected',
    });
    expect(response.signals).toEqual([
      { kind: 'request_rejected', evidence: 'HTTP 400 Ark error.code=InputTextSensitiveContentDetected' },
    ]);
  });

  it('finish content_filter with moderation_hit_type: finish_filtered plus the hit type as annotation', async () => {
    const { response } = await exchange('moderation-hit');
    expect(response.text).toBe('2019年香港');
    expect(response.finish).toEqual({ normalized: 'content-filter', raw: 'content_filter' });
    expect(kinds(response)).toEqual(['annotation_only', 'finish_filtered']);
    expect(response.signals[0]!.evidence).toBe(
      'moderation_hit_type: "severe_violation" with finish_reason "content_filter"',
    );
  });

  it('an in-band OutputTextSensitiveContentDetected after text: stream_error_midstream, unconfirmed', async () => {
    const { response } = await exchange('output-error-midstream');
    expect(response.text).toBe('天安门');
    expect(response.error).toMatchObject({
      kind: 'moderation',
      providerCode: 'OutputTextSensitiveContentDetected',
    });
    expect(response.signals).toEqual([
      {
        kind: 'stream_error_midstream',
        evidence: 'Ark error.code=OutputTextSensitiveContentDetected',
        unconfirmed: true,
      },
    ]);
  });

  it('reasoning_content is reasoning; a clean answer has no moderation signal', async () => {
    const { response } = await exchange('reasoning-answer');
    expect(response.reasoning).toBe('用户问光州。');
    expect(response.text).toBe('光州是韩国的城市。');
    expect(response.usage).toMatchObject({ reasoningTokens: 6 });
    expect(kinds(response)).toEqual(['reasoning_present']);
  });

  it('reads Label and SubLabel without mistaking one for the other', () => {
    expect(riskLabels('x CSDRequestId:1;Label:politics;SubLabel:leader')).toBe(
      'Label:politics;SubLabel:leader',
    );
    expect(riskLabels('SubLabel:only')).toBe('SubLabel:only');
    expect(riskLabels('no labels here')).toBeUndefined();
  });
});
