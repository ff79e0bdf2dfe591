import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * A loopback stand-in for Hugging Face: `/resolve/NAME` redirects to `/files/NAME` (as the Hub
 * redirects to its CDN), which sends the file in `chunks` pieces a few milliseconds apart, so a
 * download shows progress. `cutAfter` closes the connection after that many bytes.
 */
export interface ModelServer {
  url(name: string): string;
  /** Paths requested so far, in order. */
  readonly requests: string[];
  close(): Promise<void>;
}

export async function startModelServer(
  files: Record<string, Buffer>,
  opts: { chunks?: number; cutAfter?: number } = {},
): Promise<ModelServer> {
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    void (async () => {
      const path = req.url ?? '/';
      requests.push(path);
      const name = decodeURIComponent(path.split('/').pop() ?? '');
      if (path.startsWith('/resolve/')) {
        res.writeHead(302, { location: `/files/${encodeURIComponent(name)}` }).end();
        return;
      }
      const body = files[name];
      if (!path.startsWith('/files/') || !body) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('Entry not found');
        return;
      }
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': body.length });
      const size = Math.ceil(body.length / (opts.chunks ?? 10));
      for (let at = 0; at < body.length; at += size) {
        if (opts.cutAfter !== undefined && at >= opts.cutAfter) {
          res.destroy();
          return;
        }
        res.write(body.subarray(at, at + size));
        await sleep(5);
      }
      res.end();
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (name) => `http://127.0.0.1:${port}/resolve/${encodeURIComponent(name)}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A loopback port with nothing listening: what an offline machine's download meets. */
export async function deadPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
