import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../src/store/open.ts';
import { runCli } from './helpers/cli.ts';
import { writeTinyModel } from './helpers/gguf-tiny.ts';
import { deadPort, startModelServer, type ModelServer } from './helpers/gguf-server.ts';

// `redline run` on a local model, through the real binary: the model is a tiny GGUF written
// here, the "Hugging Face" download a loopback server. Nothing leaves the machine.
const MINI = join(import.meta.dirname, 'fixtures', 'suites', 'mini.yaml');
const REPLY = ['<think>', '▁weighing', '</think>', '▁Hello', '▁from', '▁tiny', '▁model'];

let work: string;
let tiny: string;
let sha256: string;
let server: ModelServer;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'redline-local-cli-'));
  tiny = join(work, 'tiny.gguf');
  writeTinyModel(tiny, { reply: REPLY });
  sha256 = createHash('sha256').update(readFileSync(tiny)).digest('hex');
  server = await startModelServer({ 'tiny.gguf': readFileSync(tiny) }, { chunks: 12 });
});
afterAll(async () => {
  await server.close();
  rmSync(work, { recursive: true, force: true });
});

/** One llama.cpp thread: on a shared, loaded machine its threads otherwise wait on each other. */
const ENV = { REDLINE_LOCAL_THREADS: '1' };

interface RunSummary {
  runId: string;
  jobs: number;
  done: number;
  failed: number;
}

describe('redline run on a local GGUF model', () => {
  it('--model-file: the model tokens stream through the recorder into SQLite, with the weights fingerprint', async () => {
    const db = join(work, 'model-file.db');
    const r = await runCli(
      ['run', '--model-file', tiny, '--suite', MINI, '--lang', 'en', '--db', db, '--json'],
      {
        env: ENV,
      },
    );
    expect(r.code, r.stderr).toBe(0);
    const summary = JSON.parse(r.stdout) as RunSummary;
    expect(summary).toMatchObject({ jobs: 4, done: 4, failed: 0 });

    const store = await openStore(db);
    try {
      const responses = await store.responsesWithEvents(summary.runId);
      expect(responses).toHaveLength(6); // 4 jobs; the sensitive question's two framings ask a follow-up
      for (const response of responses) {
        expect(response.text).toBe(' Hello from tiny model');
        expect(response.reasoning).toBe(' weighing');
        expect(response.finish).toEqual({ normalized: 'stop', raw: 'eogToken' });
        expect(response.fingerprint).toMatchObject({ weightsSha256: sha256, architecture: 'llama' });
        expect(response.request.url).toBe(`file://${tiny}`);
        const deltas = response.events.filter((e) => e.type === 'text-delta');
        expect(deltas.map((e) => e.text)).toEqual([' Hello', ' from', ' tiny', ' model']);
        expect(deltas.every((e) => e.t > 0)).toBe(true);
      }
      expect((await store.jobs(summary.runId)).map((j) => j.targetId)).toEqual(
        Array(4).fill('local:tiny.gguf'),
      );
    } finally {
      await store.close();
    }
  });

  it('no --target: downloads the default model once (progress, checksum), audits it, then reuses the file', async () => {
    const cache = join(work, 'cache');
    const env = {
      ...ENV,
      REDLINE_CACHE: cache,
      REDLINE_MODEL_URL: server.url('tiny.gguf'),
      REDLINE_MODEL_SHA256: sha256,
    };
    const db = join(work, 'default.db');
    const asked = server.requests.length;

    const first = await runCli(['run', '--suite', MINI, '--lang', 'en', '--db', db, '--json'], { env });
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).toContain('no --target given: auditing the default local model');
    const progress = first.stderr.split('\n').filter((l) => l.startsWith('downloading '));
    expect(progress.length).toBeGreaterThanOrEqual(3);
    expect(progress.at(-1)).toMatch(/ 100% /);
    expect(first.stderr).toContain(`checked sha256 ${sha256}`);
    expect(server.requests.slice(asked)).toEqual(['/resolve/tiny.gguf', '/files/tiny.gguf']);
    expect(readdirSync(cache)).toEqual([`${sha256.slice(0, 12)}-tiny.gguf`]);
    expect(JSON.parse(first.stdout)).toMatchObject({ jobs: 4, done: 4, failed: 0 });

    const second = await runCli(['run', '--suite', MINI, '--lang', 'en', '--db', db, '--json'], { env });
    expect(second.code).toBe(0);
    expect(second.stderr).toContain(
      `using the cached model ${join(cache, `${sha256.slice(0, 12)}-tiny.gguf`)}`,
    );
    expect(second.stderr).not.toContain('downloading');
    expect(server.requests.length).toBe(asked + 2); // no request the second time
    expect(JSON.parse(second.stdout)).toMatchObject({ jobs: 4, done: 4, failed: 0 });
  });

  it('offline without the model: fails at once, exit 2, naming the URL, the cache folder, --model-file and redline demo', async () => {
    const cache = join(work, 'offline-cache');
    const url = `http://127.0.0.1:${await deadPort()}/Qwen/model.gguf`;
    const r = await runCli(['run', '--suite', MINI, '--db', join(work, 'offline.db')], {
      env: { ...ENV, REDLINE_CACHE: cache, REDLINE_MODEL_URL: url },
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`cannot download the default model, 1.1 GB from ${url}`);
    expect(r.stderr).toContain('ECONNREFUSED');
    expect(r.stderr).toContain(`cache folder ${cache}`);
    expect(r.stderr).toContain('--model-file PATH');
    expect(r.stderr).toContain('`redline demo`');
    expect(r.stderr).not.toContain('    at '); // a message, not a stack trace
  });

  it('a download that fails its checksum: exit 2, nothing kept in the cache', async () => {
    const cache = join(work, 'mismatch-cache');
    const r = await runCli(['run', '--suite', MINI, '--db', join(work, 'mismatch.db')], {
      env: {
        ...ENV,
        REDLINE_CACHE: cache,
        REDLINE_MODEL_URL: server.url('tiny.gguf'),
        REDLINE_MODEL_SHA256: 'f'.repeat(64),
      },
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      `failed its checksum: the file from ${server.url('tiny.gguf')} is not the expected one`,
    );
    expect(r.stderr).toContain(`sha256 ${sha256}`);
    expect(r.stderr).toContain('--model-file PATH');
    expect(readdirSync(cache)).toEqual([]);
  });

  it.each([
    [
      ['--model-file', 'no/such/model.gguf'],
      /--model-file: .*no\/such\/model\.gguf does not exist\. Give the path of a \.gguf model file\./,
    ],
    [
      ['--model-file', 'NOTES'],
      /--model-file: .*notes\.txt is not a GGUF model file \(it does not start with "GGUF"\)/,
    ],
    [['--target', 'local:no/such.gguf'], /--target local:no\/such\.gguf: .*does not exist/],
  ])('bad model file %j: exit 2 with the reason', async (args, message) => {
    const notes = join(work, 'notes.txt');
    writeFileSync(notes, 'not a model');
    const r = await runCli(
      ['run', '--suite', MINI, '--db', join(work, 'bad.db'), ...args.map((a) => (a === 'NOTES' ? notes : a))],
      {
        env: ENV,
      },
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });

  it('--resume with the model file gone: exit 2 naming the run, the target and the file', async () => {
    const copy = join(work, 'moved.gguf');
    writeFileSync(copy, readFileSync(tiny));
    const db = join(work, 'resume.db');
    const first = await runCli(
      ['run', '--model-file', copy, '--suite', MINI, '--lang', 'en', '--db', db, '--json'],
      {
        env: ENV,
      },
    );
    expect(first.code, first.stderr).toBe(0);
    const { runId } = JSON.parse(first.stdout) as RunSummary;
    rmSync(copy);
    const r = await runCli(['run', '--resume', runId, '--db', db], { env: ENV });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`--resume ${runId}: target local:moved.gguf: ${copy} does not exist`);
  });

  it('redline targets lists the local preset and where the default model is cached', async () => {
    const r = await runCli(['targets'], { env: { REDLINE_CACHE: '/srv/redline-models' } });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^local +\(in-process: a GGUF file\) +- +- +A GGUF model run in-process/m);
    expect(r.stdout).toContain(
      'downloaded once into /srv/redline-models; its engine, node-llama-cpp, is installed.',
    );
    const json = JSON.parse((await runCli(['targets', '--json'])).stdout) as {
      preset: string;
      baseUrl: string;
    }[];
    expect(json.find((p) => p.preset === 'local')).toMatchObject({ baseUrl: '(in-process: a GGUF file)' });
  });
});
