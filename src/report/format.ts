import type { Proportion } from '../analyze/types.ts';

/** "42.0% [35.1, 49.2] n=120": never a percentage without its n and interval. */
export function formatProportion(p: Proportion): string {
  if (p.rate === null || !p.interval) return `- n=${p.n}`;
  return `${pct(p.rate)} [${pct(p.interval.lower, false)}, ${pct(p.interval.upper, false)}] n=${p.n}`;
}

export function pct(x: number, sign = true): string {
  return `${(x * 100).toFixed(1)}${sign ? '%' : ''}`;
}

export const SIMULATED_BANNER = 'SIMULATED: every figure below comes from the built-in simulator, not from a real model.';
