import type { Interval, MeanEstimate, Proportion, ProportionGap } from '../analyze/types.ts';

/** "42.0% [35.1, 49.2] n=120": never a percentage without its n and interval. */
export function formatProportion(p: Proportion): string {
  if (p.rate === null || !p.interval) return `- n=${p.n}`;
  return `${pct(p.rate)} [${pct(p.interval.lower, false)}, ${pct(p.interval.upper, false)}] n=${p.n}`;
}

export function pct(x: number, sign = true): string {
  return `${(x * 100).toFixed(1)}${sign ? '%' : ''}`;
}

/** "+12.0 pp [3.1, 20.2] (40.0% n=20 vs 28.0% n=25)": a difference of rates with both sides' n. */
export function formatGap(gap: ProportionGap): string {
  const sides = `${gap.a.rate === null ? '-' : pct(gap.a.rate)} n=${gap.a.n} vs ${gap.b.rate === null ? '-' : pct(gap.b.rate)} n=${gap.b.n}`;
  if (gap.difference === null || gap.interval === null) return `- (${sides})`;
  return `${formatPoints(gap.difference, gap.interval)} (${sides})`;
}

/** A difference of two rates in percentage points with its interval. */
export function formatPoints(difference: number, interval: Interval): string {
  const signed = (x: number) => `${x > 0 ? '+' : ''}${(x * 100).toFixed(1)}`;
  return `${signed(difference)} pp [${signed(interval.lower)}, ${signed(interval.upper)}]`;
}

/** "+0.42 [0.30, 0.55] n=40 (bootstrap)". */
export function formatMean(m: MeanEstimate | null): string {
  if (m === null) return '-';
  const f = (x: number) => `${x > 0 ? '+' : ''}${x.toFixed(2)}`;
  return `${f(m.mean)} [${f(m.interval.lower)}, ${f(m.interval.upper)}] n=${m.n} (${m.method})`;
}

export const SIMULATED_BANNER =
  'SIMULATED: every figure below comes from the built-in simulator, not from a real model.';
