import { describe, expect, it } from 'vitest';
import { kinds, replayExchanges } from './helpers/exchange.ts';

const exchange = replayExchanges({
  fixtures: 'gemini',
  spec: 'gemini:gemini-2.5-flash',
  messages: [
    { role: 'system', content: 'Answer briefly.' },
    { role: 'user', content: 'What happened?' },
    { role: 'assistant', content: 'Which event?' },
    { role: 'user', content: 'Kent State.' },
  ],
});

describe('Gemini adapter, replaying wire streams', () => {
  it('streams with alt=sse, splits thought parts into reasoning, reads finish, usage and model version', async () => {
    const { events, response, sent } = await exchange('thoughts-answer');
    expect(sent.url).toBe('/v1/models/gemini-2.5-flash:streamGenerateContent?alt=sse');
    expect(sent.body).toEqual({
      contents: [
        { role: 'user', parts: [{ text: 'What happened?' }] },
        { role: 'model', parts: [{ text: 'Which event?' }] },
        { role: 'user', parts: [{ text: 'Kent State.' }] },
      ],
      systemInstruction: { parts: [{ text: 'Answer briefly.' }] },
    });
    expect(response.reasoning).toBe('**Recalling the event** The user asks about the Kent State shootings.');
    expect(response.text).toBe('On 4 May 1970, Ohio National Guard troops killed four students.');
    expect(response.finish).toEqual({ normalized: 'stop', raw: 'STOP' });
    expect(response.usage).toMatchObject({ inputTokens: 9, outputTokens: 17, reasoningTokens: 31 });
    expect(response.fingerprint).toMatchObject({ model: 'gemini-2.5-flash' });
    expect(events.find((e) => e.type === 'meta')).toMatchObject({ data: { responseId: 'hQmsaOvGNqvz' } });
    expect(events.filter((e) => e.type === 'raw')).toHaveLength(3);
    expect(kinds(response)).toEqual(['reasoning_present']);
  });

  it('a 200 with promptFeedback.blockReason and no candidates is prompt_blocked_soft, not a cut stream', async () => {
    const { response } = await exchange('prompt-blocked');
    expect(response.text).toBe('');
    expect(response.finish).toEqual({
      normalized: 'content-filter',
      raw: 'promptFeedback.blockReason=PROHIBITED_CONTENT',
    });
    expect(kinds(response)).toEqual(['annotation_only', 'finish_filtered', 'prompt_blocked_soft']);
    expect(response.signals.find((s) => s.kind === 'annotation_only')!.evidence).toBe(
      'prompt safetyRatings: HARM_CATEGORY_CIVIC_INTEGRITY (blocked, HIGH)',
    );
  });

  it('finishReason SAFETY after partial text: finish_filtered with the raw value, blocked ratings annotated', async () => {
    const { response } = await exchange('finish-safety');
    expect(response.text).toBe('The 2019 protests in Hong Kong ');
    expect(response.finish).toEqual({ normalized: 'content-filter', raw: 'SAFETY' });
    expect(kinds(response)).toEqual(['annotation_only', 'finish_filtered']);
    expect(response.signals.find((s) => s.kind === 'annotation_only')!.evidence).toBe(
      'safetyRatings: HARM_CATEGORY_DANGEROUS_CONTENT (blocked, MEDIUM)',
    );
  });

  it('generateContent (no stream): RECITATION is a content-filter finish; a clean answer has no signal', async () => {
    const recited = await exchange('nonstream-recitation', { stream: false });
    expect(recited.sent.url).toBe('/v1/models/gemini-2.5-flash:generateContent');
    expect(recited.response.finish).toEqual({ normalized: 'content-filter', raw: 'RECITATION' });
    expect(kinds(recited.response)).toEqual(['finish_filtered']);
    const clean = await exchange('nonstream-answer', { stream: false });
    expect(clean.response.text).toBe('Gwangju is a city in South Korea.');
    expect(clean.response.signals).toEqual([]);
  });

  it('HTTP errors carry the RPC status as provider code', async () => {
    const { response } = await exchange('bad-request');
    expect(response.error).toMatchObject({
      kind: 'bad-request',
      status: 400,
      providerCode: 'INVALID_ARGUMENT',
      retryable: false,
    });
    expect(response.signals).toEqual([]);
  });

  it('an error object inside the stream is a typed, retryable error; the text is kept', async () => {
    const { response } = await exchange('error-midstream');
    expect(response.text).toBe('Tiananmen Square is');
    expect(response.error).toMatchObject({ kind: 'server', providerCode: 'UNAVAILABLE', retryable: true });
    expect(response.finish).toBeNull();
  });

  it('sends the key as x-goog-api-key, never in the URL, and never records it', async () => {
    process.env.GEMINI_API_KEY = 'AIza-planted-SECRET-77';
    try {
      const { response, events, sent } = await exchange('thoughts-answer');
      expect(sent.headers['x-goog-api-key']).toBe('AIza-planted-SECRET-77');
      expect(sent.url).not.toContain('key=');
      expect(JSON.stringify({ response, events })).not.toContain('planted-SECRET');
    } finally {
      delete process.env.GEMINI_API_KEY;
    }
  });
});
