import http from 'node:http';
import https from 'node:https';
import type { ErrorKind } from './events.ts';

/**
 * A lean HTTP client over node:http (built-in fetch costs 2.5x on streams here: DESIGN.md, "Stack").
 * Connection failures become typed `HttpFailure`s; the body is read as raw chunks, as received.
 */

export class HttpFailure extends Error {
  constructor(
    readonly kind: Extract<ErrorKind, 'network' | 'timeout' | 'aborted'>,
    message: string,
  ) {
    super(message);
  }
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string>;
  /** Raw body chunks; throws `HttpFailure` if the connection dies or goes idle. */
  body: AsyncIterable<Buffer>;
}

export interface HttpOptions {
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
  connectTimeoutMs: number;
  /** Longest silence allowed between two body chunks (and before the response head). */
  idleTimeoutMs: number;
  signal?: AbortSignal;
}

const agents = {
  'http:': new http.Agent({ keepAlive: true, maxSockets: 256 }),
  'https:': new https.Agent({ keepAlive: true, maxSockets: 256 }),
};

export function httpRequest(url: string, opts: HttpOptions): Promise<HttpResponse> {
  const u = new URL(url);
  const lib = u.protocol === 'https:' ? https : http;
  const agent = agents[u.protocol as 'http:' | 'https:'];
  return new Promise((resolve, reject) => {
    if (opts.signal?.aborted) return reject(new HttpFailure('aborted', 'request aborted before it was sent'));
    const req = lib.request(u, { method: opts.method, headers: opts.headers, agent });
    let failure: HttpFailure | undefined;
    const fail = (f: HttpFailure) => {
      failure ??= f;
      req.destroy(failure);
    };
    const connectTimer = setTimeout(
      () => fail(new HttpFailure('timeout', `no connection to ${u.host} within ${opts.connectTimeoutMs} ms`)),
      opts.connectTimeoutMs,
    );
    req.on('socket', (socket) => {
      if (!socket.connecting) clearTimeout(connectTimer);
      else socket.once('connect', () => clearTimeout(connectTimer));
    });
    req.setTimeout(opts.idleTimeoutMs, () =>
      fail(new HttpFailure('timeout', `${u.host} sent nothing for ${opts.idleTimeoutMs} ms`)),
    );
    const onAbort = () => fail(new HttpFailure('aborted', 'request aborted'));
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    req.on('error', (err: NodeJS.ErrnoException) => {
      clearTimeout(connectTimer);
      opts.signal?.removeEventListener('abort', onAbort);
      reject(failure ?? new HttpFailure('network', `${u.host}: ${err.code ?? err.message}`));
    });
    req.on('response', (res) => {
      clearTimeout(connectTimer);
      res.on('close', () => opts.signal?.removeEventListener('abort', onAbort));
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(res.headers)) {
        if (v !== undefined && k !== 'set-cookie') headers[k] = Array.isArray(v) ? v.join(', ') : v;
      }
      resolve({ status: res.statusCode ?? 0, headers, body: readBody(res, () => failure, u.host) });
    });
    req.end(opts.body);
  });
}

async function* readBody(
  res: http.IncomingMessage,
  failure: () => HttpFailure | undefined,
  host: string,
): AsyncIterable<Buffer> {
  try {
    for await (const chunk of res) yield chunk as Buffer;
  } catch (err) {
    throw (
      failure() ??
      new HttpFailure('network', `${host}: ${(err as NodeJS.ErrnoException).code ?? 'connection lost'}`)
    );
  }
  // A server that closes the socket mid-body ends the stream without an error on some Node versions.
  if (!res.complete) throw failure() ?? new HttpFailure('network', `${host}: connection closed mid-response`);
}
