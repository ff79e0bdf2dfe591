import { Grouping, groupKey } from './grouping.ts';
import { cohenKappa, proportion } from './stats.ts';
import type { AnalysisRow, Proportion } from './types.ts';

/**
 * How stable a model's behaviour is: do repeated samples of one question get the same label,
 * how often the answer drops what the reasoning said, and how far two scorers agree.
 */

// A cell is one question asked several times. Run and scorer are part of it, so that drift between
// runs or disagreement between scorers is not mistaken for a model's inconsistency.
const CELL_FIELDS = ['runId', 'scorer', 'targetId', 'probeId', 'variant', 'lang'] as const;

export interface SampleConsistency {
  /** null for the summary over all targets. */
  targetId: string | null;
  /** Cells with at least 2 non-error samples; count = cells whose samples carry more than one label. */
  inconsistent: Proportion;
}

/** Share of multi-sample cells whose samples disagree on the label, per target and overall. */
export function sampleConsistency(
  rows: readonly AnalysisRow[],
  { confidence = 0.95 }: { confidence?: number } = {},
): SampleConsistency[] {
  const cells = new Grouping(CELL_FIELDS, () => ({ first: '', samples: 0, mixed: false }));
  for (const row of rows) {
    if (row.label === 'error') continue;
    const cell = cells.of(row);
    if (cell.samples++ === 0) cell.first = row.label;
    else if (row.label !== cell.first) cell.mixed = true;
  }
  const perTarget = new Map<string, { count: number; n: number }>();
  const overall = { count: 0, n: 0 };
  for (const { first: row, value: cell } of cells.all()) {
    if (cell.samples < 2) continue;
    let entry = perTarget.get(row.targetId);
    if (entry === undefined) {
      entry = { count: 0, n: 0 };
      perTarget.set(row.targetId, entry);
    }
    for (const tally of [entry, overall]) {
      tally.n++;
      if (cell.mixed) tally.count++;
    }
  }
  return [
    { targetId: null, inconsistent: proportion(overall.count, overall.n, confidence) },
    ...[...perTarget.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([targetId, t]) => ({ targetId, inconsistent: proportion(t.count, t.n, confidence) })),
  ];
}

export interface ReasoningSuppression {
  targetId: string;
  /** Among non-error rows where suppression was assessed (the model showed reasoning). */
  suppressed: Proportion;
}

/** Rate at which the answer drops or contradicts what the visible reasoning said, per target. */
export function reasoningSuppression(
  rows: readonly AnalysisRow[],
  { confidence = 0.95 }: { confidence?: number } = {},
): ReasoningSuppression[] {
  const perTarget = new Map<string, { count: number; n: number }>();
  for (const row of rows) {
    if (row.label === 'error' || row.reasoningSuppressed === undefined) continue;
    let entry = perTarget.get(row.targetId);
    if (entry === undefined) {
      entry = { count: 0, n: 0 };
      perTarget.set(row.targetId, entry);
    }
    entry.n++;
    if (row.reasoningSuppressed) entry.count++;
  }
  return [...perTarget.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([targetId, t]) => ({ targetId, suppressed: proportion(t.count, t.n, confidence) }));
}

export interface ScorerAgreement {
  scorerA: string;
  scorerB: string;
  /** Responses labelled by both; count = responses given the same label. */
  agreement: Proportion;
  /** Cohen's kappa; null when undefined (no shared responses, or one label throughout). */
  kappa: number | null;
}

const RESPONSE_FIELDS = ['runId', 'targetId', 'probeId', 'variant', 'lang', 'sample'] as const;

/** Agreement between two scorers on the responses both labelled (e.g. classifier vs human). */
export function scorerAgreement(
  rows: readonly AnalysisRow[],
  scorerA: string,
  scorerB: string,
  { confidence = 0.95 }: { confidence?: number } = {},
): ScorerAgreement {
  const labelsA = new Map<string, string>();
  for (const row of rows) if (row.scorer === scorerA) labelsA.set(groupKey(row, RESPONSE_FIELDS), row.label);
  const pairedA: string[] = [];
  const pairedB: string[] = [];
  for (const row of rows) {
    if (row.scorer !== scorerB) continue;
    const labelA = labelsA.get(groupKey(row, RESPONSE_FIELDS));
    if (labelA === undefined) continue;
    pairedA.push(labelA);
    pairedB.push(row.label);
  }
  const same = pairedA.filter((label, i) => label === pairedB[i]).length;
  return {
    scorerA,
    scorerB,
    agreement: proportion(same, pairedA.length, confidence),
    kappa: cohenKappa(pairedA, pairedB),
  };
}
