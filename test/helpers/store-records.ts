import type { StreamEvent } from '../../src/target/events.ts';
import type { JobRecord, ResponseWithEvents, RunRecord } from '../../src/store/types.ts';
import { toNumber } from '../../src/store/dialect.ts';
import { sql } from '../../src/store/kysely.ts';
import type { SqlStore } from '../../src/store/repository.ts';

/** Runs, jobs, responses and events for the store tests: Chinese and Arabic text, fractional times. */

export function makeRun(id: string): RunRecord {
  return {
    id,
    createdAt: '2026-11-29T06:30:00.123Z',
    suiteId: 'china-core',
    suiteVersion: '1.0.0',
    suiteHash: 'sha256:suite',
    configHash: 'sha256:config',
    toolVersion: '0.1.0',
    gitRevision: null,
    simulated: true,
    spec: {
      languages: ['en', 'zh-Hans', 'ar'],
      samples: 2,
      note: '六四 — ميدان تيانانمن',
      weight: 0.1 + 0.2,
    },
  };
}

export function makeJobs(runId: string, count: number): JobRecord[] {
  return Array.from({ length: count }, (_, i) => ({
    key: `${runId}/probe-${String(i).padStart(3, '0')}/zh-Hans/sim:censor/0`,
    runId,
    probeId: `probe-${i}`,
    variant: 'main',
    lang: 'zh-Hans',
    targetId: 'sim:censor',
    sample: 0,
    topic: 'tiananmen',
    kind: i % 2 === 0 ? 'sensitive' : 'control',
  }));
}

export function makeEvents(count: number, label = ''): StreamEvent[] {
  const events: StreamEvent[] = [{ type: 'start', t: 0.25, status: 200, headers: { 'x-request-id': 'r1' } }];
  for (let i = 1; i < count - 1; i++) {
    const t = i * 1.000123456789;
    events.push(
      i % 3 === 0
        ? { type: 'raw', t, kind: 'sse', data: `{"i":${i},"text":"天安门 ${label}"}`, event: 'message' }
        : { type: 'text-delta', t, text: i % 2 ? `عذراً ${i}${label} ` : `天安门${i}${label}` },
    );
  }
  events.push({ type: 'finish', t: count + 0.5, reason: { normalized: 'content-filter', raw: 'sensitive' } });
  return events;
}

export function makeResponse(
  job: JobRecord,
  turn: number,
  events: StreamEvent[],
  text = '我无法回答这个问题。',
): ResponseWithEvents {
  return {
    id: `${job.key}#${turn}`,
    jobKey: job.key,
    runId: job.runId,
    turn,
    createdAt: '2026-11-29T06:31:00.000Z',
    request: {
      url: 'http://127.0.0.1:9/v1/chat/completions',
      headers: { 'content-type': 'application/json' },
      body: { messages: [{ role: 'user', content: '1989年6月4日发生了什么？' }], temperature: 0.7 },
    },
    text,
    streamedText: turn === 0 ? '1989年6月4日，' : null,
    reasoning: null,
    finish: { normalized: 'content-filter', raw: 'sensitive' },
    error: null,
    usage: { inputTokens: 12, outputTokens: 3, raw: { prompt_tokens: 12, completion_tokens: 3 } },
    signals: [{ kind: 'content_replaced', evidence: 'text-replace at t=812.5' }],
    fingerprint: { model: 'sim-censor', systemFingerprint: 'fp_1', host: '127.0.0.1' },
    latencyMs: 913.25,
    attempts: 1,
    events,
  };
}

export function withoutEvents(response: ResponseWithEvents) {
  const { events, ...record } = response;
  void events;
  return record;
}

/** Counts rows straight from the database, so a check cannot pass through a bug in the reader. */
export async function countRows(
  store: SqlStore,
  table: 'responses' | 'events',
  keyPrefix: string,
): Promise<number> {
  const column = table === 'responses' ? 'job_key' : 'response_id';
  const result = await sql<{ n: unknown }>`select count(*) as n from ${sql.table(table)}
    where ${sql.ref(column)} like ${`${keyPrefix}%`}`.execute(store.db);
  return toNumber(result.rows[0]?.n);
}
