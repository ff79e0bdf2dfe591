import type { StreamEvent } from './events.ts';

/** The provider contract: types only; adapters implement it (research/aesthetics.md, lesson 1). */

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
  /** Reasoning of an earlier assistant turn, passed back to models that require it (DeepSeek, Kimi). */
  reasoning?: string;
}

export interface TargetRequest {
  messages: ChatMessage[];
  /** Sample index of the job; adapters may send it as a seed where the API takes one. */
  sample: number;
  signal?: AbortSignal;
}

/** How to reach one model endpoint. Never holds a key: only the name of the variable to read it from. */
export interface TargetConfig {
  /** Stable id used in reports and job keys, e.g. "deepseek:deepseek-chat". */
  id: string;
  preset: string;
  /** Wire protocol family: which adapter speaks to it. */
  protocol: string;
  model: string;
  baseUrl: string;
  /** Environment variable holding the API key, if the endpoint needs one. */
  keyEnv?: string;
  stream: boolean;
  /** Extra body fields sent as-is (temperature, max_tokens, provider-specific options). */
  params: Record<string, unknown>;
  /** Extra request headers (never the key). */
  headers: Record<string, string>;
  concurrency: number;
  /** Requests per second; 0 means unlimited. */
  rps: number;
  connectTimeoutMs: number;
  idleTimeoutMs: number;
  maxRetries: number;
}

/** The request actually sent, as stored: URL, headers without secrets, body. */
export interface SentRequest {
  url: string;
  headers: Record<string, string>;
  body: unknown;
}

export interface Target {
  readonly config: TargetConfig;
  /** The request that `stream` would send, with secrets removed. */
  describe(req: TargetRequest): SentRequest;
  /**
   * Sends the request and yields events until the exchange ends. Never throws for
   * HTTP or protocol failures: they arrive as `error` events, so the recorder keeps them.
   */
  stream(req: TargetRequest): AsyncIterable<StreamEvent>;
}
