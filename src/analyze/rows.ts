import type { AnalysisVerdict, Store, VerdictRecord } from '../store/types.ts';
import { effectiveVerdict } from '../score/precedence.ts';
import { VERDICT_LABELS, type VerdictLabel } from '../score/types.ts';
import type { AnalysisRow } from './types.ts';

/** What the report needs besides the rows: which model id each target's server said it served. */
export interface LoadedRows {
  rows: AnalysisRow[];
  /** targetId → served model id → responses that named it. */
  servedModels: Map<string, Map<string, number>>;
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
  const records = await store.analysisRecords(runId);
  const rows: AnalysisRow[] = [];
  const servedModels = new Map<string, Map<string, number>>();
  // The store shares one list between jobs whose verdicts read the same: judge each list once.
  const outcomes = new Map<readonly AnalysisVerdict[], Outcome | null>();
  for (const { cell, sample, excerpt, verdicts } of records) {
    countModel(servedModels, cell.targetId, cell.servedModel);
    let outcome = outcomes.get(verdicts);
    if (outcome === undefined) {
      outcome = judge(verdicts);
      if (outcomes.size >= OUTCOME_CACHE_LIMIT) outcomes.clear();
      outcomes.set(verdicts, outcome);
    }
    if (outcome === null) continue;
    rows.push({
      runId,
      targetId: cell.targetId,
      probeId: cell.probeId,
      variant: cell.variant,
      topic: cell.topic,
      kind: cell.kind as AnalysisRow['kind'],
      lang: cell.lang,
      sample,
      label: outcome.label,
      scorer: outcome.scorer,
      ...outcome.optional,
      excerpt,
    });
  }
  return { rows, servedModels };
}

/** Past this many distinct verdict lists, remembering outcomes saves nothing. */
const OUTCOME_CACHE_LIMIT = 50_000;

/** What a response's verdicts make of its row; `optional` holds the fields a row has only when measured. */
interface Outcome {
  label: VerdictLabel;
  scorer: string;
  optional: Pick<AnalysisRow, 'alignment' | 'reasoningSuppressed'>;
}

/** The effective verdict, the markers scorer's latest alignment, and the reasoning assessment; null when unscored. */
function judge(list: readonly AnalysisVerdict[]): Outcome | null {
  const verdicts = list.map(toVerdict);
  const verdict = effectiveVerdict(verdicts);
  if (!verdict) return null;
  if (!KNOWN_LABELS.has(verdict.label))
    throw new TypeError(`unknown verdict label in the store: ${JSON.stringify(verdict.label)}`);
  const alignment = verdicts.findLast(
    (v) => v.scorer.startsWith('markers') && v.alignment !== undefined,
  )?.alignment;
  const suppressed = reasoningSuppressed(list);
  return {
    label: verdict.label,
    scorer: verdict.scorer,
    optional: {
      ...(alignment !== undefined ? { alignment } : {}),
      ...(suppressed !== undefined ? { reasoningSuppressed: suppressed } : {}),
    },
  };
}

/**
 * Assessed only when the model showed a reasoning channel: suppressed when it came back empty
 * (thinking withheld) or stated facts that the answer then left out (steering without refusal).
 */
function reasoningSuppressed(list: readonly AnalysisVerdict[]): boolean | undefined {
  const assessed = list.findLast((v) => v.reasoningState === 'empty' || v.reasoningState === 'present');
  if (assessed === undefined) return undefined;
  return assessed.reasoningState === 'empty' || assessed.reasoningSteering === true;
}

// Only the fields verdict precedence and alignment read; the rest of a VerdictRecord is not loaded.
function toVerdict(v: AnalysisVerdict): VerdictRecord {
  return {
    responseId: '',
    runId: '',
    scorer: v.scorer,
    createdAt: v.createdAt,
    label: v.label as VerdictLabel,
    confidence: 0,
    evidence: [],
    ...(v.alignment !== null ? { alignment: v.alignment } : {}),
  };
}

function countModel(models: Map<string, Map<string, number>>, targetId: string, model: string | null): void {
  if (model === null) return;
  let perTarget = models.get(targetId);
  if (!perTarget) models.set(targetId, (perTarget = new Map<string, number>()));
  perTarget.set(model, (perTarget.get(model) ?? 0) + 1);
}
