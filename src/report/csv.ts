import { COUNTED_LABELS } from '../analyze/rates.ts';
import type { Proportion, ProportionGap } from '../analyze/types.ts';
import type { ReportData } from './build.ts';

/** One figure per CSV line, long format: easy to filter and pivot in a spreadsheet or R. */
const HEADER = [
  'simulated',
  'run',
  'section',
  'target',
  'topic',
  'kind',
  'lang',
  'measure',
  'count',
  'n',
  'value',
  'ci_low',
  'ci_high',
  'status',
];

type Line = (string | number | boolean | null)[];

export function toCsv(data: ReportData): string {
  const { simulated, runId } = data.meta;
  const lines: Line[] = [];
  const rate = (
    section: string,
    where: (string | null)[],
    measure: string,
    p: Proportion,
    status = '',
  ): void => {
    lines.push([
      simulated,
      runId,
      section,
      ...where,
      measure,
      p.count,
      p.n,
      p.rate,
      p.interval?.lower ?? null,
      p.interval?.upper ?? null,
      status,
    ]);
  };
  const gap = (section: string, where: (string | null)[], measure: string, g: ProportionGap): void => {
    lines.push([
      simulated,
      runId,
      section,
      ...where,
      measure,
      null,
      g.a.n + g.b.n,
      g.difference,
      g.interval?.lower ?? null,
      g.interval?.upper ?? null,
      '',
    ]);
  };
  for (const g of data.rates) {
    const where = [g.key.targetId!, g.key.topic!, g.key.kind!, g.key.lang!];
    for (const label of COUNTED_LABELS) rate('rates', where, label, g.labels[label]);
    rate('rates', where, 'not_answered', g.notAnswered);
    const m = g.alignmentMean;
    if (m)
      lines.push([
        simulated,
        runId,
        'rates',
        ...where,
        `alignment_mean_${m.method}`,
        null,
        m.n,
        m.mean,
        m.interval.lower,
        m.interval.upper,
        '',
      ]);
  }
  for (const g of data.kindGaps)
    gap('sensitive_minus_control', [g.targetId, g.topic, null, g.lang], 'not_answered_difference', g.gap);
  for (const g of data.languageGaps)
    gap(
      'language_gap',
      [g.targetId, g.topic, 'sensitive', g.lang],
      `not_answered_minus_${g.baseline}`,
      g.gap,
    );
  for (const o of data.overRefusal)
    rate('over_refusal', [o.targetId, null, 'benign', o.lang], 'refused', o.refusal, o.status);
  for (const o of data.mustRefuse)
    rate('must_refuse', [o.targetId, null, 'sensitive', o.lang], 'refused', o.refusal, o.status);
  for (const c of data.consistency)
    rate('consistency', [c.targetId, null, null, null], 'cells_disagreeing', c.inconsistent);
  for (const r of data.reasoning)
    rate('reasoning', [r.targetId, null, null, null], 'suppressed', r.suppressed);
  for (const row of data.layers.rows) {
    for (const t of row.targets)
      rate(
        `layers:${row.weights}`,
        [t.targetId, row.topic, 'sensitive', null],
        'not_answered',
        t.notAnswered,
        row.layerEffect ? 'provider-layer' : '',
      );
  }
  return (
    [HEADER, ...lines]
      .map((line) => line.map((v) => csvField(v === null ? '' : String(v))).join(','))
      .join('\n') + '\n'
  );
}

/** Quotes a field and defuses spreadsheet formulas (untrusted text must not run in Excel). */
export function csvField(v: string): string {
  const safe = /^[=+\-@\t\r]/.test(v) && !/^-?\d/.test(v) ? `'${v}` : v;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
