import { describe, expect, it } from 'vitest';
import { alignmentMeans } from '../src/analyze/means.ts';
import { alignmentMean } from '../src/analyze/rates.ts';

describe('alignmentMeans', () => {
  // Bootstrapped, normal (above the size limit), Wilson (one value) and empty groups, with values
  // that are not round.
  const lists = [
    Array.from({ length: 40 }, (_, i) => Math.sin(i) / 3),
    [],
    Array.from({ length: 1200 }, (_, i) => Math.cos(i * 0.37)),
    [0.1 + 0.2],
    Array.from({ length: 700 }, (_, i) => ((i * 7919) % 21) / 10 - 1),
  ];
  const options = { seed: 11, resamples: 500 };
  const expected = lists.map((values) => alignmentMean(values, options));

  it('gives each group the mean alignmentMean gives it, to the last bit, here', async () => {
    expect(expected.map((m) => m?.method ?? null)).toEqual([
      'bootstrap',
      null,
      'normal',
      'wilson',
      'bootstrap',
    ]);
    expect(await alignmentMeans(lists, options)).toEqual(expected);
  });

  it('gives the same in a worker thread, where large reports bootstrap', async () => {
    expect(await alignmentMeans(lists, options, { workerAboveDraws: 0 })).toEqual(expected);
  });
});
