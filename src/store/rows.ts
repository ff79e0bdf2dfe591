import type { StreamEvent } from '../target/events.ts';
import type { Evidence, VerdictLabel } from '../score/types.ts';
import type { JobRecord, ResponseRecord, RunRecord, VerdictRecord } from './types.ts';
import type { EventsTable, JobsTable, ResponsesTable, RunsTable, VerdictsTable } from './tables.ts';

/** Conversions between the records of types.ts and table rows. */

/** JSON text for a column; throws on values JSON cannot hold (BigInt, cycles) so nothing half-written is kept. */
export function toJson(value: unknown): string {
  const text = JSON.stringify(value);
  if (text === undefined) throw new TypeError(`cannot store ${typeof value} as JSON`);
  return text;
}

function toJsonOrNull(value: unknown): string | null {
  return value === null || value === undefined ? null : toJson(value);
}

function parse<T>(text: string): T {
  return JSON.parse(text) as T;
}

function parseOrNull<T>(text: string | null): T | null {
  return text === null ? null : parse<T>(text);
}

/**
 * PostgreSQL text cannot hold U+0000; model output is untrusted and may contain it. Plain text
 * columns store it as U+FFFD on both engines; the events keep the exact characters (JSON-escaped).
 */
function plainText(text: string): string {
  return text.includes('\u0000') ? text.replaceAll('\u0000', '\uFFFD') : text;
}

function plainTextOrNull(text: string | null): string | null {
  return text === null ? null : plainText(text);
}

export function runToRow(run: RunRecord): RunsTable {
  return {
    id: run.id,
    created_at: run.createdAt,
    suite_id: run.suiteId,
    suite_version: run.suiteVersion,
    suite_hash: run.suiteHash,
    config_hash: run.configHash,
    tool_version: run.toolVersion,
    git_revision: run.gitRevision,
    simulated: run.simulated ? 1 : 0,
    spec: toJson(run.spec ?? null),
  };
}

export function rowToRun(row: RunsTable): RunRecord {
  return {
    id: row.id,
    createdAt: row.created_at,
    suiteId: row.suite_id,
    suiteVersion: row.suite_version,
    suiteHash: row.suite_hash,
    configHash: row.config_hash,
    toolVersion: row.tool_version,
    gitRevision: row.git_revision,
    simulated: Number(row.simulated) === 1,
    spec: parse(row.spec),
  };
}

export function jobToRow(job: JobRecord, ordinal: number): JobsTable {
  return {
    key: job.key,
    run_id: job.runId,
    ordinal,
    probe_id: job.probeId,
    variant: job.variant,
    lang: job.lang,
    target_id: job.targetId,
    sample: job.sample,
    topic: job.topic,
    kind: job.kind,
  };
}

export function rowToJob(row: JobsTable): JobRecord {
  return {
    key: row.key,
    runId: row.run_id,
    probeId: row.probe_id,
    variant: row.variant,
    lang: row.lang,
    targetId: row.target_id,
    sample: row.sample,
    topic: row.topic,
    kind: row.kind,
  };
}

export function responseToRow(r: ResponseRecord): ResponsesTable {
  return {
    id: r.id,
    job_key: r.jobKey,
    run_id: r.runId,
    turn: r.turn,
    created_at: r.createdAt,
    text: plainText(r.text),
    streamed_text: plainTextOrNull(r.streamedText),
    reasoning: plainTextOrNull(r.reasoning),
    finish: toJsonOrNull(r.finish),
    error: toJsonOrNull(r.error),
    usage: toJsonOrNull(r.usage),
    signals: toJson(r.signals),
    request: toJson(r.request),
    fingerprint: toJson(r.fingerprint),
    latency_ms: r.latencyMs,
    attempts: r.attempts,
  };
}

export function rowToResponse(row: ResponsesTable): ResponseRecord {
  return {
    id: row.id,
    jobKey: row.job_key,
    runId: row.run_id,
    turn: row.turn,
    createdAt: row.created_at,
    request: parse(row.request),
    text: row.text,
    streamedText: row.streamed_text,
    reasoning: row.reasoning,
    finish: parseOrNull(row.finish),
    error: parseOrNull(row.error),
    usage: parseOrNull(row.usage),
    signals: parse(row.signals),
    fingerprint: parse(row.fingerprint),
    latencyMs: row.latency_ms,
    attempts: row.attempts,
  };
}

export function eventToRow(responseId: string, seq: number, event: StreamEvent): EventsTable {
  return { response_id: responseId, seq, t: event.t, type: event.type, data: eventData(event) };
}

/** The `data` column: the event without `type` and `t`, as JSON. */
export function eventData(event: StreamEvent): string {
  const { type: _type, t: _t, ...data } = event;
  return toJson(data);
}

export function rowToEvent(row: Pick<EventsTable, 't' | 'type' | 'data'>): StreamEvent {
  return { type: row.type, t: row.t, ...parse<object>(row.data) } as StreamEvent;
}

/** The stored columns of a verdict but its id and its response's place, which the insert looks up. */
export function verdictToRow(v: VerdictRecord): Omit<VerdictsTable, 'id' | 'job_ordinal' | 'turn'> {
  const reasoning = v.details?.reasoning as { state?: unknown; steering?: unknown } | undefined;
  return {
    response_id: v.responseId,
    run_id: v.runId,
    scorer: v.scorer,
    created_at: v.createdAt,
    label: v.label,
    confidence: v.confidence,
    alignment: v.alignment ?? null,
    evidence: toJson(v.evidence),
    rationale: v.rationale ?? null,
    details: toJsonOrNull(v.details),
    // As migration 0004 fills them in: a state only when it is a string, steering only when a boolean.
    reasoning_state: typeof reasoning?.state === 'string' ? reasoning.state : null,
    reasoning_steering: typeof reasoning?.steering === 'boolean' ? Number(reasoning.steering) : null,
  };
}

export function rowToVerdict(
  row: Omit<VerdictsTable, 'id' | 'job_ordinal' | 'turn' | 'reasoning_state' | 'reasoning_steering'> & {
    id: number;
  },
): VerdictRecord {
  const verdict: VerdictRecord = {
    id: row.id,
    responseId: row.response_id,
    runId: row.run_id,
    scorer: row.scorer,
    createdAt: row.created_at,
    label: row.label as VerdictLabel,
    confidence: row.confidence,
    evidence: parse<Evidence[]>(row.evidence),
  };
  // Optional fields stay absent rather than null, as the scorer made them.
  if (row.alignment !== null) verdict.alignment = row.alignment;
  if (row.rationale !== null) verdict.rationale = row.rationale;
  if (row.details !== null) verdict.details = parse(row.details);
  return verdict;
}
