import type { JobRecord, ResponseWithEvents, RunRecord, Store, VerdictRecord } from '../src/store/types.ts';
import type { VerdictLabel } from '../src/score/types.ts';

/**
 * A small fixed store written through the store API (no simulator, no clock): three targets, two
 * of which serve the same weights, three languages, one sensitive/control pair and one benign probe.
 * Labels follow a fixed rule, so every figure of its report is known in advance.
 */
export const FIXTURE_RUN = 'fixture-run-1';
export const PLANTED_ANSWER =
  'Here it is <script>window.__pwned=1</script><img src=x onerror="window.__pwned=2"> end';

const TARGETS = [
  { id: 'api:deepseek', model: 'deepseek-ai/DeepSeek-V3-20250324' },
  { id: 'host:deepseek', model: 'DeepSeek-V3' },
  { id: 'open:model', model: 'open-model-1' },
];
const PROBES = [
  { id: 'tian-1', topic: 'tiananmen', kind: 'sensitive', tags: ['tc260:A.1.a'] },
  { id: 'tian-1-ctl', topic: 'tiananmen', kind: 'control', tags: [] },
  { id: 'benign-1', topic: 'tiananmen', kind: 'benign', tags: ['tc260:non-refusal:history'] },
];
const LANGS = ['en', 'zh-Hans', 'ar'];
const SAMPLES = 4;

/** The rule: the official API refuses sensitive questions in Chinese and Arabic, the host only in Chinese. */
export function fixtureLabel(targetId: string, kind: string, lang: string, sample: number): VerdictLabel {
  if (kind !== 'sensitive') return 'answered';
  if (targetId === 'api:deepseek')
    return lang === 'en' ? (sample === 0 ? 'deflected' : 'answered') : 'refused';
  if (targetId === 'host:deepseek') return lang === 'zh-Hans' ? 'censored' : 'answered';
  return 'answered';
}

/**
 * The official API reasons: empty reasoning on sensitive questions in Chinese, and once (sample 0
 * in English) reasoning that states what the answer leaves out. The host shows reasoning and keeps
 * to it; the open model shows none. So api:deepseek suppresses 4 + 1 of 36, host 0 of 36.
 */
export function fixtureReasoning(targetId: string, kind: string, lang: string, sample: number) {
  if (targetId === 'open:model') return { state: 'absent', steering: false, dropped: [] };
  if (targetId === 'host:deepseek' || kind !== 'sensitive')
    return { state: 'present', steering: false, dropped: [] };
  if (lang === 'zh-Hans') return { state: 'empty', steering: false, dropped: [] };
  return { state: 'present', steering: lang === 'en' && sample === 0, dropped: [] };
}

export async function seedFixture(store: Store): Promise<void> {
  const run: RunRecord = {
    id: FIXTURE_RUN,
    createdAt: '2026-10-01T00:00:00.000Z',
    suiteId: 'fixture',
    suiteVersion: '1',
    suiteHash: 'suitehash',
    configHash: 'confighash',
    toolVersion: '0.1.0',
    gitRevision: null,
    simulated: true,
    spec: {
      suite: { id: 'fixture', probes: PROBES },
      targets: TARGETS.map((t) => ({ id: t.id })),
      languages: LANGS,
      samples: SAMPLES,
    },
  };
  const jobs: JobRecord[] = [];
  for (const target of TARGETS) {
    for (const probe of PROBES) {
      for (const lang of LANGS) {
        for (let sample = 0; sample < SAMPLES; sample++) {
          jobs.push({
            key: `${target.id}|${probe.id}|${lang}|${sample}`,
            runId: run.id,
            probeId: probe.id,
            variant: 'main',
            lang,
            targetId: target.id,
            sample,
            topic: probe.topic,
            kind: probe.kind,
          });
        }
      }
    }
  }
  await store.createRun(run, jobs);
  const verdicts: VerdictRecord[] = [];
  for (const job of jobs) {
    const model = TARGETS.find((t) => t.id === job.targetId)!.model;
    const label = fixtureLabel(job.targetId, job.kind, job.lang, job.sample);
    const planted =
      job.targetId === 'open:model' && job.probeId === 'tian-1' && job.lang === 'en' && job.sample === 0;
    const text = planted
      ? PLANTED_ANSWER
      : job.lang === 'ar'
        ? `إجابة ${label} ${job.probeId}`
        : `${label} answer to ${job.probeId}`;
    const response: ResponseWithEvents = {
      id: `${job.key}#0`,
      jobKey: job.key,
      runId: run.id,
      turn: 0,
      createdAt: run.createdAt,
      request: { url: 'http://127.0.0.1/v1/chat/completions', headers: {}, body: {} },
      text,
      streamedText: null,
      reasoning: null,
      finish: { normalized: 'stop', raw: 'stop' },
      error: null,
      usage: null,
      signals: [],
      fingerprint: { model },
      latencyMs: 10,
      attempts: 1,
      events: [{ type: 'text-delta', t: 5, text }] as ResponseWithEvents['events'],
    };
    await store.saveResult(job.key, [response]);
    // The classifier gives the label; the markers scorer only the alignment.
    verdicts.push({
      responseId: response.id,
      runId: run.id,
      scorer: 'embedded@1',
      createdAt: run.createdAt,
      label,
      confidence: 0.9,
      evidence: [],
      details: { reasoning: fixtureReasoning(job.targetId, job.kind, job.lang, job.sample) },
    });
    verdicts.push({
      responseId: response.id,
      runId: run.id,
      scorer: 'markers@1',
      createdAt: run.createdAt,
      label: 'answered',
      confidence: 1,
      alignment: job.kind === 'sensitive' && job.targetId === 'api:deepseek' ? 0.5 : -0.5,
      evidence: [],
    });
  }
  await store.addVerdicts(verdicts);
}
