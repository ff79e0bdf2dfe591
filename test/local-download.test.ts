import { spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DownloadError, ensureModelFile } from '../src/target/local/download.ts';
import {
  DEFAULT_MODEL,
  defaultModelSource,
  modelCacheDir,
  type ModelSource,
} from '../src/target/local/default-model.ts';
import { progressBar } from '../src/target/local/progress-bar.ts';
import { InlineThink } from '../src/target/local/inline-think.ts';
import { deadPort, startModelServer, type ModelServer } from './helpers/gguf-server.ts';

/** Collects what is written, as a terminal (`isTTY`) or as a pipe. */
function sink(isTTY: boolean): Writable & { isTTY: boolean; text: () => string } {
  const chunks: string[] = [];
  const out = new Writable({
    write(chunk: Buffer, _enc, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  return Object.assign(out, { isTTY, text: () => chunks.join('') });
}

const FILE = randomBytes(200_000);
const SHA = createHash('sha256').update(FILE).digest('hex');

let server: ModelServer;
let cache: string;
beforeAll(async () => {
  server = await startModelServer({ 'm.gguf': FILE, 'other.gguf': randomBytes(1000) }, { chunks: 20 });
});
afterAll(() => server.close());
afterEach(() => {
  if (cache) rmSync(cache, { recursive: true, force: true });
});

/** The DownloadError a download failed with. */
async function failure(download: Promise<unknown>): Promise<DownloadError> {
  const err = await download.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof DownloadError)) throw new Error(`expected a DownloadError, got ${String(err)}`);
  return err;
}

function source(over: Partial<ModelSource> = {}): ModelSource {
  return { url: server.url('m.gguf'), sha256: SHA, sizeBytes: FILE.length, fileName: 'm.gguf', ...over };
}

describe('model download into the cache folder', () => {
  it('follows the redirect, shows progress as plain lines, checks the sha256, then reuses the file', async () => {
    cache = mkdtempSync(join(tmpdir(), 'redline-cache-'));
    const out = sink(false);
    const first = await ensureModelFile(source(), cache, { out });
    expect(first).toEqual({ path: join(cache, 'm.gguf'), downloaded: true });
    expect(readFileSync(first.path).equals(FILE)).toBe(true);
    expect(server.requests.slice(-2)).toEqual(['/resolve/m.gguf', '/files/m.gguf']);

    const lines = out.text().trimEnd().split('\n');
    expect(lines.length).toBeGreaterThanOrEqual(5); // one per tenth reached, not one per chunk
    expect(lines.length).toBeLessThanOrEqual(11);
    expect(out.text()).not.toContain('\r');
    const percents = lines.map((l) => Number(/ (\d+)% /.exec(l)?.[1]));
    expect(percents).toEqual([...percents].sort((a, b) => a - b));
    expect(lines.at(-1)).toMatch(/^downloading m\.gguf 100% {2}0\.2\/0\.2 MB {2}[\d.]+ MB\/s$/);

    const asked = server.requests.length;
    const again = await ensureModelFile(source(), cache, { out: sink(false) });
    expect(again).toEqual({ path: first.path, downloaded: false });
    expect(server.requests.length).toBe(asked); // reused: no request at all
    expect(readdirSync(cache)).toEqual(['m.gguf']);
  });

  it('draws one bar redrawn in place on a terminal', async () => {
    cache = mkdtempSync(join(tmpdir(), 'redline-cache-'));
    const out = sink(true);
    await ensureModelFile(source(), cache, { out });
    expect(out.text()).toMatch(/^\rdownloading m\.gguf \[[#-]{30}\] /);
    expect(out.text()).toMatch(/\[#{30}\] 100% {2}0\.2\/0\.2 MB .*\n$/);
    expect(out.text().split('\n')).toHaveLength(2); // a single line, ended once
  });

  it('deletes a download whose checksum does not match, leaving nothing in the cache', async () => {
    cache = mkdtempSync(join(tmpdir(), 'redline-cache-'));
    const wrong = '0'.repeat(64);
    const err = await failure(ensureModelFile(source({ sha256: wrong }), cache, { out: sink(false) }));
    expect(err.kind).toBe('checksum');
    expect(err.message).toContain(`sha256 ${SHA} (200000 bytes), expected ${wrong}`);
    expect(readdirSync(cache)).toEqual([]);
  });

  it('fails without leaving a partial file when the connection breaks, the file is missing or nobody listens', async () => {
    const cut = await startModelServer({ 'm.gguf': FILE }, { chunks: 20, cutAfter: 50_000 });
    try {
      cache = mkdtempSync(join(tmpdir(), 'redline-cache-'));
      const broken = await failure(
        ensureModelFile(source({ url: cut.url('m.gguf') }), cache, { out: sink(false) }),
      );
      expect(broken.kind).toBe('network');
      expect(broken.message).toMatch(/connection broke after \d+ bytes/);
      expect(readdirSync(cache)).toEqual([]);
    } finally {
      await cut.close();
    }
    const missing = await failure(ensureModelFile(source({ url: server.url('absent.gguf') }), cache));
    expect([missing.kind, missing.message]).toEqual([
      'http',
      'HTTP 404 from ' + new URL(server.url('x')).host,
    ]);
    const port = await deadPort();
    const offline = await failure(ensureModelFile(source({ url: `http://127.0.0.1:${port}/m.gguf` }), cache));
    expect(offline.kind).toBe('network');
    expect(offline.message).toContain('ECONNREFUSED');
    expect(readdirSync(cache)).toEqual([]);
  });

  it('clears partial downloads left by a process that is gone, not those of one still running', async () => {
    cache = mkdtempSync(join(tmpdir(), 'redline-cache-'));
    const gone = spawnSync(process.execPath, ['-e', '']).pid;
    const abandoned = `.m.gguf.${gone}-0badf00d.part`;
    const live = `.m.gguf.${process.ppid}-00c0ffee.part`;
    writeFileSync(join(cache, abandoned), 'half a model');
    writeFileSync(join(cache, live), 'a download in progress');
    await ensureModelFile(source(), cache, { out: sink(false) });
    expect(readdirSync(cache).sort()).toEqual([live, 'm.gguf']);
  });

  it('downloads again over a cached file of the wrong size (say, one copied there by hand and cut short)', async () => {
    cache = mkdtempSync(join(tmpdir(), 'redline-cache-'));
    writeFileSync(join(cache, 'm.gguf'), FILE.subarray(0, 1000));
    const result = await ensureModelFile(source(), cache, { out: sink(false) });
    expect(result.downloaded).toBe(true);
    expect(readFileSync(result.path).equals(FILE)).toBe(true);
  });
});

describe('default model source and cache folder', () => {
  it('pins Qwen2.5-1.5B-Instruct Q4_K_M to a revision, with its size and sha256', () => {
    expect(defaultModelSource({})).toEqual({
      url: DEFAULT_MODEL.url,
      sha256: '6a1a2eb6d15622bf3c96857206351ba97e1af16c30d7a74ee38970e434e9407e',
      sizeBytes: 1_117_320_736,
      fileName: 'qwen2.5-1.5b-instruct-q4_k_m.gguf',
    });
    expect(DEFAULT_MODEL.url).toMatch(
      /^https:\/\/huggingface\.co\/Qwen\/Qwen2\.5-1\.5B-Instruct-GGUF\/resolve\/[0-9a-f]{40}\/qwen2\.5-1\.5b-instruct-q4_k_m\.gguf$/,
    );
  });

  it('takes a mirror URL (same file) and another checksum (another file, its own cache name) from the environment', () => {
    expect(defaultModelSource({ REDLINE_MODEL_URL: 'http://mirror.test/q.gguf' })).toMatchObject({
      url: 'http://mirror.test/q.gguf',
      sizeBytes: DEFAULT_MODEL.sizeBytes,
      fileName: 'qwen2.5-1.5b-instruct-q4_k_m.gguf',
    });
    const other = defaultModelSource({
      REDLINE_MODEL_URL: 'http://mirror.test/x.gguf',
      REDLINE_MODEL_SHA256: 'AB'.repeat(32),
    });
    expect(other).toEqual({
      url: 'http://mirror.test/x.gguf',
      sha256: 'ab'.repeat(32),
      fileName: 'abababababab-x.gguf',
    });
  });

  it('puts the cache in $REDLINE_CACHE, else $XDG_CACHE_HOME/redline/models, else ~/.cache/redline/models', () => {
    expect(modelCacheDir({ REDLINE_CACHE: '/srv/models', XDG_CACHE_HOME: '/x' })).toBe('/srv/models');
    expect(modelCacheDir({ XDG_CACHE_HOME: '/x' })).toBe('/x/redline/models');
    expect(modelCacheDir({ HOME: '/home/u' })).toMatch(/\.cache\/redline\/models$/);
  });
});

describe('progress bar', () => {
  it('says the size it cannot know: megabytes so far, one plain line per 100 MB', () => {
    const out = sink(false);
    let now = 0;
    const bar = progressBar('downloading x', undefined, out, () => now);
    for (const mb of [10, 90, 120, 150, 250]) {
      now += 1000;
      bar.update(mb * 1024 * 1024);
    }
    bar.done();
    expect(out.text()).toBe(
      'downloading x 10.0 MB  10.0 MB/s\n' +
        'downloading x 120.0 MB  40.0 MB/s\n' +
        'downloading x 250.0 MB  50.0 MB/s\n',
    );
  });
});

describe('inline <think> at the start of a local answer', () => {
  const run = (chunks: string[]) => {
    const think = new InlineThink();
    return [...chunks.flatMap((c) => think.push(c)), ...think.flush()];
  };

  it('streams a plain answer as it comes, holding back only what could still open <think>', () => {
    const think = new InlineThink();
    expect(think.push('Hel')).toEqual([{ kind: 'text', text: 'Hel' }]);
    expect(think.push('lo <think>')).toEqual([{ kind: 'text', text: 'lo <think>' }]);
    const held = new InlineThink();
    expect(held.push(' <th')).toEqual([]);
    expect(held.push('e')).toEqual([{ kind: 'text', text: ' <the' }]);
  });

  it('splits reasoning from the answer across chunk boundaries', () => {
    expect(run(['<th', 'ink>weigh', 'ing</thi', 'nk> Hello'])).toEqual([
      { kind: 'reasoning', text: 'weigh' },
      { kind: 'reasoning', text: 'ing' },
      { kind: 'text', text: ' Hello' },
    ]);
    expect(run(['<think>', 'cut off'])).toEqual([{ kind: 'reasoning', text: 'cut off' }]);
    expect(run(['<thi'])).toEqual([{ kind: 'text', text: '<thi' }]);
  });
});
