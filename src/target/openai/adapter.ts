import { performance } from 'node:perf_hooks';
import { createParser } from 'eventsource-parser';
import type { StreamEvent, TargetError } from '../events.ts';
import type { SentRequest, Target, TargetConfig, TargetRequest } from '../types.ts';
import { httpRequest, HttpFailure } from '../http.ts';
import { redactor } from '../redact.ts';
import { classifyHttpError } from './errors.ts';
import { normalizeFinish, readFrame, type FrameResult } from './frames.ts';

/**
 * OpenAI Chat Completions wire protocol: DeepSeek, Moonshot, Zhipu, Qwen (compatible mode), OpenAI,
 * OpenRouter, vLLM, Ollama /v1, llama.cpp server and the simulator. Every SSE event and comment is
 * kept as a `raw` event before any parsing; nothing between the wire and the recorder normalises it away.
 */
export class OpenAICompatibleTarget implements Target {
  constructor(readonly config: TargetConfig) {}

  describe(req: TargetRequest): SentRequest {
    const c = this.config;
    const body: Record<string, unknown> = {
      model: c.model,
      messages: req.messages.map((m) =>
        m.reasoning && m.role === 'assistant'
          ? { role: m.role, content: m.content, reasoning_content: m.reasoning }
          : { role: m.role, content: m.content },
      ),
      stream: c.stream,
      ...(c.stream ? { stream_options: { include_usage: true } } : {}),
      // The simulator derives a sample's behaviour from its seed; real APIs sample freely.
      ...(c.preset === 'sim' ? { seed: req.sample } : {}),
      ...c.params,
    };
    const headers: Record<string, string> = { 'content-type': 'application/json', ...c.headers };
    if (c.stream) headers.accept = 'text/event-stream';
    return { url: `${c.baseUrl.replace(/\/+$/, '')}/chat/completions`, headers, body };
  }

  async *stream(req: TargetRequest): AsyncIterable<StreamEvent> {
    const c = this.config;
    const sent = this.describe(req);
    const key = c.keyEnv ? process.env[c.keyEnv] : undefined;
    const redact = redactor(key);
    const headers = key ? { ...sent.headers, authorization: `Bearer ${key}` } : sent.headers;
    const t0 = performance.now();
    const now = () => Math.round((performance.now() - t0) * 1000) / 1000;

    let res;
    try {
      res = await httpRequest(sent.url, {
        method: 'POST',
        headers,
        body: JSON.stringify(sent.body),
        connectTimeoutMs: c.connectTimeoutMs,
        idleTimeoutMs: c.idleTimeoutMs,
        signal: req.signal,
      });
    } catch (err) {
      yield { type: 'error', t: now(), error: failureToError(err, redact) };
      return;
    }
    yield { type: 'start', t: now(), status: res.status, headers: res.headers };

    const contentType = res.headers['content-type'] ?? '';
    if (res.status !== 200 || !contentType.includes('text/event-stream')) {
      yield* this.readWhole(res, now, redact);
      return;
    }

    const pending: StreamEvent[] = [];
    let seenMeta = false;
    let finishRaw: string | undefined;
    let usage: FrameResult['usage'];
    const parser = createParser({
      onEvent: (ev) => {
        const t = now();
        const data = redact(ev.data);
        pending.push({ type: 'raw', t, kind: 'sse', data, ...(ev.event ? { event: ev.event } : {}), ...(ev.id ? { id: ev.id } : {}) });
        if (data === '[DONE]') return;
        let frame: unknown;
        try {
          frame = JSON.parse(data);
        } catch {
          pending.push({ type: 'error', t, error: { kind: 'protocol', message: 'malformed SSE frame (kept raw)', retryable: false } });
          return;
        }
        if (typeof frame !== 'object' || frame === null) return;
        const r = readFrame(frame as Record<string, unknown>, t, seenMeta);
        if (r.events.some((e) => e.type === 'meta')) seenMeta = true;
        pending.push(...r.events);
        finishRaw = r.finishRaw ?? finishRaw;
        usage = r.usage ?? usage;
      },
      onComment: (comment) => pending.push({ type: 'raw', t: now(), kind: 'comment', data: redact(comment) }),
    });
    const decoder = new TextDecoder();
    try {
      for await (const chunk of res.body) {
        parser.feed(decoder.decode(chunk, { stream: true }));
        if (pending.length > 0) yield* pending.splice(0);
      }
    } catch (err) {
      yield* pending.splice(0);
      yield { type: 'error', t: now(), error: failureToError(err, redact) };
      return;
    }
    parser.reset({ consume: true });
    yield* pending.splice(0);
    // No finish_reason at all means the stream was cut; the recorder derives `stream_cut` from that.
    if (finishRaw) yield { type: 'finish', t: now(), reason: { normalized: normalizeFinish(finishRaw), raw: finishRaw }, usage };
  }

  /** Non-streaming bodies and every non-200 answer. */
  private async *readWhole(
    res: Awaited<ReturnType<typeof httpRequest>>,
    now: () => number,
    redact: (s: string) => string,
  ): AsyncIterable<StreamEvent> {
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
    if (res.status !== 200) {
      const { error, signals } = classifyHttpError(res.status, body, res.headers['retry-after']);
      for (const signal of signals) yield { type: 'signal', t, signal };
      yield { type: 'error', t, error };
      return;
    }
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch {
      yield { type: 'error', t, error: { kind: 'protocol', message: 'response body is not JSON', body, retryable: false } };
      return;
    }
    const r = readFrame(json as Record<string, unknown>, t, false);
    yield* r.events;
    if (r.finishRaw) yield { type: 'finish', t, reason: { normalized: normalizeFinish(r.finishRaw), raw: r.finishRaw }, usage: r.usage };
  }
}

function failureToError(err: unknown, redact: (s: string) => string): TargetError {
  if (err instanceof HttpFailure) {
    return { kind: err.kind, message: redact(err.message), retryable: err.kind !== 'aborted' };
  }
  return { kind: 'network', message: redact(String((err as Error)?.message ?? err)), retryable: true };
}
