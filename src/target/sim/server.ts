/**
 * redline's simulator: a real OpenAI Chat Completions server on 127.0.0.1 (node:http), streaming
 * SSE or plain JSON, that reproduces what censoring providers send (research/providers.md).
 * The bytes of a response depend only on the request and the server seed: ids are derived from
 * a digest of the inputs and `created` from `sim_date` when the request gives one.
 *
 * Retraction convention (our own, documented here because no provider sends it inside an OpenAI
 * stream): the DeepSeek web app's reverse-engineered patch operations are sent as bare `data:`
 * frames after the answer's content chunks — `{"p":"response/status","v":"CONTENT_FILTER"}`, then
 * a `BATCH` op whose TEMPLATE_RESPONSE fragment replaces the answer — followed by an ordinary
 * chunk with `finish_reason: "content_filter"` and `[DONE]`.
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  isSimProfile,
  PLANTED_DRIFT,
  planResponse,
  SIM_MODELS,
  type SimMessage,
  type SimPlan,
  type SimProfile,
} from './behaviour.ts';

export { PLANTED_DRIFT, SIM_MODELS } from './behaviour.ts';

export interface SimFaults {
  /** Probability of an HTTP 429 with `Retry-After: 0` before any output. */
  rate429?: number;
  /** Probability of an HTTP 500 before any output. */
  rate500?: number;
  /** Probability that the connection is dropped before any response. */
  dropRate?: number;
}

export interface SimServerOptions {
  seed?: number;
  driftDate?: string;
  port?: number;
  /** Pause between stream frames; 0 writes them back to back. */
  chunkDelayMs?: number;
  faults?: SimFaults;
}

export interface SimServer {
  /** Base URL ending in /v1. */
  url: string;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 2 * 1024 * 1024;
const TOKENS_PER_CHUNK = 3;
const DATE_RE = /^\d{4}-\d{2}-\d{2}/;

/** Splits text into token-like pieces whose concatenation is the text: Han characters, words. */
export function tokenize(text: string): string[] {
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

class BadRequest extends Error {
  constructor(
    message: string,
    readonly status = 400,
    readonly code = 'invalid_request_error',
    readonly param: string | null = null,
  ) {
    super(message);
  }
}

function errorBody(message: string, type: string, code: string, param: string | null = null): string {
  return JSON.stringify({ error: { message, type, param, code } });
}

interface ParsedRequest {
  model: SimProfile;
  messages: SimMessage[];
  stream: boolean;
  sample: number;
  simDate: string | null;
  maxTokens: number | null;
}

function messageText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) {
    return content
      .map((part: unknown) =>
        part && typeof part === 'object' && 'text' in part && typeof part.text === 'string' ? part.text : '',
      )
      .join('');
  }
  throw new BadRequest('Each message needs a string content.', 400, 'invalid_request_error', 'messages');
}

function parseRequest(raw: string): ParsedRequest {
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    throw new BadRequest('The request body is not valid JSON.', 400, 'invalid_json');
  }
  if (!body || typeof body !== 'object') throw new BadRequest('The request body must be a JSON object.');
  const b = body as Record<string, unknown>;
  const model = b.model;
  if (typeof model !== 'string' || !isSimProfile(model)) {
    const known = SIM_MODELS.map((m) => m.id).join(', ');
    throw new BadRequest(
      `The model does not exist. Known models: ${known}.`,
      404,
      'model_not_found',
      'model',
    );
  }
  if (!Array.isArray(b.messages) || b.messages.length === 0) {
    throw new BadRequest('messages must be a non-empty array.', 400, 'invalid_request_error', 'messages');
  }
  const messages = b.messages.map((m: unknown): SimMessage => {
    if (!m || typeof m !== 'object' || typeof (m as { role?: unknown }).role !== 'string') {
      throw new BadRequest('Each message needs a role.', 400, 'invalid_request_error', 'messages');
    }
    return { role: (m as { role: string }).role, content: messageText((m as { content?: unknown }).content) };
  });
  const sample = b.seed === undefined || b.seed === null ? 0 : b.seed;
  if (typeof sample !== 'number' || !Number.isInteger(sample))
    throw new BadRequest('seed must be an integer.', 400, 'invalid_request_error', 'seed');
  const simDate = b.sim_date ?? null;
  if (
    simDate !== null &&
    (typeof simDate !== 'string' || !DATE_RE.test(simDate) || Number.isNaN(Date.parse(simDate)))
  ) {
    throw new BadRequest(
      'sim_date must be an ISO date such as 2026-09-01.',
      400,
      'invalid_request_error',
      'sim_date',
    );
  }
  const maxTokens = b.max_tokens ?? b.max_completion_tokens ?? null;
  if (
    maxTokens !== null &&
    (typeof maxTokens !== 'number' || !Number.isInteger(maxTokens) || maxTokens < 1)
  ) {
    throw new BadRequest(
      'max_tokens must be a positive integer.',
      400,
      'invalid_request_error',
      'max_tokens',
    );
  }
  return {
    model,
    messages,
    stream: b.stream === true,
    sample,
    simDate: typeof simDate === 'string' ? simDate : null,
    maxTokens: typeof maxTokens === 'number' ? maxTokens : null,
  };
}

/** What goes on the wire for one planned response, once max_tokens has been applied. */
interface Output {
  reasoning: string;
  content: string;
  finish: string;
  usage: Record<string, unknown>;
}

function buildOutput(plan: SimPlan, req: ParsedRequest): Output {
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

interface Envelope {
  id: string;
  created: number;
  model: string;
  system_fingerprint: string;
}

function streamFrames(plan: SimPlan, out: Output, env: Envelope): { frames: string[]; cut: boolean } {
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

function completionBody(plan: SimPlan, out: Output, env: Envelope): string {
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

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function unitDraw(...parts: unknown[]): number {
  return parseInt(createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 8), 16) / 2 ** 32;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    let size = 0;
    req.on('data', (part: Buffer) => {
      size += part.length;
      if (size > MAX_BODY_BYTES) reject(new BadRequest('The request body is too large.', 413));
      else parts.push(part);
    });
    req.on('end', () => resolve(Buffer.concat(parts).toString('utf8')));
    req.on('error', reject);
  });
}

function sendJson(
  res: ServerResponse,
  status: number,
  body: string,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
    ...headers,
  });
  res.end(body);
}

export async function startSimServer(opts: SimServerOptions = {}): Promise<SimServer> {
  const seed = opts.seed ?? 0;
  const driftDate = opts.driftDate ?? PLANTED_DRIFT.defaultDate;
  const delay = opts.chunkDelayMs ?? 0;
  const faults = opts.faults ?? {};
  let requestCounter = 0;

  async function writeFrames(res: ServerResponse, frames: string[]): Promise<boolean> {
    for (const frame of frames) {
      if (res.destroyed) return false;
      res.write(frame);
      if (delay > 0) await sleep(delay);
    }
    return !res.destroyed;
  }

  async function chatCompletion(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const counter = ++requestCounter;
    const parsed = parseRequest(await readBody(req));
    const fault = unitDraw(seed, 'fault', counter);
    const rate429 = faults.rate429 ?? 0;
    const rate500 = faults.rate500 ?? 0;
    const faultHeaders = { 'x-request-id': `sim-fault-${counter}` };
    if (fault < rate429) {
      sendJson(
        res,
        429,
        errorBody('Rate limit reached for requests.', 'rate_limit_error', 'rate_limit_exceeded'),
        {
          ...faultHeaders,
          'retry-after': '0',
        },
      );
      return;
    }
    if (fault < rate429 + rate500) {
      sendJson(
        res,
        500,
        errorBody('The server had an error while processing your request.', 'server_error', 'internal_error'),
        faultHeaders,
      );
      return;
    }
    if (fault < rate429 + rate500 + (faults.dropRate ?? 0)) {
      req.socket.destroy();
      return;
    }

    const simDate = parsed.simDate ?? new Date().toISOString().slice(0, 10);
    const plan = planResponse({
      seed,
      model: parsed.model,
      messages: parsed.messages,
      sample: parsed.sample,
      simDate,
      driftDate,
    });
    const headers = { 'x-request-id': `sim-${plan.digest.slice(0, 16)}-${counter}` };
    if (plan.kind === 'reject') {
      // DeepSeek's input filter: a generic 400 before any output (providers.md §1).
      sendJson(
        res,
        400,
        errorBody('Content Exists Risk', 'invalid_request_error', 'invalid_request_error'),
        headers,
      );
      return;
    }
    const env: Envelope = {
      id: `chatcmpl-${plan.digest.slice(0, 24)}`,
      created: parsed.simDate ? Math.floor(Date.parse(parsed.simDate) / 1000) : Math.floor(Date.now() / 1000),
      model: parsed.model,
      system_fingerprint: `fp_sim_${parsed.model}`,
    };
    const out = buildOutput(plan, parsed);
    if (!parsed.stream) {
      const body = completionBody(plan, out, env);
      if (plan.kind !== 'stream-cut') return sendJson(res, 200, body, headers);
      res.writeHead(200, {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(body),
        ...headers,
      });
      // Destroy only once the partial body is flushed, or the client would never see it.
      res.write(body.slice(0, Math.floor(body.length / 2)), () => res.destroy());
      return;
    }
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
      ...headers,
    });
    const { frames, cut } = streamFrames(plan, out, env);
    if (!(await writeFrames(res, frames))) return;
    if (cut) res.write('', () => res.destroy());
    else res.end();
  }

  function listModels(res: ServerResponse): void {
    const data = SIM_MODELS.map((m) => ({
      id: m.id,
      object: 'model',
      created: 1767225600,
      owned_by: 'redline-sim',
    }));
    sendJson(res, 200, JSON.stringify({ object: 'list', data }));
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0];
    try {
      if (path === '/v1/chat/completions' && req.method === 'POST') return await chatCompletion(req, res);
      if (path === '/v1/models' && req.method === 'GET') return listModels(res);
      sendJson(
        res,
        404,
        errorBody(`No route for ${req.method ?? ''} ${path ?? ''}.`, 'invalid_request_error', 'not_found'),
      );
    } catch (err) {
      if (res.headersSent || res.destroyed) {
        res.destroy();
        return;
      }
      if (err instanceof BadRequest) {
        sendJson(res, err.status, errorBody(err.message, 'invalid_request_error', err.code, err.param));
      } else {
        sendJson(res, 500, errorBody('The simulator failed.', 'server_error', 'internal_error'));
      }
    }
  }

  const server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
