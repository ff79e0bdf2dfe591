import jStat from 'jstat';
import type { Interval, Proportion } from './types.ts';

/**
 * Pure statistics for redline's reports. Each function is checked against reference values
 * (R, statsmodels, textbook examples) in test/stats.test.ts.
 */

/** Two-sided standard normal quantile for a confidence level, e.g. 0.95 → 1.959964. */
export function zForConfidence(confidence = 0.95): number {
  if (!(confidence > 0 && confidence < 1))
    throw new RangeError(`confidence must be in (0, 1), got ${confidence}`);
  return jStat.normal.inv(1 - (1 - confidence) / 2, 0, 1);
}

function assertCount(successes: number, n: number): void {
  if (!Number.isInteger(successes) || !Number.isInteger(n) || successes < 0 || successes > n) {
    throw new RangeError(`need integers 0 <= successes <= n, got ${successes} of ${n}`);
  }
}

/** Wilson score interval for a binomial proportion; null when n = 0 (no data, not NaN). */
export function wilson(successes: number, n: number, confidence = 0.95): Interval | null {
  assertCount(successes, n);
  if (n === 0) return null;
  return wilsonAt(successes / n, n, confidence);
}

/** Wilson's score interval around an observed share p of n > 0. */
function wilsonAt(p: number, n: number, confidence: number): Interval {
  const z = zForConfidence(confidence);
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const center = (p + z2 / (2 * n)) / denominator;
  const halfWidth = (z / denominator) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  // At 0 and 1 the bounds are exactly 0 and 1; rounding must not push them off.
  const lower = p === 0 ? 0 : Math.max(0, center - halfWidth);
  const upper = p === 1 ? 1 : Math.min(1, center + halfWidth);
  return { lower, upper };
}

/** A count out of n with its rate and Wilson interval; rate and interval are null when n = 0. */
export function proportion(count: number, n: number, confidence = 0.95): Proportion {
  return { count, n, rate: n === 0 ? null : count / n, interval: wilson(count, n, confidence) };
}

/**
 * Newcombe's hybrid score interval (1998, method 10) for p1 − p2 of two independent proportions.
 * Null when either sample is empty.
 */
export function newcombeDifference(
  x1: number,
  n1: number,
  x2: number,
  n2: number,
  confidence = 0.95,
): { difference: number; interval: Interval } | null {
  const w1 = wilson(x1, n1, confidence);
  const w2 = wilson(x2, n2, confidence);
  if (w1 === null || w2 === null) return null;
  const p1 = x1 / n1;
  const p2 = x2 / n2;
  const difference = p1 - p2;
  const lower = difference - Math.sqrt((p1 - w1.lower) ** 2 + (w2.upper - p2) ** 2);
  const upper = difference + Math.sqrt((w1.upper - p1) ** 2 + (p2 - w2.lower) ** 2);
  return { difference, interval: { lower: Math.max(-1, lower), upper: Math.min(1, upper) } };
}

// log(k!) for k = 0..length-1, grown on demand; a running sum of logs is exact enough for p-values.
let logFactorials = new Float64Array([0, 0]);

function logFactorial(k: number): number {
  if (k >= logFactorials.length) {
    const grown = new Float64Array(Math.max(k + 1, logFactorials.length * 2));
    grown.set(logFactorials);
    for (let i = logFactorials.length; i < grown.length; i++) grown[i] = grown[i - 1]! + Math.log(i);
    logFactorials = grown;
  }
  return logFactorials[k]!;
}

/**
 * Fisher's exact test, two-sided, for the 2x2 table [[a, b], [c, d]]: the sum of the probabilities
 * of all tables with the same margins that are no more likely than the one observed (as R's
 * fisher.test, including its 1e-7 relative tolerance for ties).
 */
export function fisherExact(a: number, b: number, c: number, d: number): number {
  for (const cell of [a, b, c, d]) {
    if (!Number.isInteger(cell) || cell < 0)
      throw new RangeError(`table cells must be integers >= 0, got ${cell}`);
  }
  const row1 = a + b;
  const row2 = c + d;
  const col1 = a + c;
  const col2 = b + d;
  const total = row1 + row2;
  const constant =
    logFactorial(row1) + logFactorial(row2) + logFactorial(col1) + logFactorial(col2) - logFactorial(total);
  const logProbability = (x: number): number =>
    constant -
    logFactorial(x) -
    logFactorial(row1 - x) -
    logFactorial(col1 - x) -
    logFactorial(row2 - col1 + x);
  const observed = logProbability(a);
  const cutoff = observed + Math.log1p(1e-7);
  let p = 0;
  for (let x = Math.max(0, col1 - row2); x <= Math.min(row1, col1); x++) {
    const logP = logProbability(x);
    if (logP <= cutoff) p += Math.exp(logP);
  }
  return Math.min(1, p);
}

// Chebyshev coefficients of erfc (Numerical Recipes 3rd ed., Erf.erfccheb; the same as jstat's erf).
const ERFC_COEFFICIENTS = [
  -1.3026537197817094, 6.419697923564902e-1, 1.9476473204185836e-2, -9.561514786808631e-3,
  -9.46595344482036e-4, 3.66839497852761e-4, 4.2523324806907e-5, -2.0278578112534e-5, -1.624290004647e-6,
  1.30365583558e-6, 1.5626441722e-8, -8.5238095915e-8, 6.529054439e-9, 5.059343495e-9, -9.91364156e-10,
  -2.27365122e-10, 9.6467911e-11, 2.394038e-12, -6.886027e-12, 8.94487e-13, 3.13092e-13, -1.12708e-13,
  3.81e-16, 7.106e-15, -1.523e-15, -9.4e-17, 1.21e-16, -2.8e-17,
];

/**
 * erfc(x) for x >= 0 with full relative precision in the tail. jstat computes 1 − erf(x), which
 * loses all digits past x ≈ 6 (its normal CDF returns 0 at z = −10).
 */
function erfc(x: number): number {
  const t = 2 / (2 + x);
  const ty = 4 * t - 2;
  let d = 0;
  let dd = 0;
  for (let j = ERFC_COEFFICIENTS.length - 1; j > 0; j--) {
    const previous = d;
    d = ty * d - dd + ERFC_COEFFICIENTS[j]!;
    dd = previous;
  }
  return t * Math.exp(-x * x + 0.5 * (ERFC_COEFFICIENTS[0]! + ty * d) - dd);
}

/** Two-sided p-value of a standard normal statistic: 2·Φ(−|z|). */
export function normalTwoSidedP(z: number): number {
  return Math.min(1, erfc(Math.abs(z) / Math.SQRT2));
}

/**
 * Two-proportion z test (pooled variance, no continuity correction; z² equals Pearson's χ² for
 * the 2x2 table). Null when either sample is empty; z = 0 and p = 1 when both rates are 0 or 1.
 */
export function twoProportionZ(
  x1: number,
  n1: number,
  x2: number,
  n2: number,
): { z: number; p: number } | null {
  assertCount(x1, n1);
  assertCount(x2, n2);
  if (n1 === 0 || n2 === 0) return null;
  const pooled = (x1 + x2) / (n1 + n2);
  const standardError = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  if (standardError === 0) return { z: 0, p: 1 };
  const z = (x1 / n1 - x2 / n2) / standardError;
  return { z, p: normalTwoSidedP(z) };
}

/** Benjamini-Hochberg adjusted p-values (q-values), in the input order, as R's p.adjust("BH"). */
export function benjaminiHochberg(pValues: readonly number[]): number[] {
  for (const p of pValues) {
    if (!(p >= 0 && p <= 1)) throw new RangeError(`p-values must be in [0, 1], got ${p}`);
  }
  const m = pValues.length;
  const order = pValues.map((_, i) => i).sort((i, j) => pValues[i]! - pValues[j]!);
  const adjusted = new Array<number>(m);
  let runningMin = 1;
  for (let rank = m; rank >= 1; rank--) {
    const index = order[rank - 1]!;
    runningMin = Math.min(runningMin, (pValues[index]! * m) / rank);
    adjusted[index] = runningMin;
  }
  return adjusted;
}

/** mulberry32: a small, fast, seedable PRNG returning floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let state = seed | 0;
  return () => mulberry32Output((state = nextMulberry32State(state)));
}

const nextMulberry32State = (state: number): number => (state + 0x6d2b79f5) | 0;

/** mulberry32's number for a state. */
function mulberry32Output(state: number): number {
  let t = Math.imul(state ^ (state >>> 15), 1 | state);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

/**
 * Fills the array with mulberry32's next numbers from a state and returns the state it reached.
 * The state stays in a local variable: a closure's lives on the heap, which is twice as slow.
 */
function fillDraws(draws: Float64Array, state: number): number {
  for (let i = 0; i < draws.length; i++) {
    state = nextMulberry32State(state);
    draws[i] = mulberry32Output(state);
  }
  return state;
}

/**
 * The first numbers of mulberry32(seed), kept for the next bootstrap: a report resamples hundreds
 * of groups with one seed, and reading a table is faster than stepping the generator. Up to
 * SHARED_DRAWS numbers (16 MB); larger bootstraps make their own as they go.
 */
let shared: { seed: number; draws: Float64Array } | undefined;
const SHARED_DRAWS = 1 << 21;

function sharedDraws(seed: number, count: number): Float64Array | undefined {
  if (count > SHARED_DRAWS) return undefined;
  if (shared === undefined || shared.seed !== seed || shared.draws.length < count) {
    const draws = new Float64Array(Math.min(SHARED_DRAWS, 2 ** Math.ceil(Math.log2(count))));
    fillDraws(draws, seed | 0);
    shared = { seed, draws };
  }
  return shared.draws;
}

/** Quantile of sorted values by linear interpolation (R's type 7). */
function sortedQuantile(sorted: Float64Array, q: number): number {
  const position = (sorted.length - 1) * q;
  const below = Math.floor(position);
  const above = Math.min(below + 1, sorted.length - 1);
  return sorted[below]! + (sorted[above]! - sorted[below]!) * (position - below);
}

export interface BootstrapOptions {
  seed?: number;
  resamples?: number;
  confidence?: number;
}

/**
 * Seeded percentile bootstrap interval for a mean: the same values and seed always give the same
 * interval. Null for no values.
 */
export function bootstrapMeanInterval(
  values: readonly number[],
  { seed = 1, resamples = 2000, confidence = 0.95 }: BootstrapOptions = {},
): { mean: number; interval: Interval } | null {
  const n = values.length;
  if (n === 0) return null;
  // Draws of mulberry32(seed), r * n + i for resample r's i-th: a large report draws 10^8 times.
  const table = sharedDraws(seed, resamples * n);
  const draws = table ?? new Float64Array(n);
  let state = seed | 0;
  const data = Float64Array.from(values);
  const means = new Float64Array(resamples);
  for (let r = 0; r < resamples; r++) {
    if (table === undefined) state = fillDraws(draws, state);
    const offset = table === undefined ? 0 : r * n;
    let sum = 0;
    for (let i = 0; i < n; i++) sum += data[Math.floor(draws[offset + i]! * n)]!;
    means[r] = sum / n;
  }
  means.sort();
  const alpha = (1 - confidence) / 2;
  return {
    mean: mean(values),
    interval: { lower: sortedQuantile(means, alpha), upper: sortedQuantile(means, 1 - alpha) },
  };
}

/**
 * Interval for the mean of values in [-1, 1] that does not rest on the spread the sample shows:
 * Wilson's on the values rescaled to [0, 1]. A [0, 1] variable with mean p has a variance of at
 * most p(1 − p), a Bernoulli variable's, so the interval is Wilson's exactly for values of ±1
 * and conservative for any others. Null for no values.
 */
export function boundedMeanInterval(
  values: readonly number[],
  confidence = 0.95,
): { mean: number; interval: Interval } | null {
  const n = values.length;
  if (n === 0) return null;
  const average = mean(values);
  const { lower, upper } = wilsonAt(Math.min(1, Math.max(0, (average + 1) / 2)), n, confidence);
  return { mean: average, interval: { lower: 2 * lower - 1, upper: 2 * upper - 1 } };
}

/** Normal-approximation interval for a mean (sample standard deviation); null for no values. */
export function normalMeanInterval(
  values: readonly number[],
  confidence = 0.95,
): { mean: number; interval: Interval } | null {
  const n = values.length;
  if (n === 0) return null;
  const average = mean(values);
  let squares = 0;
  for (const v of values) squares += (v - average) ** 2;
  const standardError = n > 1 ? Math.sqrt(squares / (n - 1) / n) : 0;
  const halfWidth = zForConfidence(confidence) * standardError;
  return { mean: average, interval: { lower: average - halfWidth, upper: average + halfWidth } };
}

function mean(values: readonly number[]): number {
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

/**
 * Cohen's kappa for two raters labelling the same items (ratingsA[i] and ratingsB[i] are one
 * item). Null when there are no items or chance agreement is 1 (kappa undefined).
 */
export function cohenKappa(ratingsA: readonly string[], ratingsB: readonly string[]): number | null {
  if (ratingsA.length !== ratingsB.length) throw new RangeError('both raters must rate the same items');
  const n = ratingsA.length;
  if (n === 0) return null;
  const marginA = new Map<string, number>();
  const marginB = new Map<string, number>();
  let agreements = 0;
  for (let i = 0; i < n; i++) {
    const a = ratingsA[i]!;
    const b = ratingsB[i]!;
    if (a === b) agreements++;
    marginA.set(a, (marginA.get(a) ?? 0) + 1);
    marginB.set(b, (marginB.get(b) ?? 0) + 1);
  }
  let chance = 0;
  for (const [label, countA] of marginA) chance += (countA / n) * ((marginB.get(label) ?? 0) / n);
  if (chance === 1) return null;
  return (agreements / n - chance) / (1 - chance);
}

/**
 * Fleiss' kappa. counts[i][j] is how many raters put subject i in category j; every subject must
 * have the same number (>= 2) of raters. Null when there are no subjects or kappa is undefined.
 */
export function fleissKappa(counts: readonly (readonly number[])[]): number | null {
  const subjects = counts.length;
  if (subjects === 0) return null;
  const raters = counts[0]!.reduce((s, c) => s + c, 0);
  if (raters < 2) throw new RangeError('Fleiss kappa needs at least 2 raters per subject');
  const categories = counts[0]!.length;
  const categoryTotals = new Array<number>(categories).fill(0);
  let agreementSum = 0;
  for (const row of counts) {
    if (row.length !== categories) throw new RangeError('every subject needs a count for every category');
    let rowTotal = 0;
    let pairs = 0;
    row.forEach((c, j) => {
      rowTotal += c;
      pairs += c * (c - 1);
      categoryTotals[j]! += c;
    });
    if (rowTotal !== raters)
      throw new RangeError(`every subject needs ${raters} ratings, one has ${rowTotal}`);
    agreementSum += pairs / (raters * (raters - 1));
  }
  const observed = agreementSum / subjects;
  let chance = 0;
  for (const total of categoryTotals) chance += (total / (subjects * raters)) ** 2;
  if (chance === 1) return null;
  return (observed - chance) / (1 - chance);
}
