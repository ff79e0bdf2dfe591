import type { ErrorKind, FinishKind, Signal, StreamEvent, Usage } from '../events.ts';
import { type Json, isObj, num, str } from '../openai/dialects/dialect.ts';
import { classifyHttpError } from '../openai/errors.ts';
import { failureEvents, parseObject, protocolError, type WireReader } from '../openai/exchange.ts';

/**
 * Reads Gemini `generateContent` answers, whole or as `alt=sse` chunks (research/providers.md §11).
 * A blocked prompt is a 200 with `promptFeedback.blockReason` and no candidates; a filtered answer
 * ends with a finishReason such as SAFETY; `thought: true` parts are reasoning. A chunk without
 * candidates is never skipped (vercel/ai's Google provider loses the prompt block that way).
 */

const FILTER_REASONS = new Set([
  'SAFETY',
  'PROHIBITED_CONTENT',
  'BLOCKLIST',
  'SPII',
  'RECITATION',
  'IMAGE_SAFETY',
  'IMAGE_PROHIBITED_CONTENT',
]);

export function normalizeGeminiFinish(raw: string): FinishKind {
  if (raw === 'STOP') return 'stop';
  if (raw === 'MAX_TOKENS') return 'length';
  if (FILTER_REASONS.has(raw)) return 'content-filter';
  if (raw === 'MALFORMED_FUNCTION_CALL' || raw === 'UNEXPECTED_TOOL_CALL') return 'error';
  return 'other';
}

/** Google RPC status → error kind. */
const STATUS_KINDS: Record<string, ErrorKind> = {
  RESOURCE_EXHAUSTED: 'rate-limit',
  UNAVAILABLE: 'server',
  INTERNAL: 'server',
  DEADLINE_EXCEEDED: 'timeout',
  UNAUTHENTICATED: 'auth',
  PERMISSION_DENIED: 'auth',
};

/** Ratings that say something: blocked, or a probability or severity of MEDIUM or HIGH. */
function notableRatings(ratings: unknown): string[] {
  if (!Array.isArray(ratings)) return [];
  const out: string[] = [];
  for (const r of ratings) {
    if (!isObj(r)) continue;
    const level = [str(r.probability), str(r.severity)].find((v) => v && /MEDIUM|HIGH/.test(v));
    if (r.blocked !== true && !level) continue;
    const tags = [r.blocked === true ? 'blocked' : '', level ?? ''].filter(Boolean).join(', ');
    out.push(`${str(r.category) ?? '?'} (${tags})`);
  }
  return out;
}

export function geminiReader(): WireReader {
  let finishRaw: string | undefined;
  let usage: Usage | undefined;
  let seenMeta = false;
  const seenSignals = new Set<string>();

  const signal = (events: StreamEvent[], t: number, s: Signal) => {
    const key = `${s.kind}|${s.evidence}`;
    if (seenSignals.has(key)) return;
    seenSignals.add(key);
    events.push({ type: 'signal', t, signal: s });
  };

  const errorEvent = (json: Json, t: number, status?: number): StreamEvent => {
    const error = isObj(json.error) ? json.error : {};
    const rpcStatus = str(error.status);
    const kind: ErrorKind = (rpcStatus ? STATUS_KINDS[rpcStatus] : undefined) ?? 'server';
    return {
      type: 'error',
      t,
      error: {
        kind,
        message: `Gemini error ${rpcStatus ?? ''}: ${str(error.message) ?? ''}`.trim(),
        ...(status ? { status } : {}),
        ...(rpcStatus ? { providerCode: rpcStatus } : {}),
        body: JSON.stringify(json),
        retryable: kind === 'server' || kind === 'rate-limit' || kind === 'timeout',
      },
    };
  };

  const readChunk = (json: Json, t: number): StreamEvent[] => {
    const events: StreamEvent[] = [];
    if (isObj(json.error)) return [errorEvent(json, t)];
    if (!seenMeta) {
      const data: Record<string, string> = {};
      if (str(json.modelVersion)) data.model = json.modelVersion as string;
      if (str(json.responseId)) data.responseId = json.responseId as string;
      if (Object.keys(data).length > 0) {
        events.push({ type: 'meta', t, data });
        seenMeta = true;
      }
    }
    const feedback = isObj(json.promptFeedback) ? json.promptFeedback : undefined;
    const blockReason = str(feedback?.blockReason);
    const candidates = Array.isArray(json.candidates) ? json.candidates.filter(isObj) : [];
    if (blockReason) {
      const message = str(feedback?.blockReasonMessage);
      signal(events, t, {
        kind: 'prompt_blocked_soft',
        evidence: `promptFeedback.blockReason: ${blockReason}${message ? ` (${message})` : ''}`,
      });
      // No candidate will ever come: the exchange is over, ended by the filter.
      if (candidates.length === 0) finishRaw = `promptFeedback.blockReason=${blockReason}`;
    }
    const promptRatings = notableRatings(feedback?.safetyRatings);
    if (promptRatings.length > 0)
      signal(events, t, {
        kind: 'annotation_only',
        evidence: `prompt safetyRatings: ${promptRatings.join('; ')}`,
      });

    const candidate = candidates.find((c) => (c.index ?? 0) === 0);
    if (candidate) {
      const content = isObj(candidate.content) ? candidate.content : {};
      for (const part of Array.isArray(content.parts) ? content.parts : []) {
        if (!isObj(part)) continue;
        const text = str(part.text);
        if (!text) continue;
        events.push({ type: part.thought === true ? 'reasoning-delta' : 'text-delta', t, text });
      }
      const ratings = notableRatings(candidate.safetyRatings);
      if (ratings.length > 0)
        signal(events, t, { kind: 'annotation_only', evidence: `safetyRatings: ${ratings.join('; ')}` });
      const finish = str(candidate.finishReason);
      if (finish && finish !== 'FINISH_REASON_UNSPECIFIED') finishRaw = finish;
    }
    const u = json.usageMetadata;
    if (isObj(u)) {
      usage = {
        inputTokens: num(u.promptTokenCount),
        outputTokens: num(u.candidatesTokenCount),
        reasoningTokens: num(u.thoughtsTokenCount),
        raw: u,
      };
    }
    return events;
  };

  const finish = (t: number): StreamEvent[] => {
    if (!finishRaw) return [];
    const normalized = finishRaw.startsWith('promptFeedback.')
      ? 'content-filter'
      : normalizeGeminiFinish(finishRaw);
    return [{ type: 'finish', t, reason: { normalized, raw: finishRaw }, usage }];
  };

  return {
    event({ data }, t) {
      const json = parseObject(data);
      return json ? readChunk(json, t) : [protocolError(t, 'malformed SSE frame (kept raw)')];
    },
    body(status, body, headers, t) {
      const json = parseObject(body);
      if (status !== 200) {
        const generic = classifyHttpError(status, body, headers['retry-after']);
        const rpcStatus = json && isObj(json.error) ? str(json.error.status) : undefined;
        const error = rpcStatus ? { ...generic.error, providerCode: rpcStatus } : generic.error;
        return failureEvents(t, { ...generic, error });
      }
      // A non-stream answer is one object; some proxies send the stream's chunks as a JSON array.
      const arrayBody = body.trimStart().startsWith('[') ? parseArray(body) : undefined;
      if (arrayBody) return [...arrayBody.flatMap((chunk) => readChunk(chunk, t)), ...finish(t)];
      if (!json) return [protocolError(t, 'response body is not JSON', body)];
      return [...readChunk(json, t), ...finish(t)];
    },
    end: finish,
  };
}

function parseArray(text: string): Json[] | undefined {
  try {
    const v: unknown = JSON.parse(text);
    return Array.isArray(v) ? v.filter(isObj) : undefined;
  } catch {
    return undefined;
  }
}
