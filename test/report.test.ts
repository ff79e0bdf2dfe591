import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../src/store/open.ts';
import type { Store } from '../src/store/types.ts';
import { buildReport, type ReportData } from '../src/report/build.ts';
import { renderReport } from '../src/report/render.ts';
import { normaliseModelId, weightGroups } from '../src/analyze/layers.ts';
import { FIXTURE_RUN, seedFixture } from './report-fixture.ts';

let work: string;
let store: Store;
let data: ReportData;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'redline-report-'));
  store = await openStore(join(work, 'report.db'));
  await seedFixture(store);
  data = await buildReport(store, FIXTURE_RUN);
});
afterAll(async () => {
  await store?.close();
  rmSync(work, { recursive: true, force: true });
});

const rate = (targetId: string, kind: string, lang: string) =>
  data.rates.find((g) => g.key.targetId === targetId && g.key.kind === kind && g.key.lang === lang)!;

describe('report content on a fixed store', () => {
  it('rates every label per target × topic × kind × language with n and interval', () => {
    const zh = rate('api:deepseek', 'sensitive', 'zh-Hans');
    expect(zh.n).toBe(4);
    expect(zh.labels.refused).toMatchObject({ count: 4, n: 4, rate: 1 });
    expect(zh.labels.refused.interval!.upper).toBe(1);
    const en = rate('api:deepseek', 'sensitive', 'en');
    expect(en.notAnswered).toMatchObject({ count: 1, n: 4, rate: 0.25 });
    expect(en.labels.deflected.count).toBe(1);
    expect(data.meta).toMatchObject({ simulated: true, results: 108, jobs: 108 });
    expect(data.scorers['api:deepseek']).toEqual({ 'embedded@1': 36 });
  });

  it('gives sensitive − control and language gaps with intervals', () => {
    const kind = data.kindGaps.find((g) => g.targetId === 'api:deepseek' && g.topic === null)!;
    expect(kind.gap.a).toMatchObject({ count: 9, n: 12 });
    expect(kind.gap.b).toMatchObject({ count: 0, n: 12 });
    expect(kind.gap.difference).toBeCloseTo(0.75);
    expect(kind.gap.interval!.lower).toBeGreaterThan(0);
    const zh = data.languageGaps.find(
      (g) => g.targetId === 'host:deepseek' && g.topic === null && g.lang === 'zh-Hans',
    )!;
    expect(zh.baseline).toBe('en');
    expect(zh.gap.difference).toBe(1);
    expect(
      data.languageGaps
        .filter((g) => g.topic === null)
        .map((g) => g.lang)
        .slice(0, 3),
    ).toEqual(['zh-Hans', 'ar', 'zh-Hans']);
  });

  it('calls over-refusal unclear when 0 of 12 cannot rule out more than 5%', () => {
    const overall = data.overRefusal.filter((o) => o.lang === null);
    expect(overall).toHaveLength(3);
    for (const o of overall) {
      expect(o.refusal).toMatchObject({ count: 0, n: 12 });
      expect(o.status).toBe('unclear');
    }
  });

  it('measures reasoning suppression only where the model showed reasoning', () => {
    expect(data.reasoning.map((r) => [r.targetId, r.suppressed.count, r.suppressed.n])).toEqual([
      ['api:deepseek', 5, 36],
      ['host:deepseek', 0, 36],
    ]);
  });

  it('counts the (probe, language) cells whose samples disagree and gives alignment an interval', () => {
    const api = data.consistency.find((c) => c.targetId === 'api:deepseek')!;
    expect(api.inconsistent).toMatchObject({ count: 1, n: 9 });
    const topic = data.topics.find((g) => g.key.targetId === 'api:deepseek' && g.key.kind === 'sensitive')!;
    // Twelve values of 0.5: no spread for a bootstrap to see, so Wilson at 0.75 of 12 on [0, 1]
    // ([0.46769, 0.91106], as fail-on.test.ts), back on [-1, 1].
    expect(topic.alignmentMean).toMatchObject({ n: 12, mean: 0.5, method: 'wilson' });
    expect(topic.alignmentMean!.interval.lower).toBeCloseTo(-0.064611, 5);
    expect(topic.alignmentMean!.interval.upper).toBeCloseTo(0.822117, 5);
  });

  it('puts the targets that serve the same weights side by side (layer matrix)', () => {
    expect(data.layers.groups).toEqual([
      { weights: 'deepseek-v3', targets: ['api:deepseek', 'host:deepseek'], source: 'fingerprint' },
    ]);
    const row = data.layers.rows.find((r) => r.topic === 'tiananmen')!;
    expect(row.targets.map((t) => t.notAnswered.count)).toEqual([9, 4]);
    expect(row.spread).toMatchObject({ high: 'api:deepseek', low: 'host:deepseek' });
    expect(row.spread!.difference).toBeCloseTo(5 / 12);
    expect(row.layerEffect).toBe(row.spread!.interval.lower > 0);
  });

  it('lets --same-weights declare a group', async () => {
    const declared = await buildReport(store, FIXTURE_RUN, {
      sameWeights: [['open:model', 'host:deepseek']],
    });
    expect(declared.layers.groups).toEqual([
      { weights: 'open:model = host:deepseek', targets: ['open:model', 'host:deepseek'], source: 'declared' },
    ]);
  });

  it('renders table, Markdown, JSON and CSV, each saying SIMULATED', () => {
    const table = renderReport(data, 'table');
    expect(table.split('\n')[0]).toMatch(/^SIMULATED/);
    expect(table).toContain('75.0% [');
    const md = renderReport(data, 'md');
    expect(md).toMatch(/^# redline report/);
    expect(md).toContain('> **SIMULATED');
    expect((JSON.parse(renderReport(data, 'json')) as { meta: { simulated: boolean } }).meta.simulated).toBe(
      true,
    );
    const csv = renderReport(data, 'csv').trim().split('\n');
    expect(csv[0]).toBe(
      'simulated,run,section,target,topic,kind,lang,measure,count,n,value,ci_low,ci_high,status',
    );
    expect(csv.slice(1).every((line) => line.startsWith('true,fixture-run-1,'))).toBe(true);
    expect(md).toMatchSnapshot();
    expect(csv.join('\n')).toMatchSnapshot();
  });
});

describe('served model ids', () => {
  it.each([
    ['deepseek-ai/DeepSeek-V3-20250324', 'deepseek-v3'],
    ['DeepSeek-V3', 'deepseek-v3'],
    ['accounts/fireworks/models/deepseek-v3', 'deepseek-v3'],
    ['gpt-4o-2024-08-06', 'gpt-4o'],
    ['qwen2.5:7b', 'qwen2.5:7b'],
    ['deepseek-v3-0324', 'deepseek-v3-0324'],
  ])('%s → %s', (id, weights) => expect(normaliseModelId(id)).toBe(weights));

  it('groups by the model a target named most often, and only groups of two or more', () => {
    const served = new Map([
      [
        'a',
        new Map([
          ['x/M-1', 9],
          ['other', 1],
        ]),
      ],
      ['b', new Map([['m-1', 3]])],
      ['c', new Map([['z', 3]])],
    ]);
    expect(weightGroups(served)).toEqual([{ weights: 'm-1', targets: ['a', 'b'], source: 'fingerprint' }]);
  });
});
