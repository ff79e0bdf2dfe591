import type { TargetConfig, TargetRequest } from '../../types.ts';
import type { ClassifiedError } from '../errors.ts';
import type { FrameResult } from '../frames.ts';

/**
 * A provider dialect of the OpenAI Chat Completions protocol: what one provider adds to the
 * common frame shape (research/providers.md §5-9). The adapter reads every frame generically,
 * then hands the result to the dialect's per-stream session, which may add or rewrite events.
 */
export interface DialectSession {
  /** Called for every parsed frame (streamed chunk or whole body) after the generic reader. */
  frame(frame: Record<string, unknown>, read: FrameResult, t: number): FrameResult;
  /** Called once when the exchange ends cleanly: events held back until then. */
  end?(read: FrameResult, t: number): FrameResult;
}

export interface Dialect {
  name: string;
  /** Endpoint URL, when it is not `${baseUrl}/chat/completions`. */
  url?(config: TargetConfig): string;
  /** Auth headers, when not `Authorization: Bearer KEY`. */
  auth?(key: string): Record<string, string>;
  /** Query parameter that carries the key instead of a header (redacted from all records). */
  keyInQuery?: string;
  /** Request body, when not the OpenAI shape. */
  body?(config: TargetConfig, req: TargetRequest): Record<string, unknown>;
  session(): DialectSession;
  /** Refines the generic reading of an HTTP error body. */
  classify?(status: number, body: string, generic: ClassifiedError): ClassifiedError;
}

export type Json = Record<string, unknown>;
export const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
export const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
export const num = (v: unknown): number | undefined =>
  typeof v === 'number' && Number.isFinite(v) ? v : undefined;

/** The first choice of a frame (index 0 or no index), if any. */
export function firstChoice(frame: Json): Json | undefined {
  const choices = Array.isArray(frame.choices) ? frame.choices : [];
  const choice: unknown = choices.find((c) => isObj(c) && (c.index ?? 0) === 0);
  return isObj(choice) ? choice : undefined;
}

/** The plain dialect: nothing beyond the generic frame reader. */
export const PLAIN: Dialect = {
  name: 'openai',
  session: () => ({ frame: (_frame, read) => read }),
};
