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
import { PLANTED_DRIFT, planResponse, SIM_MODELS } from './behaviour.ts';
import { buildOutput, completionBody, streamFrames, type Envelope } from './frames.ts';
import { BadRequest, errorBody, parseRequest } from './request.ts';

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
