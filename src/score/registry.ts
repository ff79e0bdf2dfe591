import type { Scorer } from './scorer.ts';
import { verdictFromSignals } from './signals.ts';

/** Labels from wire signals alone; every other response counts as answered. */
export const signalsScorer: Scorer = {
  name: 'signals@1',
  score: (input) =>
    verdictFromSignals({
      signals: input.signals.map((kind) => ({ kind: kind as never, evidence: kind })),
      error: input.error ? { kind: 'server', message: input.error, retryable: false } : null,
    }) ?? { label: 'answered', confidence: 0.5, evidence: [] },
};

/** The scorers a run applies by default, by name for `rescore --scorer`. */
export const SCORERS: Record<string, Scorer> = { signals: signalsScorer };
export const DEFAULT_SCORERS = ['signals'];
