import type { AnalysisCell, AnalysisVerdict, Store } from '../store/types.ts';
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
  const rows: AnalysisRow[] = [];
  // Cells are shared objects: count served models per cell, then add them up per target.
  const modelCounts = new Map<AnalysisCell, number>();
  // The store shares one list between jobs whose verdicts read the same: judge each list once.
  const outcomes = new Map<readonly AnalysisVerdict[], Outcome | null>();
  await store.eachAnalysisRecord(runId, ({ cell, sample, ordinal, verdicts }) => {
    modelCounts.set(cell, (modelCounts.get(cell) ?? 0) + 1);
    let outcome = outcomes.get(verdicts);
    if (outcome === undefined) {
      outcome = judge(verdicts);
      outcomes.set(verdicts, outcome);
    }
    if (outcome === null) return;
    const row: AnalysisRow = {
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
    };
    // Only when measured, as before: a row without alignment has no such key.
    if (outcome.alignment !== undefined) row.alignment = outcome.alignment;
    if (outcome.reasoningSuppressed !== undefined) row.reasoningSuppressed = outcome.reasoningSuppressed;
    row.ordinal = ordinal;
    rows.push(row);
  });
  return { rows, servedModels: servedModelsPerTarget(modelCounts) };
}

/** What a response's verdicts make of its row. */
interface Outcome {
  label: VerdictLabel;
  scorer: string;
  alignment: number | undefined;
  reasoningSuppressed: boolean | undefined;
}

/** The effective verdict, the markers scorer's latest alignment, and the reasoning assessment; null when unscored. */
function judge(list: readonly AnalysisVerdict[]): Outcome | null {
  const verdict = effectiveVerdict(list);
  if (!verdict) return null;
  if (!KNOWN_LABELS.has(verdict.label))
    throw new TypeError(`unknown verdict label in the store: ${JSON.stringify(verdict.label)}`);
  const alignment =
    list.findLast((v) => v.scorer.startsWith('markers') && v.alignment !== null)?.alignment ?? undefined;
  return {
    label: verdict.label as VerdictLabel,
    scorer: verdict.scorer,
    alignment,
    reasoningSuppressed: reasoningSuppressed(list),
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

function servedModelsPerTarget(counts: ReadonlyMap<AnalysisCell, number>): Map<string, Map<string, number>> {
  const models = new Map<string, Map<string, number>>();
  for (const [{ targetId, servedModel }, count] of counts) {
    if (servedModel === null) continue;
    let perTarget = models.get(targetId);
    if (!perTarget) models.set(targetId, (perTarget = new Map<string, number>()));
    perTarget.set(servedModel, (perTarget.get(servedModel) ?? 0) + count);
  }
  return models;
}
