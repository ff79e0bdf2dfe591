import type { StreamEvent } from '../events.ts';
import { exchange, keyedRequest } from '../openai/exchange.ts';
import type { SentRequest, Target, TargetConfig, TargetRequest } from '../types.ts';
import { dashscopeReader } from './reader.ts';

/**
 * Alibaba DashScope native text generation (`POST /services/aigc/text-generation/generation`).
 * Streaming needs `X-DashScope-SSE: enable`; output is incremental so each frame is a delta.
 * The target's params go into `parameters` (temperature, enable_thinking, ...), where DashScope reads them.
 */
export class DashScopeTarget implements Target {
  constructor(readonly config: TargetConfig) {}

  describe(req: TargetRequest): SentRequest {
    const c = this.config;
    const body = {
      model: c.model,
      input: { messages: req.messages.map((m) => ({ role: m.role, content: m.content })) },
      parameters: {
        result_format: 'message',
        ...(c.stream ? { incremental_output: true } : {}),
        ...c.params,
      },
    };
    const headers: Record<string, string> = { 'content-type': 'application/json', ...c.headers };
    if (c.stream) {
      headers.accept = 'text/event-stream';
      headers['x-dashscope-sse'] = 'enable';
    }
    return {
      url: `${c.baseUrl.replace(/\/+$/, '')}/services/aigc/text-generation/generation`,
      headers,
      body,
    };
  }

  stream(req: TargetRequest): AsyncIterable<StreamEvent> {
    const request = keyedRequest(this.config, this.describe(req), req.signal, (key) => ({
      authorization: `Bearer ${key}`,
    }));
    return exchange(request, dashscopeReader);
  }
}
