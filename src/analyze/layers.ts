import { rates } from './rates.ts';
import { newcombeDifference } from './stats.ts';
import type { AnalysisRow, Interval, Proportion } from './types.ts';

/**
 * The layer matrix: targets that serve the same weights (an official API, another host, a local
 * copy) side by side per topic. The weights are the same, so a gap between them is added by a
 * provider layer (a filter, a system prompt, a moderation endpoint), not learned by the model.
 */

/** Provider prefixes end at the last "/" ("deepseek-ai/", "accounts/fireworks/models/"). */
const DATE_SUFFIX = /[-_@.](?:20\d{2}-?[01]\d-?[0-3]\d)$/;

/** Lowercase, without provider prefix or date suffix: "deepseek-ai/DeepSeek-V3-20250324" → "deepseek-v3". */
export function normaliseModelId(id: string): string {
  const lastSegment = id.trim().toLowerCase().split('/').pop() ?? '';
  return lastSegment.replace(DATE_SUFFIX, '');
}

export interface WeightGroup {
  weights: string;
  targets: string[];
  /** `declared` by --same-weights, or derived from the served model ids. */
  source: 'declared' | 'fingerprint';
}

/**
 * Groups of two or more targets that serve the same weights. A declared group wins: its targets
 * are taken out of the groups derived from fingerprints. A target counts under the model id it
 * named most often.
 */
export function weightGroups(
  servedModels: ReadonlyMap<string, ReadonlyMap<string, number>>,
  declared: readonly (readonly string[])[] = [],
): WeightGroup[] {
  const groups: WeightGroup[] = declared
    .filter((targets) => targets.length >= 2)
    .map((targets) => ({ weights: targets.join(' = '), targets: [...targets], source: 'declared' }));
  const taken = new Set(declared.flat());
  const byWeights = new Map<string, string[]>();
  for (const [targetId, models] of [...servedModels.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (taken.has(targetId)) continue;
    const counts = new Map<string, number>();
    for (const [model, count] of models) {
      const weights = normaliseModelId(model);
      if (weights !== '') counts.set(weights, (counts.get(weights) ?? 0) + count);
    }
    const dominant = [...counts.entries()].sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1))[0]?.[0];
    if (dominant === undefined) continue;
    byWeights.set(dominant, [...(byWeights.get(dominant) ?? []), targetId]);
  }
  for (const [weights, targets] of [...byWeights.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (targets.length >= 2) groups.push({ weights, targets, source: 'fingerprint' });
  }
  return groups;
}

export interface LayerRow {
  weights: string;
  topic: string;
  /** Not-answered rate on sensitive probes per target of the group, in the group's order. */
  targets: { targetId: string; notAnswered: Proportion }[];
  /** Highest minus lowest rate among the group's targets, with its Newcombe interval. */
  spread: { high: string; low: string; difference: number; interval: Interval } | null;
  /** True when the spread's interval excludes 0: a provider layer changes what users get. */
  layerEffect: boolean;
}

/** One row per (group, topic): the group's targets side by side on the sensitive probes. */
export function layerMatrix(
  rows: readonly AnalysisRow[],
  groups: readonly WeightGroup[],
  { confidence = 0.95 }: { confidence?: number } = {},
): LayerRow[] {
  const sensitive = rows.filter((row) => row.kind === 'sensitive');
  const byCell = new Map<string, Proportion>();
  for (const group of rates(sensitive, ['targetId', 'topic'], { confidence })) {
    byCell.set(`${group.key.targetId}\u001f${group.key.topic}`, group.notAnswered);
  }
  const topics = [...new Set(sensitive.map((row) => row.topic))].sort();
  const out: LayerRow[] = [];
  for (const group of groups) {
    for (const topic of topics) {
      const targets = group.targets.map((targetId) => ({
        targetId,
        notAnswered: byCell.get(`${targetId}\u001f${topic}`) ?? {
          count: 0,
          n: 0,
          rate: null,
          interval: null,
        },
      }));
      if (targets.every((t) => t.notAnswered.n === 0)) continue;
      const spread = spreadOf(targets, confidence);
      out.push({
        weights: group.weights,
        topic,
        targets,
        spread,
        layerEffect: spread !== null && spread.interval.lower > 0,
      });
    }
  }
  return out;
}

function spreadOf(targets: LayerRow['targets'], confidence: number): LayerRow['spread'] {
  const measured = targets.filter((t) => t.notAnswered.rate !== null);
  if (measured.length < 2) return null;
  const sorted = [...measured].sort((a, b) => b.notAnswered.rate! - a.notAnswered.rate!);
  const high = sorted[0]!;
  const low = sorted[sorted.length - 1]!;
  const result = newcombeDifference(
    high.notAnswered.count,
    high.notAnswered.n,
    low.notAnswered.count,
    low.notAnswered.n,
    confidence,
  );
  return result && { high: high.targetId, low: low.targetId, ...result };
}
