import type { Signal, TargetError } from '../events.ts';

/**
 * Moderation outcomes that OpenAI-compatible providers send as HTTP errors
 * (research/providers.md §1-9, §14 `request_rejected`). They are results: never retried.
 */
const MODERATION_PATTERNS: Array<[RegExp, string]> = [
  [/Content Exists Risk/i, 'DeepSeek "Content Exists Risk"'],
  [/"code"\s*:\s*"?1301"?/, 'Zhipu 1301'],
  [
    /data_inspection_failed|DataInspectionFailed|data may contain inappropriate content/i,
    'DashScope data_inspection_failed',
  ],
  [/considered high risk|"type"\s*:\s*"content_filter"/i, 'Moonshot content_filter'],
  [
    /(Input|Output)?(Text|Image)?(SensitiveContentDetected|RiskDetection)/,
    'Volcengine Ark sensitive content',
  ],
  [/ResponsibleAIPolicyViolation|"code"\s*:\s*"content_filter"/i, 'Azure content_filter'],
  [/invalid_prompt/, 'OpenAI invalid_prompt'],
  [/content_policy_violation/i, 'content_policy_violation'],
];

export interface ClassifiedError {
  error: TargetError;
  signals: Signal[];
}

export function providerCode(body: string): string | undefined {
  try {
    const json = JSON.parse(body) as {
      error?: { code?: unknown; type?: unknown };
      code?: unknown;
      detail?: unknown;
    };
    const code = json.error?.code ?? json.code ?? json.error?.type;
    if (typeof code === 'string' || typeof code === 'number') return String(code);
    if (typeof json.detail === 'string') return json.detail;
  } catch {
    // Not JSON: the code, if any, is found by the patterns below.
  }
  return undefined;
}

export function moderationMatch(body: string): string | undefined {
  return MODERATION_PATTERNS.find(([re]) => re.test(body))?.[1];
}

export function classifyHttpError(status: number, body: string, retryAfterHeader?: string): ClassifiedError {
  const code = providerCode(body);
  const base = { status, body, providerCode: code };
  const moderation = status >= 400 && status < 500 && status !== 429 ? moderationMatch(body) : undefined;
  if (moderation) {
    return {
      error: {
        ...base,
        kind: 'moderation',
        message: `HTTP ${status}: request rejected (${moderation})`,
        retryable: false,
      },
      signals: [
        { kind: 'request_rejected', evidence: `HTTP ${status} ${moderation}${code ? ` code=${code}` : ''}` },
      ],
    };
  }
  if (status === 403 && /access_terminated/.test(body)) {
    return {
      error: { ...base, kind: 'auth', message: `HTTP 403: account access terminated`, retryable: false },
      signals: [{ kind: 'account_sanction', evidence: 'HTTP 403 access_terminated_error' }],
    };
  }
  if (status === 429) {
    const retryAfter = parseRetryAfter(retryAfterHeader);
    return {
      error: { ...base, kind: 'rate-limit', message: 'HTTP 429: rate limited', retryable: true, retryAfter },
      signals: [],
    };
  }
  if (status >= 500) {
    return {
      error: { ...base, kind: 'server', message: `HTTP ${status}: server error`, retryable: true },
      signals: [],
    };
  }
  if (status === 401 || status === 403) {
    return {
      error: {
        ...base,
        kind: 'auth',
        message: `HTTP ${status}: not authorised (check the API key variable)`,
        retryable: false,
      },
      signals: [],
    };
  }
  return {
    error: { ...base, kind: 'bad-request', message: `HTTP ${status}: request refused`, retryable: false },
    signals: [],
  };
}

/** Seconds to wait, from a Retry-After header holding seconds or an HTTP date. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, (date - now) / 1000);
}
