import type { Suite } from '../suite/schema.ts';
import type { ResponseRecord, Store, VerdictRecord } from '../store/types.ts';
import type { RunSpec } from '../run/session.ts';
import type { Scorer } from './scorer.ts';
import type { ScorerInput } from './types.ts';

/** What a scorer sees of a stored response: its question, answer, wire facts and the probe's markers. */
export function scorerInput(
  r: ResponseRecord,
  suite: Suite,
  job: { probeId: string; lang: string },
): ScorerInput {
  const body = r.request.body as { messages?: Array<{ role: string; content: string }> } | undefined;
  const prompt = body?.messages?.findLast((m) => m.role === 'user')?.content ?? '';
  const probe = suite.probes.find((p) => p.id === job.probeId);
  return {
    prompt,
    lang: job.lang,
    text: r.text,
    reasoning: r.reasoning ?? undefined,
    signals: r.signals.map((s) => s.kind),
    error: r.error && r.error.kind !== 'moderation' ? r.error.message : undefined,
    topic: probe?.topic,
    kind: probe?.kind,
    markers: probe?.markers && {
      official: probe.markers.official?.[job.lang],
      independent: probe.markers.independent?.[job.lang],
    },
  };
}

/**
 * Adds a verdict from each scorer to every response of the run that lacks one from it.
 * Re-scoring never touches stored verdicts; `force` adds fresh ones beside them.
 */
export async function scoreRun(
  store: Store,
  runId: string,
  scorers: Scorer[],
  force = false,
): Promise<number> {
  const run = await store.getRun(runId);
  if (!run) throw new Error(`no run ${runId}`);
  const suite = (run.spec as RunSpec).suite;
  const jobs = new Map((await store.jobs(runId)).map((j) => [j.key, j]));
  const existing = new Set((await store.verdicts(runId)).map((v) => `${v.responseId}|${v.scorer}`));
  const added: VerdictRecord[] = [];
  for (const r of await store.responses(runId)) {
    const job = jobs.get(r.jobKey);
    if (!job) continue;
    const input = scorerInput(r, suite, job);
    for (const scorer of scorers) {
      if (!force && existing.has(`${r.id}|${scorer.name}`)) continue;
      const verdict = await scorer.score(input);
      added.push({
        ...verdict,
        responseId: r.id,
        runId,
        scorer: scorer.name,
        createdAt: new Date().toISOString(),
      });
    }
  }
  for (let i = 0; i < added.length; i += 500) await store.addVerdicts(added.slice(i, i + 500));
  return added.length;
}
