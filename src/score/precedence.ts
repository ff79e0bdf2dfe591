import type { VerdictRecord } from '../store/types.ts';

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
 * the embedded classifier's; within one kind, the newest. Markers verdicts carry alignment only.
 * Every verdict stays stored.
 */
export function effectiveVerdict(verdicts: VerdictRecord[]): VerdictRecord | undefined {
  let best: VerdictRecord | undefined;
  for (const v of verdicts) {
    if (scorerKind(v.scorer) === 'markers') continue;
    if (!best || outranks(v, best)) best = v;
  }
  return best;
}

function outranks(a: VerdictRecord, b: VerdictRecord): boolean {
  const ra = RANK[scorerKind(a.scorer)];
  const rb = RANK[scorerKind(b.scorer)];
  return ra > rb || (ra === rb && a.createdAt >= b.createdAt);
}
