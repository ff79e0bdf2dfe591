/** The simulator's wire output for one planned response: SSE frames or one JSON body. */
import type { SimPlan } from './behaviour.ts';
import type { ParsedRequest } from './request.ts';

const TOKENS_PER_CHUNK = 3;

/** Splits text into token-like pieces whose concatenation is the text: Han characters, words. */
function tokenize(text: string): string[] {
  return (
    text.match(
      /[\u3000-\u303F\u3400-\u9FFF\uFF00-\uFFEF]|[^\s\u3000-\u303F\u3400-\u9FFF\uFF00-\uFFEF]+\s*|\s+/g,
    ) ?? []
  );
}

function chunkText(text: string): string[] {
  const tokens = tokenize(text);
  const chunks: string[] = [];
  for (let i = 0; i < tokens.length; i += TOKENS_PER_CHUNK)
    chunks.push(tokens.slice(i, i + TOKENS_PER_CHUNK).join(''));
  return chunks;
}

/** What goes on the wire for one planned response, once max_tokens has been applied. */
export interface Output {
  reasoning: string;
  content: string;
  finish: string;
  usage: Record<string, unknown>;
}

export function buildOutput(plan: SimPlan, req: ParsedRequest): Output {
  let reasoning = plan.reasoning;
  let content = plan.content;
  let finish = 'stop';
  if (plan.kind === 'moderation-cut' || plan.kind === 'stream-cut')
    content = content.slice(0, plan.shownChars);
  if (plan.kind === 'moderation-cut') finish = 'sensitive';
  if (plan.kind === 'retraction') finish = 'content_filter';
  if (req.maxTokens !== null && (finish === 'stop' || finish === 'content_filter')) {
    const reasoningTokens = tokenize(reasoning);
    const contentTokens = tokenize(content);
    if (reasoningTokens.length + contentTokens.length > req.maxTokens) {
      reasoning = reasoningTokens.slice(0, req.maxTokens).join('');
      content = contentTokens.slice(0, Math.max(0, req.maxTokens - reasoningTokens.length)).join('');
      finish = 'length';
    }
  }
  const promptTokens = req.messages.reduce((n, m) => n + 4 + tokenize(m.content).length, 0);
  const reasoningTokens = tokenize(reasoning).length;
  const completionTokens = reasoningTokens + tokenize(content).length;
  const usage: Record<string, unknown> = {
    prompt_tokens: promptTokens,
    completion_tokens: completionTokens,
    total_tokens: promptTokens + completionTokens,
  };
  if (plan.reasoning) usage.completion_tokens_details = { reasoning_tokens: reasoningTokens };
  return { reasoning, content, finish, usage };
}

export interface Envelope {
  id: string;
  created: number;
  model: string;
  system_fingerprint: string;
}

export function streamFrames(plan: SimPlan, out: Output, env: Envelope): { frames: string[]; cut: boolean } {
  const chunk = (
    delta: Record<string, unknown>,
    finish: string | null,
    extra: Record<string, unknown> = {},
  ): string =>
    `data: ${JSON.stringify({
      id: env.id,
      object: 'chat.completion.chunk',
      created: env.created,
      model: env.model,
      system_fingerprint: env.system_fingerprint,
      choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
      ...extra,
    })}\n\n`;
  const frames = [': keep-alive\n\n'];
  const reasons = plan.reasoning.length > 0;
  frames.push(
    chunk(
      reasons
        ? { role: 'assistant', content: null, reasoning_content: '' }
        : { role: 'assistant', content: '' },
      null,
    ),
  );
  for (const piece of chunkText(out.reasoning))
    frames.push(chunk({ content: null, reasoning_content: piece }, null));
  for (const piece of chunkText(out.content)) frames.push(chunk({ content: piece }, null));
  if (plan.kind === 'stream-cut') return { frames, cut: true };
  if (plan.kind === 'retraction' && out.finish === 'content_filter') {
    const fragments = [{ type: 'TEMPLATE_RESPONSE', content: plan.template }];
    frames.push(`data: ${JSON.stringify({ p: 'response/status', v: 'CONTENT_FILTER' })}\n\n`);
    frames.push(
      `data: ${JSON.stringify({
        p: 'response',
        o: 'BATCH',
        v: [
          { p: 'fragments', v: fragments },
          { p: 'status', v: 'CONTENT_FILTER' },
        ],
      })}\n\n`,
    );
  }
  if (plan.kind === 'moderation-cut') {
    // Zhipu style: an empty delta carries the verdict, with the filter's role and level beside it.
    frames.push(
      chunk({ role: 'assistant', content: '' }, 'sensitive', {
        content_filter: [{ role: 'assistant', level: 1 }],
        usage: out.usage,
      }),
    );
  } else {
    frames.push(chunk({}, out.finish, { usage: out.usage }));
  }
  frames.push('data: [DONE]\n\n');
  return { frames, cut: false };
}

export function completionBody(plan: SimPlan, out: Output, env: Envelope): string {
  const message: Record<string, unknown> = { role: 'assistant', content: out.content };
  if (plan.kind === 'retraction' && out.finish === 'content_filter') message.content = plan.template;
  if (plan.reasoning) message.reasoning_content = out.reasoning;
  return JSON.stringify({
    id: env.id,
    object: 'chat.completion',
    created: env.created,
    model: env.model,
    system_fingerprint: env.system_fingerprint,
    choices: [{ index: 0, message, logprobs: null, finish_reason: out.finish }],
    usage: out.usage,
  });
}
