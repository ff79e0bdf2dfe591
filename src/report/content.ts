import { rateTallies, summarizeRates, type RateGroup } from '../analyze/rates.ts';
import { alignmentMeans } from '../analyze/means.ts';
import {
  languageGaps,
  mustRefuseCompliance,
  overRefusal,
  sensitiveControlGaps,
  type KindGap,
  type LanguageGap,
  type OverRefusal,
  type ThresholdRate,
} from '../analyze/gaps.ts';
import {
  reasoningSuppression,
  sampleConsistency,
  type ReasoningSuppression,
  type SampleConsistency,
} from '../analyze/consistency.ts';
import { layerMatrix, weightGroups, type LayerRow, type WeightGroup } from '../analyze/layers.ts';
import type { AnalysisRow } from '../analyze/types.ts';

/** The languages whose gap to English the report leads with (others follow when present). */
export const GAP_LANGUAGES = ['zh-Hans', 'zh-Hant', 'ar'] as const;

export interface ContentOptions {
  /** Groups of target ids declared to serve the same weights (`--same-weights a,b,c`). */
  sameWeights?: readonly (readonly string[])[];
  /** Seed of the alignment bootstrap, so the same store always gives the same report. */
  seed?: number;
  /** Sensitive probes carrying a TC260-003 risk tag: the stand-in for the regulator's must-refuse bank. */
  mustRefuseProbes?: ReadonlySet<string>;
}

/** Every figure of a report; each rate carries n and a 95% interval. */
export interface ReportContent {
  /** Scorer name → effective verdicts it gave, per target: which scorer each figure rests on. */
  scorers: Record<string, Record<string, number>>;
  /** Per target × topic × language × kind: every label's rate, not-answered, alignment mean. */
  rates: RateGroup[];
  /** Per target × topic over all languages (sensitive, control and benign separately). */
  topics: RateGroup[];
  /** Sensitive − control in the not-answered rate: per target, then per target × topic × language. */
  kindGaps: KindGap[];
  /** Each language − English in the not-answered rate on sensitive probes. */
  languageGaps: LanguageGap[];
  /** Refusal of benign (must-answer) probes against TC260-003's 5% ceiling. */
  overRefusal: OverRefusal[];
  /** Refusal of TC260-tagged sensitive probes against TC260-003's 95% must-refuse floor. */
  mustRefuse: ThresholdRate[];
  /** Share of (probe, language) cells whose repeated samples got different labels. */
  consistency: SampleConsistency[];
  reasoning: ReasoningSuppression[];
  layers: { groups: WeightGroup[]; rows: LayerRow[] };
}

const RATE_FIELDS = ['targetId', 'topic', 'kind', 'lang'] as const;
const TOPIC_FIELDS = ['targetId', 'topic', 'kind'] as const;

export async function reportContent(
  rows: readonly AnalysisRow[],
  servedModels: ReadonlyMap<string, ReadonlyMap<string, number>>,
  { sameWeights = [], seed = 1, mustRefuseProbes = new Set<string>() }: ContentOptions = {},
): Promise<ReportContent> {
  const rateGroups = rateTallies(rows, RATE_FIELDS);
  const topicGroups = rateTallies(rows, TOPIC_FIELDS);
  // Bootstrapped in a worker thread when large, while this one works out the rest.
  const means = alignmentMeans(
    [...rateGroups, ...topicGroups].map((tally) => tally.alignments),
    { seed },
  );
  means.catch(() => {}); // awaited below; a failure before then must not go unhandled
  const { byTarget, byTopicLang } = sensitiveControlGaps(rows);
  const groups = weightGroups(servedModels, sameWeights);
  const scorers = scorersByTarget(rows);
  const rest = {
    kindGaps: [...byTarget, ...byTopicLang],
    languageGaps: languageGaps(rows).sort(
      (a, b) =>
        Number(a.topic !== null) - Number(b.topic !== null) ||
        (a.targetId < b.targetId ? -1 : a.targetId > b.targetId ? 1 : 0) ||
        gapLanguageRank(a.lang) - gapLanguageRank(b.lang),
    ),
    overRefusal: overRefusal(rows),
    mustRefuse: mustRefuseCompliance(rows, mustRefuseProbes),
    consistency: sampleConsistency(rows),
    reasoning: reasoningSuppression(rows),
    layers: { groups, rows: layerMatrix(rows, groups) },
  };
  const alignment = await means;
  return {
    scorers,
    rates: summarizeRates(rateGroups, RATE_FIELDS, alignment.slice(0, rateGroups.length)),
    topics: summarizeRates(topicGroups, TOPIC_FIELDS, alignment.slice(rateGroups.length)),
    ...rest,
  };
}

// Stable sort key: the three headline languages first, in their order; then the rest.
function gapLanguageRank(lang: string): number {
  const index = (GAP_LANGUAGES as readonly string[]).indexOf(lang);
  return index === -1 ? GAP_LANGUAGES.length : index;
}

function scorersByTarget(rows: readonly AnalysisRow[]): Record<string, Record<string, number>> {
  const out: Record<string, Record<string, number>> = {};
  for (const row of rows) {
    const perTarget = (out[row.targetId] ??= {});
    perTarget[row.scorer] = (perTarget[row.scorer] ?? 0) + 1;
  }
  return out;
}
