import type { Scorer } from './scorer.ts';
import { verdictFromSignals } from './signals.ts';
import { classify, EMBEDDED_SCORER } from './embedded/classify.ts';
import { scoreMarkers } from './markers.ts';
import { maskThink } from '../util/text.ts';

/** Labels from wire signals alone; every other response counts as answered. */
export const signalsScorer: Scorer = {
  name: 'signals@1',
  score: (input) =>
    verdictFromSignals({
      signals: input.signals.map((kind) => ({ kind: kind as never, evidence: kind })),
      error: input.error ? { kind: 'server', message: input.error, retryable: false } : null,
    }) ?? { label: 'answered', confidence: 0.5, evidence: [] },
};

/** The embedded classifier: text cues and wire signals, no network. */
export const embeddedScorer: Scorer = { name: EMBEDDED_SCORER, score: classify };

/**
 * Narrative alignment from the probe's markers. A verdict needs a label, so it borrows the
 * embedded one with confidence 0; precedence skips markers verdicts for the label anyway.
 * Think blocks are blanked, not cut, so evidence offsets hold for the stored text.
 */
export const markersScorer: Scorer = {
  name: 'markers@1',
  score: (input) => {
    const { alignment, hits } = scoreMarkers(maskThink(input.text).answer, input.lang, input.markers ?? {});
    return {
      label: classify(input).label,
      confidence: 0,
      ...(alignment === undefined ? {} : { alignment }),
      evidence: hits,
      details: { matched: hits.length },
    };
  },
};

/** The scorers a run applies by default, by name for `rescore --scorer`. */
export const SCORERS: Record<string, Scorer> = {
  embedded: embeddedScorer,
  markers: markersScorer,
  signals: signalsScorer,
};
export const DEFAULT_SCORERS = ['embedded', 'markers'];
