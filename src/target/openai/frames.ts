import type { FinishKind, StreamEvent, Usage } from '../events.ts';
import { moderationMatch, providerCode } from './errors.ts';

/**
 * Turns one parsed JSON frame of an OpenAI-compatible stream (or a non-stream body) into events.
 * Handles the provider dialects of research/providers.md: `reasoning_content` vs `reasoning`,
 * Zhipu `sensitive` + `content_filter`, Moonshot usage inside the choice, in-band `error` objects,
 * and the DeepSeek-app patch protocol (`{"p":"response/status","v":"CONTENT_FILTER"}`, BATCH with a
 * TEMPLATE_RESPONSE fragment), which replaces text already shown.
 */

export function normalizeFinish(raw: string): FinishKind {
  switch (raw) {
    case 'stop':
    case 'end_turn':
    case 'normal':
      return 'stop';
    case 'length':
    case 'max_tokens':
      return 'length';
    case 'content_filter':
    case 'sensitive':
      return 'content-filter';
    case 'tool_calls':
    case 'function_call':
      return 'tool-calls';
    case 'insufficient_system_resource':
    case 'network_error':
      return 'error';
    default:
      return 'other';
  }
}

/** What a frame says; the adapter turns `finishRaw` into one `finish` event at the end of the stream. */
export interface FrameResult {
  events: StreamEvent[];
  finishRaw?: string;
  usage?: Usage;
}

type Json = Record<string, unknown>;

const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

export function readUsage(u: unknown): Usage | undefined {
  if (!isObj(u)) return undefined;
  const details = isObj(u.completion_tokens_details) ? u.completion_tokens_details : {};
  return {
    inputTokens: typeof u.prompt_tokens === 'number' ? u.prompt_tokens : undefined,
    outputTokens: typeof u.completion_tokens === 'number' ? u.completion_tokens : undefined,
    reasoningTokens: typeof details.reasoning_tokens === 'number' ? details.reasoning_tokens : undefined,
    raw: u,
  };
}

export function readFrame(frame: Json, t: number, seenMeta: boolean): FrameResult {
  const events: StreamEvent[] = [];
  const out: FrameResult = { events };
  if (!seenMeta) {
    const meta: Record<string, string> = {};
    for (const [from, to] of [
      ['model', 'model'],
      ['system_fingerprint', 'systemFingerprint'],
      ['id', 'responseId'],
    ] as const) {
      const v = frame[from];
      if (typeof v === 'string' && v) meta[to] = v;
    }
    if (Object.keys(meta).length > 0) events.push({ type: 'meta', t, data: meta });
  }
  if ('p' in frame || ('v' in frame && !('choices' in frame))) {
    readPatchOp(frame, t, events);
    return out;
  }
  if (isObj(frame.error)) {
    const body = JSON.stringify(frame);
    const moderation = moderationMatch(body);
    // The signal goes first, as for HTTP errors, so the recorder does not derive a second one.
    if (moderation)
      events.push({ type: 'signal', t, signal: { kind: 'stream_error_midstream', evidence: moderation } });
    events.push({
      type: 'error',
      t,
      error: {
        kind: moderation ? 'moderation' : 'server',
        message: str(frame.error.message) ?? 'error frame in the stream',
        providerCode: providerCode(body),
        body,
        retryable: false,
      },
    });
  }
  const choices = Array.isArray(frame.choices) ? frame.choices : [];
  const choice: unknown = choices.find((c) => isObj(c) && (c.index ?? 0) === 0);
  if (isObj(choice)) {
    const delta = isObj(choice.delta) ? choice.delta : isObj(choice.message) ? choice.message : {};
    const reasoning = str(delta.reasoning_content) ?? str(delta.reasoning);
    if (reasoning) events.push({ type: 'reasoning-delta', t, text: reasoning });
    const content = str(delta.content);
    if (content) events.push({ type: 'text-delta', t, text: content });
    const refusal = str(delta.refusal);
    if (refusal) {
      events.push({ type: 'text-delta', t, text: refusal });
      events.push({ type: 'signal', t, signal: { kind: 'refusal_stop', evidence: 'OpenAI refusal field' } });
    }
    const finish = str(choice.finish_reason);
    if (finish) out.finishRaw = finish;
    // Zhipu annotates filtered chunks with content_filter [{role, level}]; Azure with content_filter_results.
    if (Array.isArray(choice.content_filter) || Array.isArray(frame.content_filter)) {
      const cf = JSON.stringify(choice.content_filter ?? frame.content_filter);
      events.push({
        type: 'signal',
        t,
        signal: { kind: 'annotation_only', evidence: `content_filter ${cf}` },
      });
    }
    out.usage = readUsage(choice.usage) ?? out.usage; // Moonshot puts usage inside the choice
  }
  out.usage = readUsage(frame.usage) ?? out.usage;
  return out;
}

/** DeepSeek web-app patch ops (reverse-engineered [3p]; handled defensively). */
function readPatchOp(frame: Json, t: number, events: StreamEvent[]): void {
  const path = str(frame.p);
  const value = frame.v;
  if ((path === 'response/content' || path === undefined) && typeof value === 'string') {
    events.push({ type: 'text-delta', t, text: value });
  } else if (path === 'response/status' && value === 'CONTENT_FILTER') {
    events.push({
      type: 'signal',
      t,
      signal: { kind: 'content_retracted', evidence: 'response/status CONTENT_FILTER', unconfirmed: true },
    });
  } else if (path === 'response' && frame.o === 'BATCH' && Array.isArray(value)) {
    for (const op of value) {
      if (!isObj(op) || op.p !== 'fragments' || !Array.isArray(op.v)) continue;
      const template = op.v.find((f) => isObj(f) && f.type === 'TEMPLATE_RESPONSE') as Json | undefined;
      const text = template && str(template.content);
      if (text !== undefined) {
        events.push({ type: 'text-replace', t, text, reason: 'TEMPLATE_RESPONSE' });
        events.push({
          type: 'signal',
          t,
          signal: {
            kind: 'content_replaced',
            evidence: 'BATCH fragments → TEMPLATE_RESPONSE',
            unconfirmed: true,
          },
        });
      }
    }
  }
}
