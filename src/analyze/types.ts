import type { VerdictLabel } from '../score/types.ts';

/**
 * One scored response as the analysis sees it. Callers pass one verdict per response (after
 * verdict precedence); rows from several scorers for the same response would be counted twice.
 */
export interface AnalysisRow {
  runId: string;
  targetId: string;
  probeId: string;
  /** "main" or a variant id. */
  variant: string;
  topic: string;
  kind: 'sensitive' | 'control' | 'benign';
  lang: string;
  sample: number;
  label: VerdictLabel;
  scorer: string;
  /** Narrative alignment in [-1, 1]; absent when not measured. */
  alignment?: number;
  /** True when the model reasoned but the answer dropped what the reasoning said. */
  reasoningSuppressed?: boolean;
  /** The job's place in its run's plan, where a store keeps the answer (Store.excerpts). */
  ordinal?: number;
  /** A short quote of the answer, for showing an example; untrusted model output. */
  excerpt?: string;
}

/** Fields that rows can be grouped by. */
export type GroupField = 'targetId' | 'topic' | 'lang' | 'kind' | 'variant';

/** Labels that count towards n (every label but `error`). */
export type CountedLabel = Exclude<VerdictLabel, 'error'>;

/** Lower and upper bound of a confidence interval. */
export interface Interval {
  lower: number;
  upper: number;
}

/** A count out of n, its rate and 95% Wilson interval; rate and interval are null when n = 0. */
export interface Proportion {
  count: number;
  n: number;
  rate: number | null;
  interval: Interval | null;
}

/** A difference of two proportions (a − b) with its Newcombe interval; null parts when either n = 0. */
export interface ProportionGap {
  a: Proportion;
  b: Proportion;
  difference: number | null;
  interval: Interval | null;
}

/** A mean with its 95% interval and how the interval was made. */
export interface MeanEstimate {
  n: number;
  mean: number;
  interval: Interval;
  /**
   * `bootstrap` (seeded percentile) for most groups, `normal` above the bootstrap size limit,
   * `wilson` (on the values rescaled to [0, 1]) for fewer than 10 values or values all alike.
   */
  method: 'bootstrap' | 'normal' | 'wilson';
}
