import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSimServer } from '../src/target/sim/server.ts';
import { runCli } from './helpers/cli.ts';
import { readFixture, replay } from './helpers/replay-server.ts';

const FIX = join(import.meta.dirname, 'fixtures');
let work: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'redline-cli-'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('bad input: a clear message naming file, line, probe and field; exit code 2', () => {
  it('a schema error names the file, line, probe id and field', async () => {
    const r = await runCli(['suite', 'lint', join(FIX, 'suites', 'bad-field.yaml')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /bad-field\.yaml:12 probe broken-2: field "kind": Invalid option: expected one of "sensitive"\|"control"\|"benign"/,
    );
  });

  it('a YAML syntax error names the line', async () => {
    const r = await runCli(['suite', 'lint', join(FIX, 'suites', 'bad-yaml.yaml')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bad-yaml\.yaml:\d+:\d+: not valid YAML/);
  });

  it('lint finds duplicate ids, dangling controls, missing languages and markers', async () => {
    const r = await runCli(['suite', 'lint', join(FIX, 'suites', 'lint-problems.yaml')]);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('probe s-1 field "id": duplicate id');
    expect(r.stdout).toContain(
      'probe s-1 field "control": control "missing-ctl" is not a probe of this suite',
    );
    expect(r.stdout).toContain('probe s-1 field "prompt.ar": missing the ar text the suite declares');
    expect(r.stdout).toContain('probe s-1 field "markers.official.en": no official markers in en');
  });

  it('a good suite lints clean', async () => {
    const r = await runCli(['suite', 'lint', join(FIX, 'suites', 'mini.yaml')]);
    expect(r.stdout).toContain('3 probes, 0 problems');
    expect(r.code).toBe(0);
  });

  it.each([
    [['run', '--target', 'nonsense'], /--target "nonsense": expected PRESET:MODEL/],
    [['run', '--target', 'nosuch:model'], /unknown preset "nosuch"/],
    [['run', '--target', 'openai-compatible:m'], /needs a base URL/],
    [['run', '--samples', '0', '--target', 'sim:open'], /--samples 0: expected a whole number/],
    [
      ['run', '--suite', 'no/such/file.yaml', '--target', 'sim:open'],
      /no\/such\/file\.yaml: no such suite file/,
    ],
    [
      ['run', '--lang', 'fr', '--target', 'sim:open', '--suite', join(FIX, 'suites', 'mini.yaml')],
      /--lang: the suite has no fr text/,
    ],
    [
      ['run', '--db', 'ftp://bob:hunter2@example.org/x', '--target', 'sim:open'],
      /ftp:\/\/bob:\*\*\*@example\.org/,
    ],
    [['report', 'no-such-run', '--db', 'sqlite:DB'], /no run no-such-run/],
    // Nothing listens on loopback port 1.
    [['runs', '--db', 'postgres://bob:hunter2@127.0.0.1:1/x'], /--db: cannot open the store: .*ECONNREFUSED/],
  ])('%j → exit 2', async (args, message) => {
    const r = await runCli(
      args.map((a) => a.replace('DB', join(work, 'empty.db'))),
      { cwd: work },
    );
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toContain('hunter2');
    expect(r.code).toBe(2);
  });

  it('a preset whose key variable is unset stops before any request, naming the variable', async () => {
    const r = await runCli(
      [
        'run',
        '--target',
        'deepseek:deepseek-chat',
        '--suite',
        join(FIX, 'suites', 'mini.yaml'),
        '--db',
        join(work, 'k.db'),
      ],
      {
        env: { DEEPSEEK_API_KEY: '' },
      },
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('set DEEPSEEK_API_KEY in the environment');
  });
});

describe('run against any OpenAI-compatible server, then export and import', () => {
  it('records every streamed chunk and carries it through the eval log', async () => {
    const sim = await startSimServer({ seed: 9 });
    const dir = mkdtempSync(join(work, 'compat-'));
    try {
      const db = join(dir, 'a.db');
      const run = await runCli(
        [
          'run',
          '--suite',
          join(FIX, 'suites', 'mini.yaml'),
          '--target',
          `openai-compatible:censor@${sim.url}`,
          `deepseek:censor@${sim.url}`,
          '--db',
          db,
          '--json',
        ],
        { env: { DEEPSEEK_API_KEY: 'sk-test' } },
      );
      expect(run.code).toBe(0);
      const summary = JSON.parse(run.stdout.trim()) as {
        runId: string;
        jobs: number;
        done: number;
        failed: number;
      };
      expect(summary).toMatchObject({ jobs: 24, done: 24 });
      const listed = await runCli(['runs', '--db', db, '--json']);
      expect(JSON.parse(listed.stdout)).toMatchObject([{ id: summary.runId, jobs: 24, done: 24 }]);

      const out = join(dir, 'run.jsonl');
      expect((await runCli(['export', summary.runId, '--db', db, '--out', out])).code).toBe(0);
      const [header, ...lines] = readFileSync(out, 'utf8').trim().split('\n');
      expect(JSON.parse(header!)).toMatchObject({ format: 'redline-eval-log', run: { id: summary.runId } });
      expect(lines).toHaveLength(24);
      const followups: string[] = [];
      for (const line of lines) {
        const entry = JSON.parse(line) as {
          responses: Array<{
            id: string;
            turn: number;
            fingerprint: Record<string, unknown>;
            text: string;
            streamedText: string | null;
            events: Array<{ type: string; text?: string }>;
          }>;
        };
        for (const r of entry.responses) {
          // Every response says which endpoint served it, whichever preset asked.
          expect(r.fingerprint).toMatchObject({
            host: new URL(sim.url).host,
            requestedModel: 'censor',
            settingsHash: expect.any(String) as unknown,
          });
          // What the server said it served, whenever it answered at all (a rejection names nothing).
          if (r.events.some((e) => e.type === 'meta'))
            expect(r.fingerprint).toMatchObject({ model: 'censor', systemFingerprint: 'fp_sim_censor' });
          if (r.turn > 0) followups.push(r.id);
          const raw = r.events.filter((e) => e.type === 'raw');
          const streamed = r.events
            .filter((e) => e.type === 'text-delta')
            .map((e) => e.text)
            .join('');
          if (r.events.some((e) => e.type === 'text-delta')) expect(raw.length).toBeGreaterThan(0);
          // The text the user saw streamed is exactly the chunks, even when a retraction replaced it.
          expect(r.streamedText ?? r.text).toBe(streamed);
        }
      }

      // The mini suite's follow-up is asked in the same conversation, for both presets, and shown.
      expect(followups.length).toBeGreaterThanOrEqual(6);
      const shown = await runCli(['show', followups[0]!, '--db', db]);
      // The same conversation: first question, the model's answer, then the follow-up.
      expect(shown.stdout).toMatch(/\n {2}user: .+\n {2}assistant: .+\n {2}user: .+\n/);
      expect(shown.stdout).toContain('fingerprint: ');

      const imported = await runCli(['import', out, '--db', join(dir, 'b.db')]);
      expect(imported.code).toBe(0);
      const again = join(dir, 'again.jsonl');
      expect((await runCli(['export', summary.runId, '--db', join(dir, 'b.db'), '--out', again])).code).toBe(
        0,
      );
      const strip = (text: string) => text.split('\n').slice(1).join('\n');
      expect(strip(readFileSync(again, 'utf8'))).toBe(strip(readFileSync(out, 'utf8')));
    } finally {
      await sim.close();
    }
  }, 120_000);
});

describe('a planted API key is found nowhere', () => {
  const KEY = 'sk-planted-SECRET-0123456789';
  let sim: Awaited<ReturnType<typeof startSimServer>>;
  beforeAll(async () => {
    sim = await startSimServer({ seed: 3 });
  });
  afterAll(() => sim.close());

  it('not in the database file, the logs, the report or the export', async () => {
    const dir = mkdtempSync(join(work, 'key-'));
    const echo = await replay(readFixture(join(FIX, 'openai', 'auth-error-echoes-key.http')));
    try {
      const env = { OPENAI_API_KEY: KEY, DEEPSEEK_API_KEY: KEY };
      const db = join(dir, 'audit.db');
      const run = await runCli(
        [
          'run',
          '--suite',
          join(FIX, 'suites', 'mini.yaml'),
          '--target',
          `deepseek:censor@${sim.url}`,
          `openai:gpt-x@${echo.url}`,
          '--db',
          db,
          '--json',
        ],
        { env },
      );
      expect(run.code).toBe(0);
      // the key was really sent, so a leak would have had something to leak
      expect(echo.requests[0]!.headers.authorization).toBe(`Bearer ${KEY}`);
      const { runId } = JSON.parse(run.stdout.trim().split('\n').at(-1)!) as { runId: string };
      const exported = await runCli(['export', runId, '--db', db], { env });
      const report = await runCli(['report', runId, '--db', db, '--format', 'json'], { env });
      expect(exported.stdout).toContain('"format":"redline-eval-log"');
      expect(exported.stdout).toContain('[REDACTED]'); // the server echoed it; we stored it redacted
      const files = readdirSync(dir).map((f) => readFileSync(join(dir, f)).toString('latin1'));
      for (const text of [
        run.stdout,
        run.stderr,
        exported.stdout,
        exported.stderr,
        report.stdout,
        ...files,
      ]) {
        expect(text).not.toContain(KEY);
        expect(text).not.toContain('SECRET-0123');
      }
    } finally {
      await echo.close();
    }
  });
});
