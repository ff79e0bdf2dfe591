import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A zero-latency OpenAI-compatible server: every answer streams `chunks` SSE chunks at once.
 * Run as its own process so the bench measures only the client's CPU.
 */
const chunks = Number(process.env.CHUNKS ?? 50);
const frame = (i: number) =>
  `data: {"id":"b","object":"chat.completion.chunk","created":1,"model":"bench","choices":[{"index":0,"delta":{"content":"token${i} "},"finish_reason":null}]}\n\n`;
const body =
  Array.from({ length: chunks }, (_, i) => frame(i)).join('') +
  'data: {"id":"b","object":"chat.completion.chunk","created":1,"model":"bench","choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}\n\ndata: [DONE]\n\n';
const parts = body.split(/(?<=\n\n)/);

const server = http.createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    for (const p of parts) res.write(p);
    res.end();
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${(server.address() as AddressInfo).port}\n`);
});
