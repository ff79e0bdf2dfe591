import type { VerdictLabel } from '../score/types.ts';
import { Grouping } from './grouping.ts';
import { boundedMeanInterval, bootstrapMeanInterval, normalMeanInterval, proportion } from './stats.ts';
import type { AnalysisRow, CountedLabel, GroupField, MeanEstimate, Proportion } from './types.ts';

/** Labels that count towards n, in report order. */
export const COUNTED_LABELS: readonly CountedLabel[] = [
  'answered',
  'refused',
  'deflected',
  'partial',
  'censored',
];

const NOT_ANSWERED = new Set<VerdictLabel>(['refused', 'deflected', 'partial', 'censored']);

/** True for every outcome where the user did not get a full answer (refused, deflected, partial, censored). */
export function isNotAnswered(label: VerdictLabel): boolean {
  return NOT_ANSWERED.has(label);
}

// Index of each label in a group's count array; `error` is last and is not part of n.
const LABEL_INDEX: Readonly<Record<VerdictLabel, number>> = {
  answered: 0,
  refused: 1,
  deflected: 2,
  partial: 3,
  censored: 4,
  error: 5,
};

/** Index of a row's label; throws on a label outside the contract instead of miscounting it. */
export function labelIndex(label: VerdictLabel): number {
  const index = LABEL_INDEX[label];
  if (index === undefined) throw new TypeError(`unknown verdict label: ${JSON.stringify(label)}`);
  return index;
}

export interface RateOptions {
  confidence?: number;
  /** Seed for the alignment bootstrap, so a report is reproducible. */
  seed?: number;
  resamples?: number;
  /**
   * Groups with more alignment values than this get a normal interval instead of a bootstrap:
   * the bootstrap costs resamples × n draws, and at this size the two agree closely.
   */
  maxBootstrapN?: number;
}

export interface RateGroup {
  /** The group's value for each grouping field. */
  key: Partial<Record<GroupField, string>>;
  /** Rows that are not `error`. */
  n: number;
  errors: number;
  labels: Record<CountedLabel, Proportion>;
  /** refused + deflected + partial + censored. */
  notAnswered: Proportion;
  /** Mean narrative alignment of the group's non-error rows that have one; null when none has. */
  alignmentMean: MeanEstimate | null;
}

/** A group's label counts (by LABEL_INDEX) and alignment values, before any interval is worked out. */
export interface RateTally {
  /** The group's first row: it carries the group's field values. */
  first: AnalysisRow;
  counts: Int32Array;
  alignments: number[];
}

/** Rates of each label and of not-answered, per group, in one pass over the rows. */
export function rates(
  rows: readonly AnalysisRow[],
  by: readonly GroupField[],
  options: RateOptions = {},
): RateGroup[] {
  const tallies = rateTallies(rows, by);
  return summarizeRates(
    tallies,
    by,
    tallies.map((tally) => alignmentMean(tally.alignments, options)),
    options,
  );
}

/** Each group's tally, in the order reports list the groups. */
export function rateTallies(rows: readonly AnalysisRow[], by: readonly GroupField[]): RateTally[] {
  const groups = new Grouping<Omit<RateTally, 'first'>>(by, () => ({
    counts: new Int32Array(6),
    alignments: [],
  }));
  for (const row of rows) {
    const group = groups.of(row);
    const index = labelIndex(row.label);
    group.counts[index]!++;
    if (index !== LABEL_INDEX.error && row.alignment !== undefined && Number.isFinite(row.alignment)) {
      group.alignments.push(row.alignment);
    }
  }
  return groups.sorted().map(({ first, value }) => ({ first, ...value }));
}

/** The groups' rates, given each tally's alignment mean (see alignmentMean). */
export function summarizeRates(
  tallies: readonly RateTally[],
  by: readonly GroupField[],
  means: readonly (MeanEstimate | null)[],
  { confidence = 0.95 }: RateOptions = {},
): RateGroup[] {
  return tallies.map(({ first, counts }, i) => {
    const n = counts[0]! + counts[1]! + counts[2]! + counts[3]! + counts[4]!;
    const labels = {} as Record<CountedLabel, Proportion>;
    for (const label of COUNTED_LABELS)
      labels[label] = proportion(counts[LABEL_INDEX[label]]!, n, confidence);
    const key: Partial<Record<GroupField, string>> = {};
    for (const field of by) key[field] = first[field];
    return {
      key,
      n,
      errors: counts[LABEL_INDEX.error]!,
      labels,
      notAnswered: proportion(n - counts[LABEL_INDEX.answered]!, n, confidence),
      alignmentMean: means[i] ?? null,
    };
  });
}

const DEFAULT_RESAMPLES = 1000;
const DEFAULT_MAX_BOOTSTRAP_N = 1000;
/**
 * Fewest values, with some spread among them, whose alignment mean gets a resampled or normal
 * interval. Both see only the spread a sample shows: one value, or values all alike, give them
 * an interval of zero width, and a few values one far too narrow.
 */
const MIN_SPREAD_N = 10;

type MeanMethod = MeanEstimate['method'];

/** How alignmentMean works out the interval of these values. */
function meanMethod(values: readonly number[], maxBootstrapN: number): MeanMethod {
  if (values.length < MIN_SPREAD_N || values.every((v) => v === values[0])) return 'wilson';
  return values.length <= maxBootstrapN ? 'bootstrap' : 'normal';
}

/** How many random draws alignmentMean makes for these values: resamples × n when it bootstraps, else none. */
export function bootstrapDraws(
  values: readonly number[],
  { resamples = DEFAULT_RESAMPLES, maxBootstrapN = DEFAULT_MAX_BOOTSTRAP_N }: RateOptions = {},
): number {
  return meanMethod(values, maxBootstrapN) === 'bootstrap' ? resamples * values.length : 0;
}

/**
 * Mean alignment with its interval: a seeded percentile bootstrap; a normal interval above
 * maxBootstrapN values, where the two agree closely; Wilson's on the rescaled values
 * (boundedMeanInterval) for fewer than MIN_SPREAD_N values or values all alike.
 */
export function alignmentMean(values: readonly number[], options: RateOptions = {}): MeanEstimate | null {
  const {
    confidence = 0.95,
    seed = 1,
    resamples = DEFAULT_RESAMPLES,
    maxBootstrapN = DEFAULT_MAX_BOOTSTRAP_N,
  } = options;
  if (values.length === 0) return null;
  const method = meanMethod(values, maxBootstrapN);
  const estimate =
    method === 'bootstrap'
      ? bootstrapMeanInterval(values, { seed, resamples, confidence })
      : method === 'normal'
        ? normalMeanInterval(values, confidence)
        : boundedMeanInterval(values, confidence);
  return { n: values.length, ...estimate!, method };
}
