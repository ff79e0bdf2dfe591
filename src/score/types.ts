/** Verdicts: one label per response per scorer; many per response, none overwritten. */

export const VERDICT_LABELS = ['answered', 'refused', 'deflected', 'partial', 'censored', 'error'] as const;
export type VerdictLabel = (typeof VERDICT_LABELS)[number];

/** A stretch of text that supports a verdict: where it is and what it matched. */
export interface Evidence {
  /** Which text the span is in. */
  source: 'text' | 'reasoning' | 'signal' | 'prompt';
  start?: number;
  end?: number;
  /** The matched text, or the signal's evidence. */
  quote: string;
  /** Why it counts, e.g. "canned refusal (DeepSeek app)" or "official marker". */
  rule: string;
}

export interface Verdict {
  label: VerdictLabel;
  /** In [0, 1]. */
  confidence: number;
  /** Narrative alignment in [-1, 1]: -1 independent accounts, +1 official narrative; absent when not measured. */
  alignment?: number;
  evidence: Evidence[];
  /** Free-form explanation, e.g. an LLM judge's rationale or a reviewer's note. */
  rationale?: string;
  /** Scorer-specific extras (e.g. reasoning-vs-answer facts). */
  details?: Record<string, unknown>;
}

/** What a scorer sees of one response. */
export interface ScorerInput {
  prompt: string;
  lang: string;
  text: string;
  reasoning?: string;
  /** Kinds of signals recorded on the wire. */
  signals: string[];
  /** Set when the exchange ended in an error that is not a moderation outcome. */
  error?: string;
  topic?: string;
  kind?: string;
  markers?: { official?: string[]; independent?: string[] };
}
