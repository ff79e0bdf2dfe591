import type { StreamEvent } from '../events.ts';
import { exchange, keyedRequest } from '../openai/exchange.ts';
import type { SentRequest, Target, TargetConfig, TargetRequest } from '../types.ts';
import { anthropicReader } from './reader.ts';

export const ANTHROPIC_VERSION = '2023-06-01';
/** The Messages API requires max_tokens; the preset sets it, this covers configs that drop it. */
const DEFAULT_MAX_TOKENS = 4096;

/** Anthropic Messages API (`POST /v1/messages`), streamed as SSE or read whole. */
export class AnthropicTarget implements Target {
  constructor(readonly config: TargetConfig) {}

  describe(req: TargetRequest): SentRequest {
    const c = this.config;
    const system = req.messages.filter((m) => m.role === 'system').map((m) => m.content);
    const body = {
      model: c.model,
      max_tokens: DEFAULT_MAX_TOKENS,
      ...(system.length > 0 ? { system: system.join('\n\n') } : {}),
      messages: req.messages
        .filter((m) => m.role !== 'system')
        .map((m) => ({ role: m.role, content: m.content })),
      stream: c.stream,
      ...c.params,
    };
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'anthropic-version': ANTHROPIC_VERSION,
      ...c.headers,
    };
    if (c.stream) headers.accept = 'text/event-stream';
    return { url: `${c.baseUrl.replace(/\/+$/, '')}/messages`, headers, body };
  }

  stream(req: TargetRequest): AsyncIterable<StreamEvent> {
    const request = keyedRequest(this.config, this.describe(req), req.signal, (key) => ({
      'x-api-key': key,
    }));
    return exchange(request, anthropicReader);
  }
}
