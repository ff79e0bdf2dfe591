import type { Store } from '../../store/types.ts';
import type { BuiltReport } from '../build.ts';
import { SIMULATED_BANNER } from '../format.ts';
import { metaLines, reportSections } from '../sections.ts';
import { chartLibraries, inlineScript } from './assets.ts';
import { CLIENT_SCRIPT } from './client.ts';
import { htmlData, MAX_ANSWER_PAIRS } from './data.ts';

/** JSON that is safe inside <script type="application/json">: no "<" can close the element. */
export function embedJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** Escapes text for an HTML text node or a quoted attribute (only our own strings go through here). */
function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const STYLE = `
body { font: 14px/1.45 system-ui, "Noto Sans", "Noto Sans CJK SC", "Noto Sans Arabic", sans-serif; margin: 0; color: #222; }
#layout { max-width: 1200px; margin: 0 auto; padding: 16px 24px; }
.banner { background: #b00020; color: white; font-weight: bold; padding: 10px 24px; position: sticky; top: 0; z-index: 2; }
.chart { direction: ltr; overflow-x: auto; }
table { border-collapse: collapse; margin: 8px 0 24px; font-size: 12px; }
th, td { border: 1px solid #ddd; padding: 4px 6px; vertical-align: top; text-align: start; }
.excerpt { white-space: pre-wrap; max-width: 320px; color: #333; }
.label { font-weight: 600; }
.label-refused, .label-censored, .label-deflected { color: #b00020; }
.note { color: #555; }
.filters > * { margin-inline-end: 8px; }
.answers tr.disagree > td:first-child { border-inline-start: 3px solid #b00020; }
button { font: inherit; }
`;

/** The whole report as one self-contained HTML file: no network, model text set with textContent. */
export async function renderHtml(
  store: Store,
  built: BuiltReport,
  maxAnswerPairs = MAX_ANSWER_PAIRS,
): Promise<string> {
  const { data, rows } = built;
  const payload = {
    ...(await htmlData(store, data, rows, maxAnswerPairs)),
    sections: reportSections(data),
    metaLines: metaLines(data),
  };
  const banner = data.meta.simulated
    ? `<div class="banner" role="alert">${escapeHtml(SIMULATED_BANNER)}</div>`
    : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:">
<title>${data.meta.simulated ? 'SIMULATED ' : ''}redline report ${escapeHtml(data.meta.runId)}</title>
<style>${STYLE}</style>
</head>
<body${data.meta.simulated ? ' data-simulated="1"' : ''}>
${banner}
<div id="layout">
<h1>redline report${data.meta.simulated ? ' (SIMULATED)' : ''}</h1>
<p id="meta-line"></p>
<p class="note">Every rate: share [95% interval] n. Not answered = refused + deflected + partial + censored.
<button id="toggle-rtl" type="button">العربية: عرض من اليمين إلى اليسار / right-to-left view</button></p>
<h2>Not answered on sensitive questions, per topic and target</h2>
<div id="chart-heat" class="chart"></div>
<h2>Language gaps</h2>
<div id="chart-gaps" class="chart"></div>
<h2>Over time: sensitive questions per topic (runs of the same suite and targets)</h2>
<div id="chart-timeline" class="chart"></div>
<h2>Answers side by side</h2>
<p class="note">The first sample of each question per target; model text is shown as plain text. A red edge marks a question the targets answer differently.</p>
<div id="answers"></div>
<h2>Every figure</h2>
<div id="sections"></div>
</div>
<script type="application/json" id="report-data">${embedJson(payload)}</script>
<script>${chartLibraries()}</script>
<script>${inlineScript(CLIENT_SCRIPT)}</script>
</body>
</html>
`;
}
