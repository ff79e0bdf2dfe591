import { COUNTED_LABELS } from '../analyze/rates.ts';
import { TC260_THRESHOLDS } from '../analyze/gaps.ts';
import type { ReportData } from './build.ts';
import { formatGap, formatMean, formatPoints, formatProportion, pct, SIMULATED_BANNER } from './format.ts';

/** One titled table of the report, shared by the terminal and Markdown renderers. */
export interface Section {
  title: string;
  note: string;
  headers: string[];
  rows: string[][];
}

export function metaLines(data: ReportData): string[] {
  const m = data.meta;
  const scorers = Object.entries(data.scorers)
    .map(
      ([target, counts]) =>
        `${target}: ${Object.entries(counts)
          .map(([s, n]) => `${s} (${n})`)
          .join(', ')}`,
    )
    .join('; ');
  return [
    ...(m.simulated ? [SIMULATED_BANNER] : []),
    `run ${m.runId} (${m.createdAt}), suite ${m.suite}, redline ${m.toolVersion}${m.gitRevision ? ` @${m.gitRevision.slice(0, 10)}` : ''}`,
    `targets: ${m.targets.join(', ')}; languages: ${m.languages.join(', ')}; samples: ${m.samples}; results: ${m.results}/${m.jobs} jobs`,
    `verdicts from (every figure rests on these): ${scorers || 'none yet'}`,
    'every rate: share [95% interval] n; not answered = refused + deflected + partial + censored',
  ];
}

const topicOrAll = (topic: string | null) => topic ?? '(all)';

export function reportSections(data: ReportData): Section[] {
  const sections: Section[] = [
    {
      title: 'Not answered per target, topic and kind (all languages)',
      note: 'alignment: mean narrative alignment, -1 independent accounts to +1 official narrative; its interval is a bootstrap, or Wilson on the rescaled values (wilson) where n < 10 or all values are alike',
      headers: ['target', 'topic', 'kind', 'not answered', 'alignment'],
      rows: data.topics.map((g) => [
        g.key.targetId!,
        g.key.topic!,
        g.key.kind!,
        formatProportion(g.notAnswered),
        formatMean(g.alignmentMean),
      ]),
    },
    {
      title: 'Sensitive − control gap',
      note: 'not-answered rate on sensitive questions minus their matched controls, in percentage points',
      headers: ['target', 'topic', 'lang', 'sensitive − control'],
      rows: data.kindGaps.map((g) => [g.targetId, topicOrAll(g.topic), g.lang ?? '(all)', formatGap(g.gap)]),
    },
    {
      title: 'Language gaps (sensitive questions)',
      note: 'not-answered rate in each language minus the baseline language',
      headers: ['target', 'topic', 'lang − baseline', 'gap'],
      rows: data.languageGaps.map((g) => [
        g.targetId,
        topicOrAll(g.topic),
        `${g.lang} − ${g.baseline}`,
        formatGap(g.gap),
      ]),
    },
    {
      title: 'Over-refusal of benign questions (TC260-003)',
      note: `must-answer questions may be refused at most ${pct(TC260_THRESHOLDS.mustAnswerMaxRefusal)} of the time; pass/fail only when the whole interval is on one side`,
      headers: ['target', 'lang', 'refused', 'status'],
      rows: data.overRefusal.map((o) => [
        o.targetId,
        o.lang ?? '(all)',
        formatProportion(o.refusal),
        o.status,
      ]),
    },
    {
      title: 'Refusal of must-refuse questions (TC260-003)',
      note: `China's regulator requires refusing at least ${pct(TC260_THRESHOLDS.mustRefuseMinRefusal)} of its must-refuse bank; here the sensitive questions tagged with a TC260-003 risk stand in for it. "pass" means the model censors as the regulator requires; pass/fail only when the whole interval is on one side`,
      headers: ['target', 'lang', 'refused', 'status'],
      rows: data.mustRefuse.length
        ? data.mustRefuse.map((o) => [o.targetId, o.lang ?? '(all)', formatProportion(o.refusal), o.status])
        : [['(none)', 'no sensitive question of this suite carries a TC260-003 risk tag', '', '']],
    },
    {
      title: 'Sample consistency',
      note: 'share of (probe, language) cells whose repeated samples got different labels',
      headers: ['target', 'cells that disagree'],
      rows: data.consistency.map((c) => [c.targetId ?? '(all)', formatProportion(c.inconsistent)]),
    },
    {
      title: 'Reasoning suppression',
      note: 'among answers from a model that showed reasoning: the reasoning came back empty, or stated facts the answer leaves out',
      headers: ['target', 'suppressed'],
      rows: data.reasoning.length
        ? data.reasoning.map((r) => [r.targetId, formatProportion(r.suppressed)])
        : [['(none assessed)', 'no scorer of this run assessed reasoning against the answer']],
    },
    layerSection(data),
    {
      title: 'Every label per target, topic, kind and language',
      note: '',
      headers: ['target', 'topic', 'kind', 'lang', ...COUNTED_LABELS, 'not answered', 'errors'],
      rows: data.rates.map((g) => [
        g.key.targetId!,
        g.key.topic!,
        g.key.kind!,
        g.key.lang!,
        ...COUNTED_LABELS.map((label) => formatProportion(g.labels[label])),
        formatProportion(g.notAnswered),
        String(g.errors),
      ]),
    },
  ];
  return sections;
}

function layerSection(data: ReportData): Section {
  const { groups, rows } = data.layers;
  const groupNote = groups.length
    ? groups.map((g) => `${g.weights}: ${g.targets.join(', ')} (${g.source})`).join('; ')
    : 'no two targets serve the same weights (declare them with --same-weights a,b)';
  return {
    title: 'Layer matrix: the same weights behind different providers (sensitive questions)',
    note: `${groupNote}. A spread whose interval excludes 0 is added by a provider layer, not the weights.`,
    headers: ['weights', 'topic', 'not answered per target', 'spread (high − low)', 'provider layer'],
    rows: rows.map((r) => [
      r.weights,
      r.topic,
      r.targets.map((t) => `${t.targetId} ${formatProportion(t.notAnswered)}`).join('; '),
      r.spread
        ? `${formatPoints(r.spread.difference, r.spread.interval)} ${r.spread.high} − ${r.spread.low}`
        : '-',
      r.layerEffect ? 'yes' : 'no',
    ]),
  };
}
