import type { StreamEvent } from '../events.ts';
import type { SentRequest, Target, TargetConfig, TargetRequest } from '../types.ts';
import { PLAIN, type Dialect, type DialectSession } from './dialects/dialect.ts';
import { classifyHttpError } from './errors.ts';
import { exchange, parseObject, protocolError, type WireReader } from './exchange.ts';
import { normalizeFinish, readFrame, type FrameResult } from './frames.ts';

/**
 * OpenAI Chat Completions wire protocol: DeepSeek, Moonshot, Zhipu, Qwen (compatible mode), OpenAI,
 * OpenRouter, vLLM, Ollama /v1, llama.cpp server and the simulator; with a dialect, also ERNIE,
 * MiniMax, Doubao and Azure. Every SSE event and comment is kept as a `raw` event before any
 * parsing; nothing between the wire and the recorder normalises it away.
 */
export class OpenAICompatibleTarget implements Target {
  constructor(
    readonly config: TargetConfig,
    private readonly dialect: Dialect = PLAIN,
  ) {}

  describe(req: TargetRequest): SentRequest {
    const c = this.config;
    const body = this.dialect.body?.(c, req) ?? {
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
    const url = this.dialect.url?.(c) ?? `${c.baseUrl.replace(/\/+$/, '')}/chat/completions`;
    return { url, headers, body };
  }

  stream(req: TargetRequest): AsyncIterable<StreamEvent> {
    const c = this.config;
    const sent = this.describe(req);
    const key = c.keyEnv ? process.env[c.keyEnv] : undefined;
    const { keyInQuery } = this.dialect;
    const auth = key && !keyInQuery ? (this.dialect.auth?.(key) ?? { authorization: `Bearer ${key}` }) : {};
    return exchange(
      {
        url: key && keyInQuery ? withQuery(sent.url, keyInQuery, key) : sent.url,
        headers: { ...sent.headers, ...auth },
        body: JSON.stringify(sent.body),
        key,
        connectTimeoutMs: c.connectTimeoutMs,
        idleTimeoutMs: c.idleTimeoutMs,
        signal: req.signal,
      },
      () => chatReader(this.dialect),
    );
  }
}

/** Reads one Chat Completions exchange: frames in order, one `finish` at the end. */
function chatReader(dialect: Dialect): WireReader {
  const session: DialectSession = dialect.session();
  let seenMeta = false;
  let finishRaw: string | undefined;
  let usage: FrameResult['usage'];

  let sawText = false;

  const take = (r: FrameResult): StreamEvent[] => {
    for (const e of r.events) {
      if (e.type === 'meta') seenMeta = true;
      if (e.type === 'text-delta' || e.type === 'reasoning-delta') sawText = true;
      // An in-band moderation error before any text rejected the request; after text, it cut the answer.
      if (e.type === 'signal' && e.signal.kind === 'stream_error_midstream' && !sawText) {
        e.signal = { ...e.signal, kind: 'request_rejected' };
      }
    }
    finishRaw = r.finishRaw ?? finishRaw;
    usage = r.usage ?? usage;
    return r.events;
  };
  const frame = (json: Record<string, unknown>, t: number) =>
    take(session.frame(json, readFrame(json, t, seenMeta), t));
  const finish = (t: number): StreamEvent[] => {
    const rest = session.end ? take(session.end({ events: [] }, t)) : [];
    // No finish_reason at all means the stream was cut; the recorder derives `stream_cut` from that.
    if (!finishRaw) return rest;
    return [
      ...rest,
      { type: 'finish', t, reason: { normalized: normalizeFinish(finishRaw), raw: finishRaw }, usage },
    ];
  };

  return {
    event: ({ data }, t) => {
      if (data === '[DONE]') return [];
      const json = parseObject(data);
      return json ? frame(json, t) : [protocolError(t, 'malformed SSE frame (kept raw)')];
    },
    body: (status, body, headers, t) => {
      if (status !== 200) {
        const generic = classifyHttpError(status, body, headers['retry-after']);
        const { error, signals } = dialect.classify?.(status, body, generic) ?? generic;
        return [
          ...signals.map((signal): StreamEvent => ({ type: 'signal', t, signal })),
          { type: 'error', t, error },
        ];
      }
      const json = parseObject(body);
      if (!json) return [protocolError(t, 'response body is not JSON', body)];
      return [...frame(json, t), ...finish(t)];
    },
    end: finish,
    broken: (t) => (session.end ? take(session.end({ events: [] }, t)) : []),
  };
}

function withQuery(url: string, name: string, value: string): string {
  const u = new URL(url);
  u.searchParams.set(name, value);
  return u.toString();
}
