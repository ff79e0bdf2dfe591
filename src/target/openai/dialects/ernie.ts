import type { ErrorKind, Signal, StreamEvent } from '../../events.ts';
import { type Dialect, type Json, firstChoice, num, str } from './dialect.ts';

/**
 * Baidu Qianfan (research/providers.md §5). ERNIE signals mostly through fields on a 200 answer:
 * v2 puts `flag` and `ban_round` on the choice; legacy v1 has its own body (`result`, `is_end`,
 * `need_clear_history`, `ban_round`, `is_truncated`) and reports errors as `error_code` on a 200.
 */

/** Emits each signal once per stream, however many frames repeat it. */
function once() {
  const seen = new Set<string>();
  return (events: StreamEvent[], t: number, signal: Signal) => {
    const key = `${signal.kind}|${signal.evidence}`;
    if (!seen.has(key)) {
      seen.add(key);
      events.push({ type: 'signal', t, signal });
    }
  };
}

/** v2 `flag` ≠ 0: safety triggered; `ban_round: -1`: the current question was the sensitive one. */
function readSafetyFlag(
  choice: Json | undefined,
  events: StreamEvent[],
  t: number,
  emit: ReturnType<typeof once>,
) {
  const flag = num(choice?.flag);
  if (!flag) return;
  const banRound = num(choice?.ban_round);
  const evidence = `flag: ${flag}${banRound !== undefined ? `, ban_round: ${banRound}` : ''}`;
  emit(events, t, { kind: 'annotation_only', evidence });
  if (banRound === -1) emit(events, t, { kind: 'prompt_blocked_soft', evidence });
}

export const ERNIE: Dialect = {
  name: 'ernie',
  session() {
    const emit = once();
    return {
      frame(frame, read, t) {
        readSafetyFlag(firstChoice(frame), read.events, t, emit);
        return read;
      },
    };
  },
};

/** v1 error codes (Baidu's error-code table); anything else is a bad request, not retried. */
function v1ErrorKind(code: number): ErrorKind {
  if ([4, 18, 336501, 336502].includes(code)) return 'rate-limit';
  if ([110, 111, 6, 14].includes(code)) return 'auth';
  if ([1, 2, 336000, 336100].includes(code)) return 'server';
  return 'bad-request';
}

function readV1Frame(
  frame: Json,
  events: StreamEvent[],
  t: number,
  emit: ReturnType<typeof once>,
): string | undefined {
  const errorCode = num(frame.error_code);
  if (errorCode !== undefined) {
    const kind = v1ErrorKind(errorCode);
    events.push({
      type: 'error',
      t,
      error: {
        kind,
        message: `ERNIE v1 error ${errorCode}: ${str(frame.error_msg) ?? 'no message'}`,
        providerCode: String(errorCode),
        body: JSON.stringify(frame),
        retryable: kind === 'rate-limit' || kind === 'server',
      },
    });
    return undefined;
  }
  const result = str(frame.result);
  if (result) events.push({ type: 'text-delta', t, text: result });
  const banRound = num(frame.ban_round);
  if (frame.need_clear_history === true) {
    const evidence = `need_clear_history: true${banRound !== undefined ? `, ban_round: ${banRound}` : ''}`;
    emit(events, t, { kind: 'content_retracted', evidence });
    if (banRound === -1 || banRound === undefined) emit(events, t, { kind: 'prompt_blocked_soft', evidence });
  }
  readSafetyFlag(frame, events, t, emit);
  // A stream ends with `is_end: true`; a whole body has no `is_end` but carries `result`.
  const ended = frame.is_end === true || (!('is_end' in frame) && 'result' in frame);
  if (!ended) return undefined;
  return str(frame.finish_reason) ?? (frame.is_truncated === true ? 'length' : 'stop');
}

/** Legacy `…/wenxinworkshop/chat/<model>`; the key is an access token sent as `?access_token=`. */
export const ERNIE_V1: Dialect = {
  name: 'ernie-v1',
  url: (config) => `${config.baseUrl.replace(/\/+$/, '')}/${encodeURIComponent(config.model)}`,
  keyInQuery: 'access_token',
  body(config, req) {
    const system = req.messages.filter((m) => m.role === 'system').map((m) => m.content);
    return {
      messages: req.messages
        .filter((m) => m.role !== 'system')
        .map((m) => ({ role: m.role, content: m.content })),
      ...(system.length > 0 ? { system: system.join('\n\n') } : {}),
      stream: config.stream,
      ...config.params,
    };
  },
  session() {
    const emit = once();
    return {
      frame(frame, read, t) {
        const events = [...read.events];
        const finishRaw = readV1Frame(frame, events, t, emit);
        return { ...read, events, finishRaw: finishRaw ?? read.finishRaw };
      },
    };
  },
};
