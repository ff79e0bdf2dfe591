import { describe, expect, it } from 'vitest';
import { parseTargetSpec } from '../src/target/spec.ts';
import { azureUrl } from '../src/target/openai/dialects/azure.ts';
import { kinds, replayExchanges } from './helpers/exchange.ts';

const exchange = replayExchanges({ fixtures: 'azure', spec: 'azure:gpt-4o-prod' });

describe('Azure OpenAI dialect, replaying wire streams', () => {
  it('HTTP 400 content_filter / ResponsibleAIPolicyViolation: request_rejected listing the filtered categories', async () => {
    const { response } = await exchange('prompt-filtered');
    expect(response.error).toMatchObject({
      kind: 'moderation',
      status: 400,
      providerCode: 'content_filter',
      retryable: false,
    });
    expect(response.signals).toEqual([
      {
        kind: 'request_rejected',
        evidence:
          'HTTP 400 Azure content_filter ResponsibleAIPolicyViolation: hate(filtered,high), violence(filtered,medium)',
      },
    ]);
    expect(response.fingerprint['header:apim-request-id']).toBe('7c1d2e3f-4a5b-6c7d-8e9f-0a1b2c3d4e5f');
  });

  it('prompt annotations on a frame with empty choices: annotation_only for a non-safe severity only', async () => {
    const { response, sent } = await exchange('annotated-answer');
    expect(sent.url).toBe('/v1/openai/deployments/gpt-4o-prod/chat/completions?api-version=2024-10-21');
    expect(response.text).toBe('The Kent State shootings took place on 4 May 1970.');
    expect(response.finish).toEqual({ normalized: 'stop', raw: 'stop' });
    expect(response.signals).toEqual([
      { kind: 'annotation_only', evidence: 'prompt_filter_results: violence(low)' },
    ]);
    expect(response.fingerprint).toMatchObject({ model: 'gpt-4o-2024-11-20' });
  });

  it('asynchronous filter: a verdict with offsets after the text is content_retracted; the text stays recorded', async () => {
    const { response } = await exchange('async-retraction');
    expect(response.text).toBe('Troops fired on the crowds and many were killed.');
    expect(response.finish).toEqual({ normalized: 'stop', raw: 'stop' });
    expect(kinds(response)).toEqual(['content_retracted']);
    expect(response.signals[0]!.evidence).toBe(
      'async filter verdict after 48 characters: violence(filtered,high); offsets {"check_offset":0,"start_offset":0,"end_offset":48}',
    );
  });

  it('finish_reason content_filter: finish_filtered plus the filtered category', async () => {
    const { response } = await exchange('finish-content-filter');
    expect(response.text).toBe('The Tiananmen ');
    expect(kinds(response)).toEqual(['annotation_only', 'finish_filtered']);
    expect(response.signals[0]!.evidence).toBe('content_filter_results: violence(filtered,high)');
  });

  it('sends AZURE_OPENAI_API_KEY as the api-key header, never as a bearer token, and never records it', async () => {
    process.env.AZURE_OPENAI_API_KEY = 'az-planted-SECRET-9f';
    try {
      const { response, events, sent } = await exchange('annotated-answer');
      expect(sent.headers['api-key']).toBe('az-planted-SECRET-9f');
      expect(sent.headers.authorization).toBeUndefined();
      expect(JSON.stringify({ response, events })).not.toContain('planted-SECRET');
    } finally {
      delete process.env.AZURE_OPENAI_API_KEY;
    }
  });

  it('builds the deployment URL from a resource URL and keeps a given deployment URL or api-version', () => {
    const url = (spec: string) => azureUrl(parseTargetSpec(spec));
    expect(url('azure:prod@https://res.openai.azure.com')).toBe(
      'https://res.openai.azure.com/openai/deployments/prod/chat/completions?api-version=2024-10-21',
    );
    expect(
      url('azure:prod@https://res.openai.azure.com/openai/deployments/other?api-version=2025-01-01-preview'),
    ).toBe(
      'https://res.openai.azure.com/openai/deployments/other/chat/completions?api-version=2025-01-01-preview',
    );
    expect(url('azure:gpt-4o@https://res.openai.azure.com/openai/v1')).toBe(
      'https://res.openai.azure.com/openai/v1/chat/completions',
    );
  });

  it('the azure preset refuses to run without a base URL', () => {
    expect(() => parseTargetSpec('azure:prod')).toThrow(/needs a base URL/);
  });
});
