import http from 'node:http';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';

/**
 * Replays a recorded HTTP exchange byte for byte on loopback. A fixture file holds the status
 * line, headers, a blank line and the body exactly as a provider sends it. Two pseudo-headers
 * steer the replay and are not sent: `x-replay-split: sse` writes the body one SSE event at a
 * time; `x-replay-end: destroy` cuts the connection after the body instead of ending it.
 */
export interface Fixture {
  status: number;
  headers: Record<string, string>;
  body: string;
  split: boolean;
  destroy: boolean;
}

export function readFixture(path: string): Fixture {
  const text = readFileSync(path, 'utf8');
  const headEnd = text.indexOf('\n\n');
  const [statusLine, ...headerLines] = text.slice(0, headEnd).split('\n');
  const headers: Record<string, string> = {};
  for (const line of headerLines) {
    const i = line.indexOf(':');
    headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
  }
  const split = headers['x-replay-split'] === 'sse';
  const destroy = headers['x-replay-end'] === 'destroy';
  delete headers['x-replay-split'];
  delete headers['x-replay-end'];
  return {
    status: Number(statusLine!.split(' ')[1]),
    headers,
    body: text.slice(headEnd + 2),
    split,
    destroy,
  };
}

export interface ReplayServer {
  url: string;
  /** Requests received, with their headers and parsed bodies. */
  requests: Array<{ url: string; headers: http.IncomingHttpHeaders; body: unknown }>;
  close(): Promise<void>;
}

/** Serves the fixtures in order, one per request (the last one repeats). */
export async function replay(...fixtures: Fixture[]): Promise<ReplayServer> {
  const requests: ReplayServer['requests'] = [];
  let served = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      requests.push({
        url: req.url ?? '',
        headers: req.headers,
        body: raw ? (JSON.parse(raw) as unknown) : undefined,
      });
      const f = fixtures[Math.min(served++, fixtures.length - 1)]!;
      res.writeHead(f.status, f.headers);
      const parts = f.split ? f.body.split(/(?<=\n\n)/) : [f.body];
      const write = (i: number) => {
        if (i < parts.length) {
          res.write(parts[i]);
          setTimeout(() => write(i + 1), 2);
        } else if (f.destroy) res.socket?.destroy();
        else res.end();
      };
      write(0);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
