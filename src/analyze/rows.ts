import type { AnalysisRowRecord, Store, VerdictRecord } from '../store/types.ts';
import { effectiveVerdict } from '../score/precedence.ts';
import { VERDICT_LABELS, type VerdictLabel } from '../score/types.ts';
import type { AnalysisRow } from './types.ts';

/** What the report needs besides the rows: which model id each target's server said it served. */
export interface LoadedRows {
  rows: AnalysisRow[];
  /** targetId → served model id → responses that named it. */
  servedModels: Map<string, Map<string, number>>;
  /** Jobs with a first-turn response, scored or not. */
  responded: number;
}

const KNOWN_LABELS = new Set<string>(VERDICT_LABELS);

/**
 * One row per job: the first turn's effective verdict (human > ensemble > judge > embedded),
 * with the markers scorer's alignment when there is one. Jobs without a result or verdict are left out.
 */
export async function loadRows(store: Store, runId: string): Promise<AnalysisRow[]> {
  return (await loadRowsWithModels(store, runId)).rows;
}

export async function loadRowsWithModels(store: Store, runId: string): Promise<LoadedRows> {
  const records = await store.analysisRows(runId);
  const rows: AnalysisRow[] = [];
  const servedModels = new Map<string, Map<string, number>>();
  let responded = 0;
  // Records come grouped by job (planned order), one per verdict of its first-turn response.
  for (let start = 0; start < records.length;) {
    let end = start + 1;
    while (end < records.length && records[end]!.jobKey === records[start]!.jobKey) end++;
    const group = records.slice(start, end);
    start = end;
    const first = group[0]!;
    responded++;
    countModel(servedModels, first.targetId, first.servedModel);
    const verdicts = group.filter((r) => r.scorer !== null).map(toVerdict);
    const verdict = effectiveVerdict(verdicts);
    if (!verdict) continue;
    if (!KNOWN_LABELS.has(verdict.label))
      throw new TypeError(`unknown verdict label in the store: ${JSON.stringify(verdict.label)}`);
    const alignment = verdicts.findLast(
      (v) => v.scorer.startsWith('markers') && v.alignment !== undefined,
    )?.alignment;
    const suppressed = reasoningSuppressed(group);
    rows.push({
      runId,
      targetId: first.targetId,
      probeId: first.probeId,
      variant: first.variant,
      topic: first.topic,
      kind: first.kind as AnalysisRow['kind'],
      lang: first.lang,
      sample: first.sample,
      label: verdict.label,
      scorer: verdict.scorer,
      ...(alignment !== undefined ? { alignment } : {}),
      ...(suppressed !== undefined ? { reasoningSuppressed: suppressed } : {}),
      excerpt: first.excerpt,
    });
  }
  return { rows, servedModels, responded };
}

/**
 * Assessed only when the model showed a reasoning channel: suppressed when it came back empty
 * (thinking withheld) or stated facts that the answer then left out (steering without refusal).
 */
function reasoningSuppressed(group: readonly AnalysisRowRecord[]): boolean | undefined {
  const assessed = group.findLast((r) => r.reasoningState === 'empty' || r.reasoningState === 'present');
  if (assessed === undefined) return undefined;
  return assessed.reasoningState === 'empty' || assessed.reasoningSteering === true;
}

// Only the fields verdict precedence and alignment read; the rest of a VerdictRecord is not loaded.
function toVerdict(record: AnalysisRowRecord): VerdictRecord {
  return {
    responseId: record.jobKey,
    runId: '',
    scorer: record.scorer!,
    createdAt: record.verdictCreatedAt ?? '',
    label: record.label as VerdictLabel,
    confidence: 0,
    evidence: [],
    ...(record.alignment !== null ? { alignment: record.alignment } : {}),
  };
}

function countModel(models: Map<string, Map<string, number>>, targetId: string, model: string | null): void {
  if (model === null) return;
  let perTarget = models.get(targetId);
  if (!perTarget) models.set(targetId, (perTarget = new Map<string, number>()));
  perTarget.set(model, (perTarget.get(model) ?? 0) + 1);
}
