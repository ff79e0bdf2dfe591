import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { openStore } from '../src/store/open.ts';
import type { RunRecord, Store } from '../src/store/types.ts';
import { acquireLocks, nextDue, watch } from '../src/run/watch.ts';
import { parseInterval } from '../src/cli/watch.ts';

let work: string;
let store: Store;
let server: Server;
let webhook: string;
const received: unknown[] = [];

function runRecord(id: string, createdAt: string, configHash = 'cfg'): RunRecord {
  return {
    id,
    createdAt,
    suiteId: 's',
    suiteVersion: '1',
    suiteHash: 'h',
    configHash,
    toolVersion: '0',
    gitRevision: null,
    simulated: true,
    spec: {},
  };
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'redline-watch-'));
  store = await openStore(join(work, 'watch.db'));
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      received.push(JSON.parse(body));
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as { port: number };
  webhook = `http://127.0.0.1:${address.port}/hook`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await store?.close();
  rmSync(work, { recursive: true, force: true });
});

describe('watch', () => {
  it('parses intervals', () => {
    expect(parseInterval('2s')).toBe(2000);
    expect(parseInterval('6h')).toBe(6 * 3_600_000);
    expect(() => parseInterval('6 hours')).toThrow(/--every/);
  });

  it('takes the next due time from the last run of the same config in the store', () => {
    const runs = [
      runRecord('a', '2026-01-01T00:00:00.000Z'),
      runRecord('b', '2026-01-01T06:00:00.000Z', 'other'),
    ];
    expect(nextDue(runs, 'cfg', 3_600_000)).toMatchObject({
      due: Date.parse('2026-01-01T01:00:00.000Z'),
      last: { id: 'a' },
    });
    expect(nextDue(runs, 'new', 3_600_000)).toEqual({ due: 0, last: null });
  });

  it('runs on schedule, compares with the previous run, posts the change to the webhook, and releases its locks', async () => {
    const lockDir = join(work, 'locks');
    let made = 0;
    const compared: [string, string][] = [];
    const lines: string[] = [];
    const started = Date.now();
    const runs = await watch({
      store,
      configHash: 'cfg-watch',
      targetIds: ['sim:censor', 'sim/odd id'],
      everyMs: 2000,
      maxRuns: 2,
      lockDir,
      runOnce: async () => {
        // While an audit runs, its targets' locks exist.
        expect(readdirSync(lockDir).sort()).toEqual(['sim%2Fodd%20id.lock', 'sim%3Acensor.lock']);
        const id = `watch-run-${++made}`;
        await store.createRun(runRecord(id, new Date().toISOString(), 'cfg-watch'), []);
        return id;
      },
      compare: (before, after) => {
        compared.push([before, after]);
        return Promise.resolve({ event: 'redline.change', before, after });
      },
      webhook,
      log: (line) => lines.push(line),
    });
    expect(runs).toEqual(['watch-run-1', 'watch-run-2']);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1900);
    expect(compared).toEqual([['watch-run-1', 'watch-run-2']]);
    expect(received).toEqual([{ event: 'redline.change', before: 'watch-run-1', after: 'watch-run-2' }]);
    expect(lines.some((l) => l.includes('"redline.change"'))).toBe(true);
    expect(readdirSync(lockDir)).toEqual([]);
  }, 30_000);

  it('after a restart, compares the first new run with the last stored one', async () => {
    const compared: [string, string][] = [];
    await store.createRun(runRecord('old', new Date(Date.now() - 10_000).toISOString(), 'cfg-restart'), []);
    await watch({
      store,
      configHash: 'cfg-restart',
      targetIds: ['t'],
      everyMs: 1000,
      maxRuns: 1,
      lockDir: join(work, 'locks2'),
      runOnce: async () => {
        await store.createRun(runRecord('new', new Date().toISOString(), 'cfg-restart'), []);
        return 'new';
      },
      compare: (before, after) => {
        compared.push([before, after]);
        return Promise.resolve(null);
      },
      log: () => {},
    });
    expect(compared).toEqual([['old', 'new']]);
  });
});

describe('target locks', () => {
  it('refuses a target locked by a live process and takes over a stale lock', async () => {
    const dir = join(work, 'locks3');
    const holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 20000)']);
    try {
      const release = acquireLocks(dir, ['busy']);
      release();
      writeFileSync(join(dir, 'busy.lock'), String(holder.pid));
      expect(() => acquireLocks(dir, ['free', 'busy'])).toThrow(new RegExp(`process ${holder.pid}`));
      expect(existsSync(join(dir, 'free.lock'))).toBe(false);
    } finally {
      holder.kill();
      await new Promise((resolve) => holder.once('exit', resolve));
    }
    const release = acquireLocks(dir, ['busy']);
    expect(existsSync(join(dir, 'busy.lock'))).toBe(true);
    release();
    expect(existsSync(join(dir, 'busy.lock'))).toBe(false);
  }, 30_000);
});
