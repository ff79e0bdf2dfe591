export type ScorerKind = 'human' | 'ensemble' | 'judge' | 'embedded' | 'markers';

/** Which kind of scorer made a verdict, from its recorded name. */
export function scorerKind(scorer: string): ScorerKind {
  if (scorer.startsWith('human:')) return 'human';
  if (scorer.startsWith('ensemble')) return 'ensemble';
  if (scorer.startsWith('judge:')) return 'judge';
  if (scorer.startsWith('markers')) return 'markers';
  return 'embedded';
}

const RANK: Record<ScorerKind, number> = { human: 4, ensemble: 3, judge: 2, embedded: 1, markers: 0 };

/**
 * The verdict a report rests on: a person's over a judge ensemble's over a single judge's over
 * the embedded classifier's; within one kind, the last stored. Verdicts are append-only, so the
 * store's order is the order they were made in, and unlike the clocks of several workers it
 * cannot disagree with itself. Pass verdicts in store order. Markers verdicts carry alignment
 * only. Every verdict stays stored.
 */
export function effectiveVerdict<V extends { scorer: string }>(verdicts: readonly V[]): V | undefined {
  let best: V | undefined;
  let bestRank = 0;
  for (const v of verdicts) {
    const rank = RANK[scorerKind(v.scorer)];
    if (rank > 0 && rank >= bestRank) [best, bestRank] = [v, rank];
  }
  return best;
}
