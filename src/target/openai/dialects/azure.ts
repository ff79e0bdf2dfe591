import type { StreamEvent } from '../../events.ts';
import type { TargetConfig } from '../../types.ts';
import { parseObject } from '../exchange.ts';
import { type Dialect, type Json, firstChoice, isObj, str } from './dialect.ts';

/**
 * Azure OpenAI (research/providers.md §9): HTTP 400 `content_filter` with innererror
 * `ResponsibleAIPolicyViolation` and per-category results; `prompt_filter_results` and
 * `content_filter_results` annotations (often on frames with empty `choices`); and the
 * asynchronous filter mode, where a verdict with `content_filter_offsets` arrives after the text
 * it condemns: a retraction (the text stays recorded).
 */

export const AZURE_API_VERSION = '2024-10-21';

/**
 * `azure:DEPLOYMENT@https://NAME.openai.azure.com` builds `/openai/deployments/DEPLOYMENT`; a base URL
 * that already names a deployment (or the `/openai/v1` API) is used as given. `api-version` is added
 * unless the URL has one (the v1 API takes none).
 */
export function azureUrl(config: TargetConfig): string {
  const u = new URL(config.baseUrl);
  let path = u.pathname.replace(/\/+$/, '');
  const v1 = /\/openai\/v1$/.test(path);
  if (!v1 && !/\/deployments\/[^/]+$/.test(path))
    path += `/openai/deployments/${encodeURIComponent(config.model)}`;
  u.pathname = `${path}/chat/completions`;
  if (!v1 && !u.searchParams.has('api-version')) u.searchParams.set('api-version', AZURE_API_VERSION);
  return u.toString();
}

/** Categories whose verdict is worth recording: filtered, detected, above `safe`, or an unrun filter. */
export function notableCategories(results: unknown): string[] {
  if (!isObj(results)) return [];
  const out: string[] = [];
  for (const [category, verdict] of Object.entries(results)) {
    if (category === 'error' && isObj(verdict)) {
      out.push(`filter error ${str(verdict.code) ?? ''}`.trim());
      continue;
    }
    if (!isObj(verdict)) continue;
    const severity = str(verdict.severity);
    const tags = [
      verdict.filtered === true ? 'filtered' : '',
      verdict.detected === true ? 'detected' : '',
      severity && severity !== 'safe' ? severity : '',
    ].filter(Boolean);
    if (tags.length > 0) out.push(`${category}(${tags.join(',')})`);
  }
  return out;
}

const anyFiltered = (results: unknown) =>
  isObj(results) && Object.values(results).some((v) => isObj(v) && v.filtered === true);

export const AZURE: Dialect = {
  name: 'azure',
  url: azureUrl,
  auth: (key) => ({ 'api-key': key }),
  classify(status, body, generic) {
    const json = parseObject(body);
    const error = json && isObj(json.error) ? json.error : undefined;
    const inner = isObj(error?.innererror) ? error.innererror : undefined;
    if (!inner || generic.signals.length === 0) return generic;
    const filtered = notableCategories(inner.content_filter_result);
    const evidence = `HTTP ${status} Azure ${str(error?.code) ?? 'error'} ${str(inner.code) ?? ''}${filtered.length ? `: ${filtered.join(', ')}` : ''}`;
    return {
      ...generic,
      signals: generic.signals.map((s) => ({ ...s, evidence: evidence.replace(/\s+/g, ' ') })),
    };
  },
  session() {
    const seen = new Set<string>();
    let textLength = 0;
    const annotate = (events: StreamEvent[], t: number, evidence: string) => {
      if (seen.has(evidence)) return;
      seen.add(evidence);
      events.push({ type: 'signal', t, signal: { kind: 'annotation_only', evidence } });
    };
    return {
      frame(frame, read, t) {
        const events = [...read.events];
        for (const e of events) if (e.type === 'text-delta') textLength += e.text.length;
        const prompts = Array.isArray(frame.prompt_filter_results) ? frame.prompt_filter_results : [];
        for (const p of prompts) {
          const notable = isObj(p) ? notableCategories(p.content_filter_results) : [];
          if (notable.length > 0) annotate(events, t, `prompt_filter_results: ${notable.join(', ')}`);
        }
        const choice: Json | undefined = firstChoice(frame);
        const results = choice?.content_filter_results;
        const notable = notableCategories(results);
        const offsets =
          choice?.content_filter_offsets ?? (isObj(results) ? results.content_filter_offsets : undefined);
        if (isObj(offsets) && anyFiltered(results) && textLength > 0) {
          const span = `offsets ${JSON.stringify(offsets)}`;
          events.push({
            type: 'signal',
            t,
            signal: {
              kind: 'content_retracted',
              evidence: `async filter verdict after ${textLength} characters: ${notable.join(', ')}; ${span}`,
            },
          });
        } else if (notable.length > 0) {
          annotate(events, t, `content_filter_results: ${notable.join(', ')}`);
        }
        return { ...read, events };
      },
    };
  },
};
