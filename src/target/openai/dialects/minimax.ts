import type { ErrorKind, Signal, StreamEvent } from '../../events.ts';
import type { ClassifiedError } from '../errors.ts';
import { parseObject } from '../exchange.ts';
import { type Dialect, type Json, firstChoice, isObj, num, str } from './dialect.ts';
import { ThinkSplitter } from './think-splitter.ts';

/**
 * MiniMax (research/providers.md §6): `input_sensitive` / `output_sensitive` flags (+ `*_type`)
 * on bodies and chunks, business errors in `base_resp.status_code` (1026 input sensitive, 1027
 * output sensitive; the HTTP status that comes with them is unverified), streams that close
 * without `[DONE]`, and M2 reasoning inline as `<think>…</think>` in `content`.
 */

const MODERATION_CODES: Record<number, string> = { 1026: 'input sensitive', 1027: 'output sensitive' };

function baseRespKind(code: number): ErrorKind {
  if (code in MODERATION_CODES) return 'moderation';
  if (code === 1002) return 'rate-limit';
  if (code === 1004) return 'auth';
  if (code === 1001) return 'timeout';
  if (code === 1000 || code === 1024 || code === 1033) return 'server';
  return 'bad-request';
}

/** `base_resp` with a non-zero status: the error, and its signal when it is moderation. */
function readBaseResp(
  frame: Json,
  status: number | undefined,
  sawText: boolean,
): ClassifiedError | undefined {
  const base = isObj(frame.base_resp) ? frame.base_resp : undefined;
  const code = num(base?.status_code);
  if (!code) return undefined;
  const kind = baseRespKind(code);
  const message = `MiniMax base_resp ${code}: ${str(base?.status_msg) ?? MODERATION_CODES[code] ?? 'error'}`;
  const signals: Signal[] =
    kind === 'moderation'
      ? [
          {
            kind: sawText ? 'stream_error_midstream' : 'request_rejected',
            evidence: `base_resp.status_code ${code} (${MODERATION_CODES[code]})${status ? ` with HTTP ${status}` : ''}`,
            unconfirmed: true,
          },
        ]
      : [];
  return {
    error: {
      kind,
      message,
      ...(status ? { status } : {}),
      providerCode: String(code),
      body: JSON.stringify(frame),
      retryable: kind === 'rate-limit' || kind === 'server' || kind === 'timeout',
    },
    signals,
  };
}

/** The sensitivity flags of a frame: top level (native API) or on the choice. */
function flagSignals(frame: Json): Signal[] {
  const choice = firstChoice(frame) ?? {};
  const field = (name: string): unknown => frame[name] ?? choice[name];
  const signals: Signal[] = [];
  const typeOf = (side: string) => num(field(`${side}_sensitive_type`));
  if (field('input_sensitive') === true) {
    signals.push({
      kind: 'prompt_blocked_soft',
      evidence: `input_sensitive: true (type ${typeOf('input') ?? '?'})`,
    });
  }
  if (field('output_sensitive') === true) {
    // The flag alone does not say whether the text was altered (§6): recorded, not concluded.
    signals.push({
      kind: 'content_replaced',
      evidence: `output_sensitive: true (type ${typeOf('output') ?? '?'})`,
      unconfirmed: true,
    });
  }
  const annotated = ['input', 'output'].filter((side) => field(`${side}_sensitive`) === true || typeOf(side));
  if (annotated.length > 0) {
    const parts = annotated.map((side) => `${side}_sensitive_type=${typeOf(side) ?? 'none'}`);
    signals.push({ kind: 'annotation_only', evidence: parts.join(', ') });
  }
  return signals;
}

export const MINIMAX: Dialect = {
  name: 'minimax',
  classify(status, body, generic) {
    const json = parseObject(body);
    return (json && readBaseResp(json, status, false)) ?? generic;
  },
  session() {
    const splitter = new ThinkSplitter();
    const seen = new Set<string>();
    let sawText = false;
    const split = (text: string, t: number): StreamEvent[] =>
      splitter.push(text).map((p) => {
        sawText = true; // reasoning shown counts as output too
        return { type: p.kind === 'text' ? 'text-delta' : 'reasoning-delta', t, text: p.text };
      });
    const flush = (t: number): StreamEvent[] =>
      splitter
        .flush()
        .map((p) => ({ type: p.kind === 'text' ? 'text-delta' : 'reasoning-delta', t, text: p.text }));
    return {
      frame(frame, read, t) {
        const events: StreamEvent[] = [];
        for (const e of read.events) {
          if (e.type === 'text-delta') events.push(...split(e.text, t));
          else events.push(e);
        }
        const delta = firstChoice(frame)?.delta ?? firstChoice(frame)?.message;
        const details = isObj(delta) && Array.isArray(delta.reasoning_details) ? delta.reasoning_details : [];
        for (const d of details) {
          const text = isObj(d) ? str(d.text) : undefined;
          if (text) events.push({ type: 'reasoning-delta', t, text });
        }
        for (const signal of flagSignals(frame)) {
          const key = `${signal.kind}|${signal.evidence}`;
          if (seen.has(key)) continue;
          seen.add(key);
          events.push({ type: 'signal', t, signal });
        }
        const failed = readBaseResp(frame, undefined, sawText || splitter.holding);
        if (failed) {
          events.push(...flush(t)); // the answer is over: what was held back is what the user saw
          for (const signal of failed.signals) events.push({ type: 'signal', t, signal });
          events.push({ type: 'error', t, error: failed.error });
        }
        return { ...read, events };
      },
      end: (read, t) => ({ ...read, events: flush(t) }),
    };
  },
};
