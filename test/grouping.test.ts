import { describe, expect, it } from 'vitest';
import { Grouping, groupKey } from '../src/analyze/grouping.ts';
import type { AnalysisRow } from '../src/analyze/types.ts';

/** Grouping against the plain way: a joined string key per row. */

const FIELDS: (keyof AnalysisRow)[] = [
  'runId',
  'targetId',
  'probeId',
  'variant',
  'topic',
  'kind',
  'lang',
  'sample',
  'label',
  'scorer',
];

// Rows whose fields vary independently, each value shared by a few rows, some in runs of equal rows.
function rows(): AnalysisRow[] {
  const pick = <T>(values: readonly T[], i: number, step: number) =>
    values[Math.floor(i / step) % values.length]!;
  return Array.from({ length: 600 }, (_, i) => ({
    runId: pick(['r1', 'r2'], i, 300),
    targetId: pick(['a', 'b', 'c'], i, 7),
    probeId: pick(['p1', 'p2', 'p3', 'p4'], i, 3),
    variant: pick(['main', 'v1'], i, 11),
    topic: pick(['tibet', 'taiwan'], i, 5),
    kind: pick(['sensitive', 'control', 'benign'] as const, i, 13),
    lang: pick(['en', 'zh-Hans', 'ar'], i, 2),
    sample: i % 4,
    label: pick(['answered', 'refused', 'error'] as const, i, 17),
    scorer: pick(['embedded@1', 'human:ana'], i, 19),
  }));
}

describe('Grouping', () => {
  it('puts rows together exactly when the plain joined key does, for any fields', () => {
    const all = rows();
    for (let size = 1; size <= 3; size++) {
      for (let start = 0; start + size <= FIELDS.length; start++) {
        const fields = FIELDS.slice(start, start + size).concat(size === 3 ? ['lang'] : []);
        const grouping = new Grouping(fields, () => ({ rows: [] as number[] }));
        all.forEach((row, i) => grouping.of(row).rows.push(i));
        const expected = new Map<string, number[]>();
        all.forEach((row, i) => {
          const key = groupKey(row, fields);
          expected.set(key, [...(expected.get(key) ?? []), i]);
        });
        const groups = grouping.sorted();
        expect(groups.map((g) => groupKey(g.first, fields))).toEqual([...expected.keys()].sort());
        expect(groups.map((g) => g.value.rows)).toEqual(
          groups.map((g) => expected.get(groupKey(g.first, fields))),
        );
        expect(grouping.find(...fields.map((f) => all[42]![f]))?.rows).toContain(42);
      }
    }
  });
});
