import { describe, expect, it } from 'vitest';
import {
  benjaminiHochberg,
  bootstrapMeanInterval,
  cohenKappa,
  fisherExact,
  fleissKappa,
  mulberry32,
  newcombeDifference,
  normalMeanInterval,
  normalTwoSidedP,
  twoProportionZ,
  wilson,
  zForConfidence,
} from '../src/analyze/stats.ts';

describe('zForConfidence', () => {
  it('gives the standard normal quantiles', () => {
    expect(zForConfidence(0.95)).toBeCloseTo(1.959964, 6);
    expect(zForConfidence(0.9)).toBeCloseTo(1.644854, 6);
  });
  it('rejects a confidence outside (0, 1)', () => {
    expect(() => zForConfidence(1)).toThrow(RangeError);
  });
});

describe('wilson', () => {
  it('matches statsmodels proportion_confint(method="wilson")', () => {
    const interval = wilson(8, 10)!;
    expect(interval.lower).toBeCloseTo(0.4902, 4);
    expect(interval.upper).toBeCloseTo(0.9433, 4);
  });
  it('gives exactly 0 as the lower bound for no successes', () => {
    expect(wilson(0, 50)).toEqual({ lower: 0, upper: expect.closeTo(0.0713, 4) as number });
  });
  it('gives exactly 1 as the upper bound when every trial succeeds', () => {
    const interval = wilson(10, 10)!;
    expect(interval.upper).toBe(1);
    // Mirror of wilson(0, 10): 1 − 0.2775.
    expect(interval.lower).toBeCloseTo(1 - wilson(0, 10)!.upper, 12);
    expect(interval.lower).toBeCloseTo(0.7225, 4);
  });
  it('gives no interval (not NaN) for n = 0', () => {
    expect(wilson(0, 0)).toBeNull();
  });
  it('rejects impossible counts', () => {
    expect(() => wilson(11, 10)).toThrow(RangeError);
    expect(() => wilson(-1, 10)).toThrow(RangeError);
    expect(() => wilson(1.5, 10)).toThrow(RangeError);
  });
});

describe('newcombeDifference', () => {
  it("reproduces Newcombe's (1998) example 56/70 − 48/80", () => {
    const result = newcombeDifference(56, 70, 48, 80)!;
    expect(result.difference).toBeCloseTo(0.2, 12);
    expect(result.interval.lower).toBeCloseTo(0.0524, 4);
    expect(result.interval.upper).toBeCloseTo(0.3339, 4);
  });
  it("reproduces Newcombe's boundary example 9/10 − 3/10 (method 10: 0.1705 to 0.8090)", () => {
    const result = newcombeDifference(9, 10, 3, 10)!;
    expect(result.interval.lower).toBeCloseTo(0.1705, 4);
    expect(result.interval.upper).toBeCloseTo(0.809, 3);
  });
  it('is antisymmetric when the groups swap', () => {
    const forward = newcombeDifference(5, 40, 17, 33)!;
    const backward = newcombeDifference(17, 33, 5, 40)!;
    expect(backward.interval.lower).toBeCloseTo(-forward.interval.upper, 12);
    expect(backward.interval.upper).toBeCloseTo(-forward.interval.lower, 12);
  });
  it('gives null when either group is empty', () => {
    expect(newcombeDifference(0, 0, 3, 10)).toBeNull();
    expect(newcombeDifference(3, 10, 0, 0)).toBeNull();
  });
});

describe('fisherExact', () => {
  it("gives R's p for Fisher's tea-tasting table", () => {
    expect(fisherExact(3, 1, 1, 3)).toBeCloseTo(0.4857, 4);
  });
  it("gives R's p for an unbalanced table", () => {
    expect(fisherExact(1, 9, 11, 3)).toBeCloseTo(0.002759, 6);
  });
  it('gives 1 for identical rows and for an empty table', () => {
    expect(fisherExact(5, 5, 5, 5)).toBeCloseTo(1, 12);
    expect(fisherExact(0, 0, 0, 0)).toBe(1);
  });
  it('gives the closed form for a complete separation: 2 / C(40, 20)', () => {
    // Only the two extreme tables are as unlikely as [[20,0],[0,20]]; each has probability 1/C(40,20).
    expect(fisherExact(20, 0, 0, 20)).toBeCloseTo(2 / 137846528820, 20);
  });
  it('stays finite and exact on large tables', () => {
    const p = fisherExact(5000, 5000, 5000, 5000);
    expect(p).toBeCloseTo(1, 9);
    expect(fisherExact(600, 400, 400, 600)).toBeLessThan(1e-15);
  });
  it('is symmetric in rows and columns', () => {
    expect(fisherExact(2, 7, 8, 2)).toBeCloseTo(fisherExact(8, 2, 2, 7), 14);
    expect(fisherExact(2, 7, 8, 2)).toBeCloseTo(fisherExact(2, 8, 7, 2), 14);
  });
});

describe('twoProportionZ', () => {
  it('equals the Pearson chi-square test on [[10,20],[20,10]] (χ² = 6.667, p = 0.009823)', () => {
    const result = twoProportionZ(10, 30, 20, 30)!;
    expect(result.z ** 2).toBeCloseTo(6.6667, 4);
    expect(result.p).toBeCloseTo(0.009823, 6);
    expect(result.z).toBeLessThan(0);
  });
  it('gives p = 1 when there is no variation, null when a group is empty', () => {
    expect(twoProportionZ(0, 10, 0, 20)).toEqual({ z: 0, p: 1 });
    expect(twoProportionZ(10, 10, 20, 20)).toEqual({ z: 0, p: 1 });
    expect(twoProportionZ(0, 0, 1, 2)).toBeNull();
  });
  it('keeps precision in the far tail', () => {
    // Pooled 0.2, SE = sqrt(0.16 · 0.01) = 0.04, z = −0.4 / 0.04 = −10; 2·Φ(−10) = 1.5240e-23.
    const result = twoProportionZ(0, 200, 80, 200)!;
    expect(result.z).toBeCloseTo(-10, 10);
    expect(result.p / 1.523970604832e-23).toBeCloseTo(1, 4);
  });
});

describe('benjaminiHochberg', () => {
  it('matches a hand computation (R p.adjust "BH")', () => {
    // Sorted: 0.005·4/1 = 0.02, 0.01·4/2 = 0.02, 0.03·4/3 = 0.04, 0.04·4/4 = 0.04.
    expect(benjaminiHochberg([0.01, 0.04, 0.03, 0.005])).toEqual([0.02, 0.04, 0.04, 0.02]);
  });
  it('enforces monotonicity from the largest p down and caps at 1', () => {
    // Raw: 0.02·3/1 = 0.06, 0.5·3/2 = 0.75, 0.4·3/3 = 0.4 → step-up minimum gives 0.4 for the middle rank.
    const q = benjaminiHochberg([0.5, 0.02, 0.4]);
    expect(q[0]).toBeCloseTo(0.5, 12);
    expect(q[1]).toBeCloseTo(0.06, 12);
    expect(q[2]).toBeCloseTo(0.5, 12);
    expect(benjaminiHochberg([0.9, 1])).toEqual([1, 1]);
  });
  it('handles an empty list and rejects invalid p-values', () => {
    expect(benjaminiHochberg([])).toEqual([]);
    expect(() => benjaminiHochberg([0.1, Number.NaN])).toThrow(RangeError);
  });
});

describe('mulberry32 and the seeded bootstrap', () => {
  it('repeats a stream for a seed, differs across seeds, stays in [0, 1)', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const c = mulberry32(43);
    const first = Array.from({ length: 1000 }, () => a());
    expect(Array.from({ length: 1000 }, () => b())).toEqual(first);
    expect(c()).not.toBe(first[0]);
    expect(Math.min(...first)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...first)).toBeLessThan(1);
    const average = first.reduce((s, v) => s + v, 0) / first.length;
    expect(average).toBeGreaterThan(0.45);
    expect(average).toBeLessThan(0.55);
  });
  it('gives the same interval for the same seed and a different one for another seed', () => {
    const values = Array.from({ length: 50 }, (_, i) => Math.cos(i));
    const one = bootstrapMeanInterval(values, { seed: 7 });
    expect(bootstrapMeanInterval(values, { seed: 7 })).toEqual(one);
    expect(bootstrapMeanInterval(values, { seed: 8 })!.interval).not.toEqual(one!.interval);
  });
  it('resamples with the seed’s draws in order, from the shared table and beyond it alike', () => {
    // The textbook loop over mulberry32(seed), and R's type-7 quantiles of the sorted means.
    const reference = (values: number[], seed: number, resamples: number) => {
      const next = mulberry32(seed);
      const means = Array.from({ length: resamples }, () => {
        let sum = 0;
        for (let i = 0; i < values.length; i++) sum += values[Math.floor(next() * values.length)]!;
        return sum / values.length;
      }).sort((a, b) => a - b);
      const at = (q: number) => {
        const position = (resamples - 1) * q;
        const below = Math.floor(position);
        return means[below]! + (means[below + 1]! - means[below]!) * (position - below);
      };
      const alpha = (1 - 0.95) / 2;
      return { lower: at(alpha), upper: at(1 - alpha) };
    };
    const small = Array.from({ length: 300 }, (_, i) => Math.sin(i));
    // 2,000 × 1,100 draws: more than the 2^21 the shared table holds.
    const large = Array.from({ length: 1100 }, (_, i) => Math.cos(i * 0.7));
    for (const [values, seed, resamples] of [
      [small, 3, 1000],
      [small, 4, 500],
      [large, 3, 2000],
      [small, 3, 1000],
    ] as const) {
      expect(bootstrapMeanInterval(values, { seed, resamples })!.interval).toEqual(
        reference(values, seed, resamples),
      );
    }
  });
  it('agrees with the normal interval for a 30% rate at n = 200 (Wald: 0.2365 to 0.3635)', () => {
    const values = Array.from({ length: 200 }, (_, i) => (i < 60 ? 1 : 0));
    const result = bootstrapMeanInterval(values, { seed: 1, resamples: 4000 })!;
    expect(result.mean).toBeCloseTo(0.3, 12);
    expect(Math.abs(result.interval.lower - 0.2365)).toBeLessThan(0.01);
    expect(Math.abs(result.interval.upper - 0.3635)).toBeLessThan(0.01);
    const normal = normalMeanInterval(values)!;
    expect(normal.interval.lower).toBeCloseTo(0.3 - 1.959964 * Math.sqrt((0.3 * 0.7 * 200) / 199 / 200), 6);
  });
  it('gives a zero-width interval for constant values and null for none', () => {
    expect(bootstrapMeanInterval([0.5, 0.5, 0.5])).toEqual({
      mean: 0.5,
      interval: { lower: 0.5, upper: 0.5 },
    });
    expect(normalMeanInterval([0.5])).toEqual({ mean: 0.5, interval: { lower: 0.5, upper: 0.5 } });
    expect(bootstrapMeanInterval([])).toBeNull();
    expect(normalMeanInterval([])).toBeNull();
  });
});

describe('cohenKappa', () => {
  it('matches a hand computation: 20 yes/yes, 5 yes/no, 10 no/yes, 15 no/no → 0.4', () => {
    // p_o = 35/50 = 0.7; p_e = 0.5·0.6 + 0.5·0.4 = 0.5; κ = (0.7 − 0.5) / 0.5 = 0.4.
    const a = [...Array<string>(25).fill('yes'), ...Array<string>(25).fill('no')];
    const b = [
      ...Array<string>(20).fill('yes'),
      ...Array<string>(5).fill('no'),
      ...Array<string>(10).fill('yes'),
      ...Array<string>(15).fill('no'),
    ] as string[];
    expect(cohenKappa(a, b)).toBeCloseTo(0.4, 12);
  });
  it('is 1 for perfect agreement and null when undefined', () => {
    expect(cohenKappa(['a', 'b', 'a'], ['a', 'b', 'a'])).toBeCloseTo(1, 12);
    expect(cohenKappa(['a', 'a'], ['a', 'a'])).toBeNull();
    expect(cohenKappa([], [])).toBeNull();
    expect(() => cohenKappa(['a'], [])).toThrow(RangeError);
  });
});

describe('fleissKappa', () => {
  it('reproduces the classic 10 subjects × 14 raters × 5 categories example (κ = 0.210)', () => {
    const counts = [
      [0, 0, 0, 0, 14],
      [0, 2, 6, 4, 2],
      [0, 0, 3, 5, 6],
      [0, 3, 9, 2, 0],
      [2, 2, 8, 1, 1],
      [7, 7, 0, 0, 0],
      [3, 2, 6, 3, 0],
      [2, 5, 3, 2, 2],
      [6, 5, 2, 1, 0],
      [0, 2, 2, 3, 7],
    ];
    // P̄ = 0.37802, P̄e = 0.21331 → κ = (0.37802 − 0.21331) / (1 − 0.21331) = 0.20993.
    expect(fleissKappa(counts)).toBeCloseTo(0.20993, 5);
  });
  it('matches a hand computation with 2 raters (equals Scott pi)', () => {
    // 4 subjects: two agree on A, one on B, one split. P̄ = 3/4; category shares 5/8 and 3/8,
    // P̄e = 25/64 + 9/64 = 34/64; κ = (48/64 − 34/64) / (30/64) = 14/30.
    expect(
      fleissKappa([
        [2, 0],
        [2, 0],
        [0, 2],
        [1, 1],
      ]),
    ).toBeCloseTo(14 / 30, 12);
  });
  it('rejects unequal rater counts and gives null without subjects', () => {
    expect(() =>
      fleissKappa([
        [2, 0],
        [1, 0],
      ]),
    ).toThrow(RangeError);
    expect(fleissKappa([])).toBeNull();
    expect(
      fleissKappa([
        [3, 0],
        [3, 0],
      ]),
    ).toBeNull();
  });
});

describe('normalTwoSidedP', () => {
  it('matches tabulated normal tail probabilities, far tail included', () => {
    // 2·Φ(−1.959964) = 0.05; Φ(−5) = 2.866516e-7; Φ(−8) = 6.220961e-16; Φ(−20) = 2.753624e-89.
    expect(normalTwoSidedP(1.959964)).toBeCloseTo(0.05, 7);
    expect(normalTwoSidedP(-5) / (2 * 2.866516e-7)).toBeCloseTo(1, 5);
    expect(normalTwoSidedP(8) / (2 * 6.220961e-16)).toBeCloseTo(1, 5);
    expect(normalTwoSidedP(20) / (2 * 2.753624e-89)).toBeCloseTo(1, 5);
    expect(normalTwoSidedP(0)).toBeCloseTo(1, 12);
  });
});
