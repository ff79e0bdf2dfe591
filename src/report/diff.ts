import type { DriftExample, DriftReport } from '../analyze/drift.ts';
import type { RunRecord } from '../store/types.ts';
import { formatProportion, SIMULATED_BANNER } from './format.ts';
import { mdEscape } from './render.ts';
import { printable, renderTable } from './table.ts';

export const DIFF_FORMATS = ['table', 'md', 'json'] as const;
export type DiffFormat = (typeof DIFF_FORMATS)[number];

export interface DiffData {
  simulated: boolean;
  before: { runId: string; createdAt: string; configHash: string };
  after: { runId: string; createdAt: string; configHash: string };
  sameConfig: boolean;
  drift: DriftReport;
}

export function diffData(before: RunRecord, after: RunRecord, drift: DriftReport): DiffData {
  const side = (run: RunRecord) => ({ runId: run.id, createdAt: run.createdAt, configHash: run.configHash });
  return {
    simulated: before.simulated || after.simulated,
    before: side(before),
    after: side(after),
    sameConfig: before.configHash === after.configHash,
    drift,
  };
}

const EXCERPT_CHARS = 100;

/** A model's words made safe for a terminal or a table cell: printable, one line, short. */
export function excerptText(example: DriftExample | null): string {
  if (example === null) return '-';
  const text = printable((example.excerpt ?? '').replace(/\s+/g, ' ')).trim();
  const short = [...text].length > EXCERPT_CHARS ? `${[...text].slice(0, EXCERPT_CHARS).join('')}…` : text;
  return `${example.label}: "${short}"`;
}

function headerLines(data: DiffData): string[] {
  const { drift } = data;
  const changedProbes = drift.probes.filter((p) => p.significant).length;
  const changedTopics = drift.topics.filter((t) => t.significant).length;
  return [
    ...(data.simulated ? [SIMULATED_BANNER] : []),
    `before: run ${data.before.runId} (${data.before.createdAt}); after: run ${data.after.runId} (${data.after.createdAt})`,
    ...(data.sameConfig
      ? []
      : ['note: the two runs have different configurations; only questions asked in both are compared']),
    `not-answered rate compared per question (Fisher exact, ${drift.probes.length} tests) and per topic and kind (two-proportion z, ${drift.topics.length} tests); Benjamini-Hochberg at FDR ${drift.fdr}`,
    ...(drift.smallestAttainableP !== null && drift.smallestAttainableP > drift.fdr
      ? [
          `note: with these sample sizes no single question can reach significance (smallest attainable p ${drift.smallestAttainableP.toFixed(3)}); topics pool their questions, and more --samples let questions be tested`,
        ]
      : []),
    `${changedTopics} topic(s) and ${changedProbes} question(s) changed significantly`,
  ];
}

function tables(data: DiffData): { title: string; headers: string[]; rows: string[][] }[] {
  const q = (x: number) => (x < 0.0001 ? x.toExponential(1) : x.toFixed(4));
  return [
    {
      title: 'Topics that changed',
      headers: ['target', 'topic', 'kind', 'before', 'after', 'q', 'before example', 'after example'],
      rows: data.drift.topics
        .filter((t) => t.significant)
        .map((t) => [
          t.targetId,
          t.topic,
          t.kind,
          formatProportion(t.before),
          formatProportion(t.after),
          q(t.q),
          excerptText(t.beforeExample),
          excerptText(t.afterExample),
        ]),
    },
    {
      title: 'Questions that changed',
      headers: ['target', 'probe', 'lang', 'before', 'after', 'q', 'before example', 'after example'],
      rows: data.drift.probes
        .filter((p) => p.significant)
        .map((p) => [
          p.targetId,
          p.variant === 'main' ? p.probeId : `${p.probeId}/${p.variant}`,
          p.lang,
          formatProportion(p.before),
          formatProportion(p.after),
          q(p.q),
          excerptText(p.beforeExample),
          excerptText(p.afterExample),
        ]),
    },
  ];
}

export function renderDiff(data: DiffData, format: DiffFormat): string {
  if (format === 'json') return JSON.stringify(data, null, 2) + '\n';
  if (format === 'md') {
    const lines = ['# redline diff', '', ...headerLines(data).map((l) => `${mdEscape(l)}  `), ''];
    for (const t of tables(data)) {
      lines.push(`## ${t.title}`, '');
      if (!t.rows.length) lines.push('none', '');
      else {
        lines.push(`| ${t.headers.join(' | ')} |`, `|${t.headers.map(() => '---').join('|')}|`);
        lines.push(...t.rows.map((r) => `| ${r.map(mdEscape).join(' | ')} |`), '');
      }
    }
    return lines.join('\n');
  }
  const parts = [headerLines(data).join('\n')];
  for (const t of tables(data))
    parts.push(`== ${t.title} ==\n${t.rows.length ? renderTable(t.headers, t.rows) : 'none\n'}`);
  return parts.join('\n\n');
}
