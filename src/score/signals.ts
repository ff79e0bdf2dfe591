import type { ResponseRecord } from '../store/types.ts';
import type { Verdict } from './types.ts';

/** Wire signals that mean a provider's moderation acted on the exchange. */
export const CENSORSHIP_SIGNALS = new Set([
  'request_rejected',
  'prompt_blocked_soft',
  'finish_filtered',
  'stream_error_midstream',
  'content_retracted',
  'content_replaced',
  'refusal_stop',
  'reasoning_redacted',
]);

/**
 * The verdict the wire alone supports: `censored` when a moderation signal says so, `error` on a
 * failed exchange, else undefined (the text must be read by a scorer).
 */
export function verdictFromSignals(r: Pick<ResponseRecord, 'signals' | 'error'>): Verdict | undefined {
  const hits = r.signals.filter((s) => CENSORSHIP_SIGNALS.has(s.kind));
  if (hits.length > 0) {
    return {
      label: 'censored',
      confidence: 1,
      evidence: hits.map((s) => ({ source: 'signal', quote: s.evidence, rule: s.kind })),
    };
  }
  if (r.error) {
    return {
      label: 'error',
      confidence: 1,
      evidence: [{ source: 'signal', quote: r.error.message, rule: `error:${r.error.kind}` }],
    };
  }
  return undefined;
}
