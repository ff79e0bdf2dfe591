import type { RunRecord, Store } from '../../store/types.ts';
import type { RunSpec } from '../../run/session.ts';
import { loadRows } from '../../analyze/rows.ts';
import { rates } from '../../analyze/rates.ts';
import type { AnalysisRow, Proportion } from '../../analyze/types.ts';
import type { ReportData } from '../build.ts';

/** What the HTML page's charts and tables read, embedded as JSON (model text shown with textContent). */
export interface HtmlData {
  meta: ReportData['meta'];
  heat: RatePoint[];
  languageGaps: GapPoint[];
  timeline: TimelinePoint[];
  /** The (probe, language) pairs shown side by side: all of them, or the most telling (pickAnswers). */
  answers: ProbeAnswers[];
  /** How many (probe, language) pairs the run has. */
  answerPairs: number;
  /** The report's full content, for anyone who opens the JSON. */
  report: ReportData;
}

interface Figure {
  rate: number | null;
  lower: number | null;
  upper: number | null;
  count: number;
  n: number;
}

export interface RatePoint extends Figure {
  targetId: string;
  topic: string;
}

export interface GapPoint {
  targetId: string;
  lang: string;
  baseline: string;
  difference: number | null;
  lower: number | null;
  upper: number | null;
  n: number;
  baselineN: number;
}

export interface TimelinePoint extends Figure {
  runId: string;
  createdAt: string;
  targetId: string;
  topic: string;
}

export interface ProbeAnswers {
  probeId: string;
  topic: string;
  kind: string;
  lang: string;
  /** The targets' first answers got different labels, or their not-answered shares differ. */
  disagree: boolean;
  /** One answer per target: the first sample's label and excerpt (untrusted model output). */
  byTarget: Record<string, { label: string; excerpt: string; samples: number; notAnswered: number }>;
}

const figure = (p: Proportion): Figure => ({
  rate: p.rate,
  lower: p.interval?.lower ?? null,
  upper: p.interval?.upper ?? null,
  count: p.count,
  n: p.n,
});

/** Most runs of one config a timeline shows: the newest ones. */
const TIMELINE_RUNS = 30;

/**
 * Most (probe, language) pairs shown side by side: about 5 MB of answers with four targets. A
 * bank of thousands of probes would otherwise make a page of a hundred megabytes that a browser
 * barely opens.
 */
export const MAX_ANSWER_PAIRS = 5000;

export async function htmlData(
  store: Store,
  data: ReportData,
  rows: readonly AnalysisRow[],
  maxAnswerPairs = MAX_ANSWER_PAIRS,
): Promise<HtmlData> {
  const heat = data.topics
    .filter((g) => g.key.kind === 'sensitive')
    .map((g) => ({ targetId: g.key.targetId!, topic: g.key.topic!, ...figure(g.notAnswered) }));
  const languageGaps = data.languageGaps
    .filter((g) => g.topic === null)
    .map((g) => ({
      targetId: g.targetId,
      lang: g.lang,
      baseline: g.baseline,
      difference: g.gap.difference,
      lower: g.gap.interval?.lower ?? null,
      upper: g.gap.interval?.upper ?? null,
      n: g.gap.a.n,
      baselineN: g.gap.b.n,
    }));
  const { answers: pairs, quotes } = answersOf(rows);
  const answers = pickAnswers(pairs, maxAnswerPairs);
  // Rows from a store name their job, not its answer: look up the few the page shows.
  const shown = answers.flatMap((pair) => Object.values(pair.byTarget));
  const ordinals = shown.flatMap((answer) => quotes.get(answer) ?? []);
  const excerpts = await store.excerpts(data.meta.runId, ordinals);
  for (const answer of shown) {
    const ordinal = quotes.get(answer);
    if (ordinal !== undefined) answer.excerpt = excerpts.get(ordinal) ?? '';
  }
  return {
    meta: data.meta,
    heat,
    languageGaps,
    timeline: await timeline(store, data.meta, rows),
    answers,
    answerPairs: pairs.length,
    report: data,
  };
}

/**
 * Not-answered rate on sensitive questions per target and topic across the runs that asked the
 * same suite of the same targets (settings such as temperature may differ: that is what a
 * timeline of a monitored model shows). Per topic, because changes in opposite directions on
 * two topics cancel out in a target's overall rate.
 */
async function timeline(
  store: Store,
  meta: ReportData['meta'],
  rows: readonly AnalysisRow[],
): Promise<TimelinePoint[]> {
  const targets = [...meta.targets].sort().join('\u001f');
  const runs = (await store.listRuns())
    .filter(
      (run) => run.id === meta.runId || (run.suiteHash === meta.suiteHash && targetIdsOf(run) === targets),
    )
    .slice(-TIMELINE_RUNS);
  const points: TimelinePoint[] = [];
  for (const run of runs) {
    // This report's own rows are loaded already; only earlier runs are read again.
    const runRows = run.id === meta.runId ? rows : await loadRows(store, run.id);
    const sensitive = runRows.filter((row) => row.kind === 'sensitive');
    for (const group of rates(sensitive, ['targetId', 'topic'])) {
      points.push({
        runId: run.id,
        createdAt: run.createdAt,
        targetId: group.key.targetId!,
        topic: group.key.topic!,
        ...figure(group.notAnswered),
      });
    }
  }
  return points;
}

function targetIdsOf(run: RunRecord): string {
  const { targets } = run.spec as RunSpec;
  return targets
    .map((t) => t.id)
    .sort()
    .join('\u001f');
}

type Answer = ProbeAnswers['byTarget'][string];

/** Each probe's answers by target, and the answers still to be quoted from the store (by ordinal). */
function answersOf(rows: readonly AnalysisRow[]): { answers: ProbeAnswers[]; quotes: Map<Answer, number> } {
  const cells = new Map<string, ProbeAnswers>();
  const quotes = new Map<Answer, number>();
  for (const row of rows) {
    if (row.variant !== 'main') continue;
    const key = `${row.probeId}\u001f${row.lang}`;
    let cell = cells.get(key);
    if (!cell)
      cells.set(
        key,
        (cell = {
          probeId: row.probeId,
          topic: row.topic,
          kind: row.kind,
          lang: row.lang,
          disagree: false,
          byTarget: Object.create(null) as ProbeAnswers['byTarget'],
        }),
      );
    let answer = cell.byTarget[row.targetId];
    if (!answer) {
      answer = cell.byTarget[row.targetId] = {
        label: row.label,
        excerpt: row.excerpt ?? '',
        samples: 0,
        notAnswered: 0,
      };
      if (row.excerpt === undefined && row.ordinal !== undefined) quotes.set(answer, row.ordinal);
    }
    answer.samples++;
    if (row.label !== 'answered' && row.label !== 'error') answer.notAnswered++;
  }
  const answers = [...cells.values()].sort(byProbeAndLanguage);
  for (const pair of answers) pair.disagree = targetsDisagree(Object.values(pair.byTarget));
  return { answers, quotes };
}

function byProbeAndLanguage(a: ProbeAnswers, b: ProbeAnswers): number {
  return a.probeId < b.probeId ? -1 : a.probeId > b.probeId ? 1 : a.lang < b.lang ? -1 : 1;
}

function targetsDisagree(answers: readonly Answer[]): boolean {
  const [first, ...others] = answers;
  return others.some(
    (a) => a.label !== first!.label || a.notAnswered * first!.samples !== first!.notAnswered * a.samples,
  );
}

/**
 * At most max pairs, in probe order: first those where the targets disagree, then those with any
 * answer not given, then the rest, so a capped page keeps what a reader looks for.
 */
export function pickAnswers(pairs: readonly ProbeAnswers[], max: number): ProbeAnswers[] {
  if (pairs.length <= max) return [...pairs];
  const rank = (pair: ProbeAnswers) =>
    pair.disagree ? 0 : Object.values(pair.byTarget).some((a) => a.notAnswered > 0) ? 1 : 2;
  const ranked = pairs.map((pair, order) => ({ pair, order, rank: rank(pair) }));
  ranked.sort((a, b) => a.rank - b.rank || a.order - b.order);
  return ranked
    .slice(0, max)
    .sort((a, b) => a.order - b.order)
    .map((r) => r.pair);
}
