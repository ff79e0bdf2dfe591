import { VERDICT_LABELS } from '../score/types.ts';
import type { ReportData } from './build.ts';
import { formatProportion, SIMULATED_BANNER } from './format.ts';
import { renderTable } from './table.ts';

export const REPORT_FORMATS = ['table', 'md', 'json', 'csv'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

const HEADERS = ['target', 'topic', 'kind', 'lang', ...VERDICT_LABELS, 'not answered (95% CI)'];

function cellRows(data: ReportData): string[][] {
  return data.cells.map((c) => [c.targetId, c.topic, c.kind, c.lang, ...VERDICT_LABELS.map((l) => String(c.counts[l])), formatProportion(c.notAnswered)]);
}

function metaLines(data: ReportData): string[] {
  const m = data.meta;
  return [
    ...(m.simulated ? [SIMULATED_BANNER] : []),
    `run ${m.runId} (${m.createdAt}), suite ${m.suite}, redline ${m.toolVersion}${m.gitRevision ? ` @${m.gitRevision.slice(0, 10)}` : ''}`,
    `targets: ${m.targets.join(', ')}; languages: ${m.languages.join(', ')}; samples: ${m.samples}; results: ${m.results}/${m.jobs} jobs`,
    `verdicts from: ${Object.entries(data.scorers).map(([s, n]) => `${s} (${n})`).join(', ') || 'none yet'}`,
  ];
}

export function renderReport(data: ReportData, format: ReportFormat): string {
  switch (format) {
    case 'json':
      return JSON.stringify(data, null, 2) + '\n';
    case 'csv':
      return toCsv(data);
    case 'md':
      return [
        `# redline report: run ${data.meta.runId}`,
        '',
        ...metaLines(data).map((l) => `${l}  `),
        '',
        `| ${HEADERS.join(' | ')} |`,
        `|${HEADERS.map(() => '---').join('|')}|`,
        ...cellRows(data).map((r) => `| ${r.map(mdEscape).join(' | ')} |`),
        '',
      ].join('\n');
    case 'table':
      return `${metaLines(data).join('\n')}\n\n${renderTable(HEADERS, cellRows(data))}`;
  }
}

function mdEscape(text: string): string {
  return text.replace(/[\\|`*_<>[\]]/g, (c) => `\\${c}`).replace(/\n/g, ' ');
}

function toCsv(data: ReportData): string {
  const header = ['simulated', 'run', 'target', 'topic', 'kind', 'lang', ...VERDICT_LABELS, 'n', 'not_answered', 'rate', 'ci_low', 'ci_high'];
  const lines = data.cells.map((c) =>
    [data.meta.simulated, data.meta.runId, c.targetId, c.topic, c.kind, c.lang, ...VERDICT_LABELS.map((l) => c.counts[l]), c.n, c.notAnswered.count, c.notAnswered.rate ?? '', c.notAnswered.interval?.lower ?? '', c.notAnswered.interval?.upper ?? '']
      .map((v) => csvField(String(v)))
      .join(','),
  );
  return [header.join(','), ...lines].join('\n') + '\n';
}

/** Quotes a field and defuses spreadsheet formulas (untrusted text must not run in Excel). */
function csvField(v: string): string {
  const safe = /^[=+\-@\t\r]/.test(v) && !/^-?\d/.test(v) ? `'${v}` : v;
  return /[",\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
