import type { FinishReason, Signal, StreamEvent, TargetError, Usage } from '../target/events.ts';
import type { SentRequest, TargetConfig } from '../target/types.ts';
import type { ResponseWithEvents } from '../store/types.ts';
import { hashOf } from '../util/hash.ts';

/** Response headers that identify the serving side (request ids, server software, routing). */
const FINGERPRINT_HEADER =
  /request-id|trace-id|^server$|^via$|^x-served-by$|^openai-processing|^openai-version|^cf-ray$|^x-ds-/;

export interface RecordInput {
  id: string;
  jobKey: string;
  runId: string;
  turn: number;
  request: SentRequest;
  target: TargetConfig;
  events: StreamEvent[];
  attempts: number;
  createdAt?: string;
}

/**
 * Folds the events of one exchange into a response. The events stay the primary record;
 * everything here is derived from them and can be derived again.
 */
export function recordResponse(input: RecordInput): ResponseWithEvents {
  const { events } = input;
  let text = '';
  let streamedText: string | null = null;
  let reasoning = '';
  let finish: FinishReason | null = null;
  let usage: Usage | null = null;
  let error: TargetError | null = null;
  let status: number | undefined;
  const signals: Signal[] = [];
  const fingerprint: Record<string, unknown> = {
    host: safeHost(input.target.baseUrl),
    requestedModel: input.target.model,
    settingsHash: hashOf({ params: input.target.params, stream: input.target.stream }),
  };
  let sawText = false;

  for (const ev of events) {
    switch (ev.type) {
      case 'start':
        status = ev.status;
        for (const [k, v] of Object.entries(ev.headers))
          if (FINGERPRINT_HEADER.test(k)) fingerprint[`header:${k}`] = v;
        break;
      case 'meta':
        for (const [k, v] of Object.entries(ev.data)) if (k !== 'responseId') fingerprint[k] ??= v;
        break;
      case 'text-delta':
        text += ev.text;
        sawText = true;
        break;
      case 'reasoning-delta':
        reasoning += ev.text;
        break;
      case 'text-replace':
        streamedText = (streamedText ?? '') + text;
        text = ev.text;
        break;
      case 'signal':
        signals.push(ev.signal);
        break;
      case 'finish':
        finish = ev.reason;
        usage = ev.usage ?? usage;
        break;
      case 'error':
        if (ev.error.kind !== 'protocol') error = ev.error;
        if (
          sawText &&
          ev.error.kind === 'moderation' &&
          !signals.some((s) => s.kind === 'stream_error_midstream')
        ) {
          signals.push({ kind: 'stream_error_midstream', evidence: ev.error.message });
        }
        break;
      case 'raw':
        break;
    }
  }

  if (finish?.normalized === 'content-filter') {
    signals.push({ kind: 'finish_filtered', evidence: `finish_reason: ${JSON.stringify(finish.raw)}` });
  }
  if (finish?.normalized === 'refusal' && !signals.some((s) => s.kind === 'refusal_stop')) {
    signals.push({ kind: 'refusal_stop', evidence: `stop reason: ${JSON.stringify(finish.raw)}` });
  }
  // Streamed, then ended with neither a finish nor a moderation error: the stream was cut.
  if (status === 200 && !finish && (!error || error.kind === 'network' || error.kind === 'timeout')) {
    signals.push({
      kind: 'stream_cut',
      evidence: error ? `connection ended: ${error.message}` : 'no finish_reason and no [DONE]',
    });
  }
  if (reasoning)
    signals.push({ kind: 'reasoning_present', evidence: `${reasoning.length} characters of reasoning` });

  const last = events.at(-1);
  return {
    id: input.id,
    jobKey: input.jobKey,
    runId: input.runId,
    turn: input.turn,
    createdAt: input.createdAt ?? new Date().toISOString(),
    request: input.request,
    text,
    streamedText,
    reasoning: reasoning || null,
    finish,
    error,
    usage,
    signals: dedupe(signals),
    fingerprint,
    latencyMs: last ? last.t : 0,
    attempts: input.attempts,
    events,
  };
}

function dedupe(signals: Signal[]): Signal[] {
  const seen = new Set<string>();
  return signals.filter((s) => {
    const key = `${s.kind}|${s.evidence}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function safeHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return '';
  }
}
