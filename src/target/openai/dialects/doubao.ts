import type { Signal, StreamEvent } from '../../events.ts';
import { parseObject } from '../exchange.ts';
import { type Dialect, type Json, firstChoice, isObj, str } from './dialect.ts';

/**
 * ByteDance Volcengine Ark / Doubao (research/providers.md §7): moderation error codes
 * (`InputTextSensitiveContentDetected`, `SensitiveContentDetected.*`, `*RiskDetection` whose message
 * embeds `Label:…;SubLabel:…`), and `moderation_hit_type` on choices. How `OutputText*` errors
 * arrive once a stream has started is unverified, so those signals are marked unconfirmed.
 */

const ARK_MODERATION =
  /^(?:(?:Input|Output)(?:Text|Image)?SensitiveContentDetected|SensitiveContentDetected(?:\..+)?|(?:Input|Output)(?:Text|Image)RiskDetection|.+\.PolicyViolation)$/;

/** `Label:politics;SubLabel:leaders` from a risk-detection message, as evidence. */
export function riskLabels(message: string): string | undefined {
  const label = /(?<![A-Za-z])Label\s*:\s*([^;,\s"]+)/.exec(message)?.[1];
  const subLabel = /SubLabel\s*:\s*([^;,\s"]+)/.exec(message)?.[1];
  if (!label && !subLabel) return undefined;
  return [label && `Label:${label}`, subLabel && `SubLabel:${subLabel}`].filter(Boolean).join(';');
}

/** The Ark error object of a body or frame, when its code is a moderation code. */
function arkModeration(
  json: Json | undefined,
): { code: string; evidence: string; unconfirmed: boolean } | undefined {
  const error = json && isObj(json.error) ? json.error : undefined;
  const code = str(error?.code);
  if (!code || !ARK_MODERATION.test(code)) return undefined;
  const labels = riskLabels(str(error?.message) ?? '');
  return {
    code,
    evidence: `Ark error.code=${code}${labels ? ` ${labels}` : ''}`,
    unconfirmed: code.startsWith('Output'),
  };
}

export const DOUBAO: Dialect = {
  name: 'doubao',
  classify(status, body, generic) {
    const hit = arkModeration(parseObject(body));
    if (!hit || status === 429 || status >= 500) return generic;
    const signal: Signal = {
      kind: 'request_rejected',
      evidence: `HTTP ${status} ${hit.evidence}`,
      ...(hit.unconfirmed ? { unconfirmed: true } : {}),
    };
    return {
      error: {
        ...generic.error,
        kind: 'moderation',
        providerCode: hit.code,
        retryable: false,
        message: `HTTP ${status}: request rejected (${hit.code})`,
      },
      signals: [signal],
    };
  },
  session() {
    const seen = new Set<string>();
    return {
      frame(frame, read, t) {
        const events: StreamEvent[] = [];
        const hit = arkModeration(frame);
        for (const e of read.events) {
          // An in-band Ark error: sharpen the generic signal with the code and the risk label.
          if (hit && e.type === 'signal' && e.signal.kind === 'stream_error_midstream') {
            events.push({
              ...e,
              signal: {
                kind: e.signal.kind,
                evidence: hit.evidence,
                ...(hit.unconfirmed ? { unconfirmed: true } : {}),
              },
            });
          } else if (hit && e.type === 'error') {
            events.push({ ...e, error: { ...e.error, kind: 'moderation', providerCode: hit.code } });
          } else events.push(e);
        }
        const choice = firstChoice(frame);
        const hitType = str(choice?.moderation_hit_type);
        if (hitType && !seen.has(hitType)) {
          seen.add(hitType);
          const finish = str(choice?.finish_reason);
          const evidence = `moderation_hit_type: ${JSON.stringify(hitType)}${finish ? ` with finish_reason ${JSON.stringify(finish)}` : ''}`;
          events.push({ type: 'signal', t, signal: { kind: 'annotation_only', evidence } });
        }
        return { ...read, events };
      },
    };
  },
};
