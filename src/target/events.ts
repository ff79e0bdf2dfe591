/**
 * The one stream-event union every target adapter emits (DESIGN.md, "Stream events").
 * Every event carries `t`: milliseconds since the request was sent. The recorder stores
 * them all; final text, reasoning and signals are derived from them, never the only copy.
 */

/** Normalised finish reasons; the provider's own value is always kept beside it as `raw`. */
export type FinishKind = 'stop' | 'length' | 'content-filter' | 'refusal' | 'tool-calls' | 'error' | 'other';

export interface FinishReason {
  normalized: FinishKind;
  raw: string | null;
}

export interface Usage {
  inputTokens?: number;
  outputTokens?: number;
  reasoningTokens?: number;
  /** The provider's usage object exactly as sent. */
  raw?: unknown;
}

export type ErrorKind =
  | 'moderation' // the provider rejected the request or output for content: a result, never retried
  | 'rate-limit'
  | 'server'
  | 'network'
  | 'timeout'
  | 'auth'
  | 'bad-request'
  | 'protocol' // the wire did not follow the protocol (malformed frame, unexpected shape)
  | 'aborted';

/** Errors are typed data, never a bare string (research/aesthetics.md, lesson 7). */
export interface TargetError {
  kind: ErrorKind;
  message: string;
  status?: number;
  /** The provider's own error code, e.g. "1301", "data_inspection_failed", "content_filter". */
  providerCode?: string;
  /** The error body exactly as received (never contains our API key). */
  body?: string;
  retryable: boolean;
  /** Seconds from a Retry-After header, when the server sent one. */
  retryAfter?: number;
}

/** Censorship facts read off the wire (research/providers.md §14). */
export type SignalKind =
  | 'request_rejected'
  | 'prompt_blocked_soft'
  | 'finish_filtered'
  | 'stream_error_midstream'
  | 'refusal_stop'
  | 'content_replaced'
  | 'content_retracted'
  | 'stream_cut'
  | 'stream_stall'
  | 'annotation_only'
  | 'reasoning_present'
  | 'reasoning_redacted'
  | 'model_substituted'
  | 'account_sanction';

export interface Signal {
  kind: SignalKind;
  /** What on the wire shows it, e.g. `finish_reason: "sensitive"` or `HTTP 400 error.code=1301`. */
  evidence: string;
  /** Set when providers.md marks the behaviour as unconfirmed: handled defensively. */
  unconfirmed?: boolean;
}

export type StreamEvent =
  | { type: 'start'; t: number; status: number; headers: Record<string, string> }
  /** Every SSE event (comments included) or body chunk exactly as received. */
  | { type: 'raw'; t: number; kind: 'sse' | 'comment' | 'body'; data: string; event?: string; id?: string }
  /** Identity of the serving side read from the body: served model id, system_fingerprint, response id. */
  | { type: 'meta'; t: number; data: Record<string, string> }
  | { type: 'text-delta'; t: number; text: string }
  | { type: 'reasoning-delta'; t: number; text: string }
  /** The server replaced everything shown so far with `text` (a retraction or a canned template). */
  | { type: 'text-replace'; t: number; text: string; reason: string }
  /** A provider-specific censorship fact the adapter recognised; generic ones the recorder derives. */
  | { type: 'signal'; t: number; signal: Signal }
  | { type: 'finish'; t: number; reason: FinishReason; usage?: Usage }
  | { type: 'error'; t: number; error: TargetError };

export type StreamEventType = StreamEvent['type'];
