import type { Store } from '../store/types.ts';
import { effectiveVerdict } from '../score/precedence.ts';
import type { VerdictRecord } from '../store/types.ts';
import type { AnalysisRow } from './types.ts';

/**
 * One row per job: the first turn's effective verdict (human > ensemble > judge > embedded),
 * with the markers scorer's alignment when there is one. Jobs without a result are left out.
 */
export async function loadRows(store: Store, runId: string): Promise<AnalysisRow[]> {
  const jobs = await store.jobs(runId);
  const byResponse = new Map<string, VerdictRecord[]>();
  for (const v of await store.verdicts(runId)) {
    const list = byResponse.get(v.responseId);
    if (list) list.push(v);
    else byResponse.set(v.responseId, [v]);
  }
  const responses = new Map((await store.responses(runId)).filter((r) => r.turn === 0).map((r) => [r.jobKey, r]));
  const rows: AnalysisRow[] = [];
  for (const job of jobs) {
    const response = responses.get(job.key);
    if (!response) continue;
    const verdicts = byResponse.get(response.id) ?? [];
    const verdict = effectiveVerdict(verdicts);
    if (!verdict) continue;
    const alignment = verdicts.findLast((v) => v.scorer.startsWith('markers') && v.alignment !== undefined)?.alignment;
    rows.push({
      runId,
      targetId: job.targetId,
      probeId: job.probeId,
      variant: job.variant,
      topic: job.topic,
      kind: job.kind as AnalysisRow['kind'],
      lang: job.lang,
      sample: job.sample,
      label: verdict.label,
      scorer: verdict.scorer,
      ...(alignment !== undefined ? { alignment } : {}),
      excerpt: response.text.slice(0, 200),
    });
  }
  return rows;
}
