/**
 * The judge ensemble: one `ensemble@<rubric>` verdict per response from the judges' stored
 * verdicts (majority label; a tie goes to the embedded label; confidence = share agreeing).
 */
import type { Store, VerdictRecord } from '../../store/types.ts';
import { EMBEDDED_SCORER } from '../embedded/classify.ts';
import { VERDICT_LABELS, type VerdictLabel } from '../types.ts';
import { judgeAgreement, type Agreement, type JudgeLabels } from './agreement.ts';

export function ensembleScorerName(rubricVersion: string): string {
  return `ensemble@${rubricVersion}`;
}

/** The majority of the judges' labels; `error` votes count against confidence but never win over a real label. */
export function majority(
  votes: VerdictLabel[],
  embedded: VerdictLabel | undefined,
): { label: VerdictLabel; tie: boolean } {
  const counts = new Map<VerdictLabel, number>();
  for (const v of votes) if (v !== 'error') counts.set(v, (counts.get(v) ?? 0) + 1);
  if (counts.size === 0) return { label: 'error', tie: false };
  const top = Math.max(...counts.values());
  const tied = VERDICT_LABELS.filter((l) => counts.get(l) === top);
  if (tied.length === 1) return { label: tied[0]!, tie: false };
  return { label: embedded && tied.includes(embedded) ? embedded : tied[0]!, tie: true };
}

/** The last stored verdict per response and scorer (verdicts in store order, as precedence.ts reads them). */
function latest(verdicts: VerdictRecord[]): Map<string, Map<string, VerdictRecord>> {
  const out = new Map<string, Map<string, VerdictRecord>>();
  for (const v of verdicts) {
    const byScorer = out.get(v.responseId) ?? new Map<string, VerdictRecord>();
    byScorer.set(v.scorer, v);
    out.set(v.responseId, byScorer);
  }
  return out;
}

/** Adds ensemble verdicts for the named judges (where missing, or all with `force`) and measures agreement. */
export async function ensembleRun(
  store: Store,
  runId: string,
  judges: string[],
  rubricVersion: string,
  force = false,
): Promise<{ added: number; agreement: Agreement }> {
  const name = ensembleScorerName(rubricVersion);
  const byResponse = latest(await store.verdicts(runId));
  const labels: JudgeLabels = new Map(judges.map((j) => [j, new Map<string, VerdictLabel>()]));
  const added: VerdictRecord[] = [];
  for (const [responseId, byScorer] of byResponse) {
    const judged = judges.filter((j) => byScorer.has(j));
    for (const j of judged) labels.get(j)!.set(responseId, byScorer.get(j)!.label);
    if (judges.length < 2 || judged.length < judges.length || (!force && byScorer.has(name))) continue;
    const votes = judged.map((j) => byScorer.get(j)!);
    const embedded = byScorer.get(EMBEDDED_SCORER);
    const { label, tie } = majority(
      votes.map((v) => v.label),
      embedded?.label,
    );
    const agreeing = votes.filter((v) => v.label === label).length;
    const alignments = votes.flatMap((v) => (v.alignment === undefined ? [] : [v.alignment]));
    added.push({
      responseId,
      runId,
      scorer: name,
      createdAt: new Date().toISOString(),
      label,
      confidence: agreeing / votes.length,
      ...(alignments.length ? { alignment: alignments.reduce((s, a) => s + a, 0) / alignments.length } : {}),
      evidence: [],
      rationale: `${agreeing} of ${votes.length} judges: ${label}${tie ? ' (tie broken by the embedded label)' : ''}`,
      details: { votes: Object.fromEntries(votes.map((v) => [v.scorer, v.label])), tie },
    });
  }
  if (added.length) await store.addVerdicts(added);
  return { added: added.length, agreement: judgeAgreement(labels) };
}
