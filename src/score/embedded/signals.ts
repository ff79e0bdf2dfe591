/**
 * Which recorded wire signals mean the provider's moderation decided the outcome (providers.md §14).
 * A bare stream_cut can be a network failure, so it counts only beside a moderation annotation.
 */

const MODERATION_SIGNALS = [
  'request_rejected',
  'prompt_blocked_soft',
  'finish_filtered',
  'stream_error_midstream',
  'content_retracted',
  'content_replaced',
  'refusal_stop',
  'account_sanction',
] as const;

const MODERATION_CONTEXT = ['annotation_only', 'moderation'];

/** The first signal that makes a response `censored`, or undefined. */
export function censorshipSignal(signals: readonly string[]): string | undefined {
  for (const kind of MODERATION_SIGNALS) if (signals.includes(kind)) return kind;
  const cut = signals.find((s) => s === 'stream_cut' || s.startsWith('stream_cut:'));
  if (cut && (cut.includes('moderation') || signals.some((s) => MODERATION_CONTEXT.includes(s)))) return cut;
  return undefined;
}
