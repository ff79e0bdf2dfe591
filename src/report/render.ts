import type { ReportData } from './build.ts';
import { reportSections, metaLines, type Section } from './sections.ts';
import { renderTable } from './table.ts';
import { toCsv } from './csv.ts';

/** Text formats; `html` is rendered by src/report/html from the report and its rows. */
export const REPORT_FORMATS = ['table', 'md', 'json', 'csv', 'html'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];
export type TextFormat = Exclude<ReportFormat, 'html'>;

export function renderReport(data: ReportData, format: TextFormat): string {
  switch (format) {
    case 'json':
      return JSON.stringify(data, null, 2) + '\n';
    case 'csv':
      return toCsv(data);
    case 'md':
      return renderMarkdown(data);
    case 'table':
      return [metaLines(data).join('\n'), ...reportSections(data).map(tableSection)].join('\n\n');
  }
}

function tableSection(section: Section): string {
  const title = `== ${section.title} ==${section.note ? `\n${section.note}` : ''}`;
  return `${title}\n${renderTable(section.headers, section.rows)}`;
}

export function renderMarkdown(data: ReportData): string {
  const lines = [`# redline report: run ${mdEscape(data.meta.runId)}`, ''];
  if (data.meta.simulated) lines.push(`> **${mdEscape(metaLines(data)[0]!)}**`, '');
  lines.push(
    ...metaLines(data)
      .slice(data.meta.simulated ? 1 : 0)
      .map((l) => `${mdEscape(l)}  `),
    '',
  );
  for (const section of reportSections(data)) {
    lines.push(`## ${mdEscape(section.title)}`, '');
    if (section.note) lines.push(mdEscape(section.note), '');
    lines.push(
      `| ${section.headers.map(mdEscape).join(' | ')} |`,
      `|${section.headers.map(() => '---').join('|')}|`,
    );
    lines.push(...section.rows.map((r) => `| ${r.map(mdEscape).join(' | ')} |`), '');
  }
  return lines.join('\n');
}

/** Escapes Markdown and HTML syntax in untrusted text (model output, ids from a config file). */
export function mdEscape(text: string): string {
  return text.replace(/[\\|`*_<>[\]#!]/g, (c) => `\\${c}`).replace(/[\r\n]+/g, ' ');
}
