import type { StreamEvent } from '../events.ts';
import { exchange, keyedRequest } from '../openai/exchange.ts';
import type { SentRequest, Target, TargetConfig, TargetRequest } from '../types.ts';
import { geminiReader } from './reader.ts';

/**
 * Google Gemini API: `models/MODEL:streamGenerateContent?alt=sse` when streaming, else
 * `models/MODEL:generateContent`; the key goes in the `x-goog-api-key` header, never the URL.
 */
export class GeminiTarget implements Target {
  constructor(readonly config: TargetConfig) {}

  describe(req: TargetRequest): SentRequest {
    const c = this.config;
    const system = req.messages.filter((m) => m.role === 'system').map((m) => ({ text: m.content }));
    const body = {
      contents: req.messages
        .filter((m) => m.role !== 'system')
        .map((m) => ({ role: m.role === 'assistant' ? 'model' : 'user', parts: [{ text: m.content }] })),
      ...(system.length > 0 ? { systemInstruction: { parts: system } } : {}),
      ...c.params,
    };
    const model = encodeURIComponent(c.model.replace(/^models\//, ''));
    const method = c.stream ? 'streamGenerateContent?alt=sse' : 'generateContent';
    const headers: Record<string, string> = { 'content-type': 'application/json', ...c.headers };
    if (c.stream) headers.accept = 'text/event-stream';
    return { url: `${c.baseUrl.replace(/\/+$/, '')}/models/${model}:${method}`, headers, body };
  }

  stream(req: TargetRequest): AsyncIterable<StreamEvent> {
    const request = keyedRequest(this.config, this.describe(req), req.signal, (key) => ({
      'x-goog-api-key': key,
    }));
    return exchange(request, geminiReader);
  }
}
