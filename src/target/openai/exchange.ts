import { performance } from 'node:perf_hooks';
import { createParser } from 'eventsource-parser';
import type { Signal, StreamEvent, TargetError } from '../events.ts';
import { httpRequest, HttpFailure } from '../http.ts';
import { redactor } from '../redact.ts';
import type { SentRequest, TargetConfig } from '../types.ts';

/**
 * One HTTP exchange shared by every adapter (OpenAI-compatible, Anthropic, Gemini, DashScope):
 * sends the request, yields `start`, keeps every SSE event, comment or whole body as a `raw`
 * event BEFORE a protocol reader sees it, and turns transport failures into typed errors.
 * The key is sent but redacted from everything recorded.
 */

export interface SseMessage {
  data: string;
  event?: string;
  id?: string;
}

/** What a protocol makes of the wire; every text it receives is already redacted. */
export interface WireReader {
  /** The response head arrived (after the `start` event): request ids worth a `meta` event. */
  start?(status: number, headers: Record<string, string>, t: number): StreamEvent[];
  /** One SSE event of a 200 `text/event-stream` answer. */
  event(message: SseMessage, t: number): StreamEvent[];
  /** One SSE comment (DeepSeek `: keep-alive`, DashScope `:HTTP_STATUS/400`). */
  comment?(text: string, t: number): StreamEvent[];
  /** A whole body: a non-streaming answer or any non-SSE or non-200 response. */
  body(status: number, body: string, headers: Record<string, string>, t: number): StreamEvent[];
  /** The SSE stream ended without a transport failure. */
  end(t: number): StreamEvent[];
  /** The connection broke mid-stream: events still held back (never a finish). */
  broken?(t: number): StreamEvent[];
}

export interface WireRequest {
  url: string;
  /** Headers as sent, the key included; never recorded. */
  headers: Record<string, string>;
  body: string;
  key?: string;
  connectTimeoutMs: number;
  idleTimeoutMs: number;
  signal?: AbortSignal;
}

/**
 * The wire request for a described one, with the key (read from the config's environment variable
 * at send time, so it is never stored) in the headers `authHeaders` names.
 */
export function keyedRequest(
  config: TargetConfig,
  sent: SentRequest,
  signal: AbortSignal | undefined,
  authHeaders: (key: string) => Record<string, string>,
): WireRequest {
  const key = config.keyEnv ? process.env[config.keyEnv] : undefined;
  return {
    url: sent.url,
    headers: key ? { ...sent.headers, ...authHeaders(key) } : sent.headers,
    body: JSON.stringify(sent.body),
    key,
    connectTimeoutMs: config.connectTimeoutMs,
    idleTimeoutMs: config.idleTimeoutMs,
    signal,
  };
}

export async function* exchange(
  req: WireRequest,
  makeReader: (redact: (s: string) => string) => WireReader,
): AsyncIterable<StreamEvent> {
  const redact = redactor(req.key);
  const reader = makeReader(redact);
  const t0 = performance.now();
  const now = () => Math.round((performance.now() - t0) * 1000) / 1000;

  let res;
  try {
    res = await httpRequest(req.url, {
      method: 'POST',
      headers: req.headers,
      body: req.body,
      connectTimeoutMs: req.connectTimeoutMs,
      idleTimeoutMs: req.idleTimeoutMs,
      signal: req.signal,
    });
  } catch (err) {
    yield { type: 'error', t: now(), error: failureToError(err, redact) };
    return;
  }
  const started = now();
  yield { type: 'start', t: started, status: res.status, headers: res.headers };
  if (reader.start) yield* reader.start(res.status, res.headers, started);

  const contentType = res.headers['content-type'] ?? '';
  if (res.status !== 200 || !contentType.includes('text/event-stream')) {
    const chunks: Buffer[] = [];
    try {
      for await (const chunk of res.body) chunks.push(chunk);
    } catch (err) {
      yield { type: 'error', t: now(), error: failureToError(err, redact) };
      return;
    }
    const body = redact(Buffer.concat(chunks).toString('utf8'));
    const t = now();
    yield { type: 'raw', t, kind: 'body', data: body };
    yield* reader.body(res.status, body, res.headers, t);
    return;
  }

  const pending: StreamEvent[] = [];
  const parser = createParser({
    onEvent: (ev) => {
      const t = now();
      const message: SseMessage = {
        data: redact(ev.data),
        ...(ev.event ? { event: ev.event } : {}),
        ...(ev.id ? { id: ev.id } : {}),
      };
      pending.push({ type: 'raw', t, kind: 'sse', ...message });
      pending.push(...reader.event(message, t));
    },
    onComment: (comment) => {
      const t = now();
      const text = redact(comment);
      pending.push({ type: 'raw', t, kind: 'comment', data: text });
      if (reader.comment) pending.push(...reader.comment(text, t));
    },
  });
  const decoder = new TextDecoder();
  try {
    for await (const chunk of res.body) {
      parser.feed(decoder.decode(chunk, { stream: true }));
      if (pending.length > 0) yield* pending.splice(0);
    }
  } catch (err) {
    yield* pending.splice(0);
    const t = now();
    if (reader.broken) yield* reader.broken(t);
    yield { type: 'error', t, error: failureToError(err, redact) };
    return;
  }
  parser.reset({ consume: true });
  yield* pending.splice(0);
  yield* reader.end(now());
}

export function failureToError(err: unknown, redact: (s: string) => string): TargetError {
  if (err instanceof HttpFailure) {
    return { kind: err.kind, message: redact(err.message), retryable: err.kind !== 'aborted' };
  }
  return { kind: 'network', message: redact(String((err as Error)?.message ?? err)), retryable: true };
}

/** A classified HTTP failure as events: its censorship signals first, then the typed error. */
export const failureEvents = (
  t: number,
  failure: { error: TargetError; signals: Signal[] },
): StreamEvent[] => [
  ...failure.signals.map((signal): StreamEvent => ({ type: 'signal', t, signal })),
  { type: 'error', t, error: failure.error },
];

/** Parses a JSON object, or says why not (model output and provider bodies are untrusted). */
export function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const v: unknown = JSON.parse(text);
    return typeof v === 'object' && v !== null && !Array.isArray(v)
      ? (v as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

export const protocolError = (t: number, message: string, body?: string): StreamEvent => ({
  type: 'error',
  t,
  error: { kind: 'protocol', message, ...(body !== undefined ? { body } : {}), retryable: false },
});
