import type { ErrorKind, StreamEvent, Usage } from '../events.ts';
import { type Json, isObj, num, str } from '../openai/dialects/dialect.ts';
import { classifyHttpError, moderationMatch } from '../openai/errors.ts';
import { failureEvents, parseObject, protocolError, type WireReader } from '../openai/exchange.ts';
import { normalizeFinish } from '../openai/frames.ts';

/**
 * Reads DashScope's native SSE (research/providers.md §4): `id:N` / `event:result` /
 * `:HTTP_STATUS/200` / `data:{"output":{"choices":[…]}}`. Errors come in-band as `event:error`
 * with `:HTTP_STATUS/4xx` while the HTTP status stays 200, possibly after partial text.
 * `finish_reason` is the string "null" until the last frame.
 */

const IN_BAND_STATUS = /^\s*HTTP_STATUS\/(\d{3})/;

function errorKind(code: string, status: number | undefined, moderation: boolean): ErrorKind {
  if (moderation) return 'moderation';
  if (/^Throttling/i.test(code) || status === 429) return 'rate-limit';
  if (/InvalidApiKey|AccessDenied|Unauthorized/i.test(code) || status === 401 || status === 403)
    return 'auth';
  if (/InternalError|ServiceUnavailable|Timeout/i.test(code) || (status !== undefined && status >= 500))
    return 'server';
  return 'bad-request';
}

export function dashscopeReader(): WireReader {
  let inBandStatus: number | undefined;
  let finishRaw: string | undefined;
  let usage: Usage | undefined;
  let sawOutput = false;
  let seenMeta = false;

  const readResult = (json: Json, t: number): StreamEvent[] => {
    const events: StreamEvent[] = [];
    if (!seenMeta && str(json.request_id)) {
      events.push({ type: 'meta', t, data: { responseId: json.request_id as string } });
      seenMeta = true;
    }
    const output = isObj(json.output) ? json.output : {};
    const choices = Array.isArray(output.choices) ? output.choices.filter(isObj) : [];
    const choice = choices[0];
    const message = isObj(choice?.message) ? choice.message : {};
    const reasoning = str(message.reasoning_content);
    if (reasoning) events.push({ type: 'reasoning-delta', t, text: reasoning });
    // result_format "message" puts text in choices; the older "text" format in output.text.
    const text = str(message.content) ?? str(output.text);
    if (text) events.push({ type: 'text-delta', t, text });
    if (reasoning || text) sawOutput = true;
    const finish = str(choice?.finish_reason) ?? str(output.finish_reason);
    if (finish && finish !== 'null') finishRaw = finish;
    const u = json.usage;
    if (isObj(u)) {
      const details = isObj(u.output_tokens_details) ? u.output_tokens_details : {};
      usage = {
        inputTokens: num(u.input_tokens),
        outputTokens: num(u.output_tokens),
        reasoningTokens: num(details.reasoning_tokens),
        raw: u,
      };
    }
    return events;
  };

  /** An in-band `event:error` frame (or an error body): moderation is a result, before or after text. */
  const readError = (json: Json, t: number, status: number | undefined): StreamEvent[] => {
    const code = str(json.code) ?? 'error';
    const body = JSON.stringify(json);
    const moderation = moderationMatch(body);
    const kind = errorKind(code, status, Boolean(moderation));
    const events: StreamEvent[] = [];
    if (moderation) {
      const evidence = `event:error${status ? ` :HTTP_STATUS/${status}` : ''} code=${code}`;
      events.push({
        type: 'signal',
        t,
        signal: { kind: sawOutput ? 'stream_error_midstream' : 'request_rejected', evidence },
      });
    }
    events.push({
      type: 'error',
      t,
      error: {
        kind,
        message: `DashScope ${code}: ${str(json.message) ?? ''}`.trim(),
        ...(status ? { status } : {}),
        providerCode: code,
        body,
        retryable: kind === 'rate-limit' || kind === 'server',
      },
    });
    return events;
  };

  const finish = (t: number): StreamEvent[] =>
    finishRaw
      ? [{ type: 'finish', t, reason: { normalized: normalizeFinish(finishRaw), raw: finishRaw }, usage }]
      : [];

  return {
    comment(text) {
      const status = IN_BAND_STATUS.exec(text)?.[1];
      if (status) inBandStatus = Number(status);
      return [];
    },
    event({ data, event }, t) {
      const status = inBandStatus;
      inBandStatus = undefined; // each frame carries its own status line
      const json = parseObject(data);
      if (!json) return [protocolError(t, 'malformed SSE frame (kept raw)')];
      const failed =
        event === 'error' ||
        (status !== undefined && status !== 200) ||
        (str(json.code) && !isObj(json.output));
      return failed ? readError(json, t, status) : readResult(json, t);
    },
    body(status, body, headers, t) {
      if (status !== 200) return failureEvents(t, classifyHttpError(status, body, headers['retry-after']));
      const json = parseObject(body);
      if (!json) return [protocolError(t, 'response body is not JSON', body)];
      if (str(json.code) && !isObj(json.output)) return readError(json, t, undefined);
      return [...readResult(json, t), ...finish(t)];
    },
    end: finish,
  };
}
