import type { ErrorKind, FinishKind, StreamEvent, TargetError, Usage } from '../events.ts';
import { type Json, isObj, num, str } from '../openai/dialects/dialect.ts';
import { classifyHttpError } from '../openai/errors.ts';
import { failureEvents, parseObject, protocolError, type WireReader } from '../openai/exchange.ts';

/**
 * Reads the Anthropic Messages protocol (research/providers.md §10): `message_start`,
 * `content_block_start/delta/stop` (text, thinking, redacted_thinking), `message_delta` with
 * `stop_reason` (`refusal` + `stop_details` keeps the partial text), `message_stop`, `event: error`.
 * A stream without `message_stop` gets no finish, so the recorder sees it as cut.
 */

export function normalizeStopReason(raw: string): FinishKind {
  switch (raw) {
    case 'end_turn':
    case 'stop_sequence':
      return 'stop';
    case 'max_tokens':
    case 'model_context_window_exceeded':
      return 'length';
    case 'refusal':
      return 'refusal';
    case 'tool_use':
      return 'tool-calls';
    default:
      return 'other';
  }
}

const ERROR_KINDS: Record<string, ErrorKind> = {
  overloaded_error: 'server',
  api_error: 'server',
  rate_limit_error: 'rate-limit',
  authentication_error: 'auth',
  permission_error: 'auth',
  invalid_request_error: 'bad-request',
  request_too_large: 'bad-request',
  not_found_error: 'bad-request',
};

export function anthropicReader(): WireReader {
  let stopReason: string | undefined;
  let stopDetails: unknown;
  let stopped = false;
  let sawOutput = false;
  const usage: Usage = {};
  const rawUsage: Json = {};

  const readUsage = (u: unknown) => {
    if (!isObj(u)) return;
    Object.assign(rawUsage, u);
    usage.inputTokens = num(u.input_tokens) ?? usage.inputTokens;
    usage.outputTokens = num(u.output_tokens) ?? usage.outputTokens;
  };

  /** One content block, whole (non-stream body) or as it starts (stream). */
  const readBlock = (block: Json, t: number, events: StreamEvent[]) => {
    const type = str(block.type);
    if (type === 'text' && str(block.text))
      events.push({ type: 'text-delta', t, text: block.text as string });
    else if (type === 'thinking' && str(block.thinking)) {
      events.push({ type: 'reasoning-delta', t, text: block.thinking as string });
    } else if (type === 'redacted_thinking') {
      const size = str(block.data)?.length ?? 0;
      events.push({
        type: 'signal',
        t,
        signal: {
          kind: 'reasoning_redacted',
          evidence: `redacted_thinking block (${size} characters of encrypted data)`,
        },
      });
    } else if (type === 'fallback') {
      // Beta refusal fallback: what follows may come from another model (§10).
      const model = str(block.model);
      events.push({
        type: 'signal',
        t,
        signal: {
          kind: 'model_substituted',
          evidence: `fallback content block${model ? ` to ${model}` : ''}`,
          unconfirmed: true,
        },
      });
    }
    if (type === 'text' || type === 'thinking') sawOutput = true;
  };

  const readStop = (reason: unknown, details: unknown, t: number, events: StreamEvent[]) => {
    if (!str(reason)) return;
    stopReason = reason as string;
    stopDetails = details ?? stopDetails;
    if (stopReason === 'refusal') {
      const category = isObj(stopDetails) ? stopDetails.category : undefined;
      const evidence = `stop_reason: "refusal"${category !== undefined ? `, stop_details.category: ${JSON.stringify(category)}` : ''}`;
      events.push({ type: 'signal', t, signal: { kind: 'refusal_stop', evidence } });
    }
  };

  const meta = (message: Json, t: number): StreamEvent[] => {
    const data: Record<string, string> = {};
    if (str(message.model)) data.model = message.model as string;
    if (str(message.id)) data.responseId = message.id as string;
    return Object.keys(data).length > 0 ? [{ type: 'meta', t, data }] : [];
  };

  const finish = (t: number): StreamEvent[] =>
    stopReason
      ? [
          {
            type: 'finish',
            t,
            reason: { normalized: normalizeStopReason(stopReason), raw: stopReason },
            usage: { ...usage, raw: rawUsage },
          },
        ]
      : [];

  const streamError = (json: Json, t: number): StreamEvent[] => {
    const error = isObj(json.error) ? json.error : {};
    const type = str(error.type) ?? 'error';
    const kind = ERROR_KINDS[type] ?? 'server';
    const typed: TargetError = {
      kind,
      message: `stream error ${type}: ${str(error.message) ?? ''}`.trim(),
      providerCode: type,
      body: JSON.stringify(json),
      retryable: kind === 'server' || kind === 'rate-limit',
    };
    const events: StreamEvent[] = [];
    if (sawOutput)
      events.push({
        type: 'signal',
        t,
        signal: { kind: 'stream_error_midstream', evidence: `SSE event: error (${type}) after output` },
      });
    events.push({ type: 'error', t, error: typed });
    return events;
  };

  return {
    start: (_status, headers, t) =>
      headers['request-id'] ? [{ type: 'meta', t, data: { requestId: headers['request-id'] } }] : [],
    event({ data, event }, t) {
      const json = parseObject(data);
      if (!json) return [protocolError(t, 'malformed SSE frame (kept raw)')];
      const events: StreamEvent[] = [];
      switch (str(json.type) ?? event) {
        case 'message_start':
          if (isObj(json.message)) {
            events.push(...meta(json.message, t));
            readUsage(json.message.usage);
          }
          break;
        case 'content_block_start':
          if (isObj(json.content_block)) readBlock(json.content_block, t, events);
          break;
        case 'content_block_delta': {
          const delta = isObj(json.delta) ? json.delta : {};
          if (delta.type === 'text_delta' && str(delta.text))
            events.push({ type: 'text-delta', t, text: delta.text as string });
          if (delta.type === 'thinking_delta' && str(delta.thinking)) {
            events.push({ type: 'reasoning-delta', t, text: delta.thinking as string });
          }
          if (delta.type === 'text_delta' || delta.type === 'thinking_delta') sawOutput = true;
          break;
        }
        case 'message_delta': {
          const delta = isObj(json.delta) ? json.delta : {};
          readStop(delta.stop_reason, delta.stop_details, t, events);
          readUsage(json.usage);
          break;
        }
        case 'message_stop':
          stopped = true;
          break;
        case 'error':
          events.push(...streamError(json, t));
          break;
      }
      return events;
    },
    body(status, body, headers, t) {
      if (status !== 200) return failureEvents(t, classifyHttpError(status, body, headers['retry-after']));
      const json = parseObject(body);
      if (!json) return [protocolError(t, 'response body is not JSON', body)];
      if (json.type === 'error') return streamError(json, t);
      const events = meta(json, t);
      for (const block of Array.isArray(json.content) ? json.content : [])
        if (isObj(block)) readBlock(block, t, events);
      readStop(json.stop_reason, json.stop_details, t, events);
      readUsage(json.usage);
      return [...events, ...finish(t)];
    },
    end: (t) => (stopped ? finish(t) : []),
  };
}
