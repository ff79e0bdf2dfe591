import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnalysisRecord, JobRecord, VerdictRecord } from '../src/store/types.ts';
import { sql } from '../src/store/kysely.ts';
import { migrateToLatest } from '../src/store/migrate.ts';
import { maskUrl, openStore, parseStoreUrl } from '../src/store/open.ts';
import { jobToRow, responseToRow } from '../src/store/rows.ts';
import type { SqlStore } from '../src/store/repository.ts';
import { withPostgres, withSqlite } from './helpers/databases.ts';
import {
  countRows,
  makeEvents,
  makeJobs,
  makeResponse,
  makeRun,
  withoutEvents,
} from './helpers/store-records.ts';

const ROOT = resolve(import.meta.dirname, '..');
/** Tests that start Node processes: generous, since a loaded machine starts them slowly. */
const SLOW_TEST_MS = 240_000;

describe.each([
  ['sqlite', withSqlite],
  ['postgres', withPostgres],
] as const)('store on %s', (dialect, withDatabase) => {
  const database = withDatabase();
  let store: SqlStore;

  beforeAll(async () => {
    store = (await openStore(database.url)) as SqlStore;
  });
  afterAll(async () => {
    await store?.close();
  });

  it('migrates twice without change, keeping the data', async () => {
    await store.createRun(makeRun('migrate'), makeJobs('migrate', 2));
    await store.migrate();
    await store.migrate();
    expect(await migrateToLatest(store.db, dialect)).toEqual([]);
    const applied = await sql<{ name: string }>`select name from kysely_migration`.execute(store.db);
    expect(applied.rows.map((r) => r.name).sort()).toEqual([
      '0001_init',
      '0002_unique_job_ordinal',
      '0003_response_briefs',
      '0004_verdict_reasoning',
      '0005_analysis_indexes',
    ]);
    expect(await store.jobs('migrate')).toHaveLength(2);
  });

  it('refuses a second job with the same ordinal in a run (the analysis groups by it)', async () => {
    const [job] = makeJobs('ordinal', 1);
    await store.createRun(makeRun('ordinal'), [job!]);
    const copy = { ...jobToRow(job!, 0), key: `${job!.key}-copy` };
    await expect(store.db.insertInto('jobs').values(copy).execute()).rejects.toThrow(/unique|duplicate/i);
    await store.db
      .insertInto('jobs')
      .values({ ...copy, ordinal: 1 })
      .execute();
    expect(await store.jobs('ordinal')).toHaveLength(2);
  });

  it('creates a run once, round-tripping its fields', async () => {
    const jobs = makeJobs('idem', 3);
    await store.createRun(makeRun('idem'), jobs);
    await store.createRun({ ...makeRun('idem'), suiteHash: 'changed' }, makeJobs('idem', 5));
    expect(await store.getRun('idem')).toEqual(makeRun('idem'));
    expect(await store.jobs('idem')).toEqual(jobs);
    expect((await store.listRuns()).map((r) => r.id)).toContain('idem');
    expect(await store.getRun('absent')).toBeUndefined();
  });

  it('shrinks pendingJobs as results are saved, and reads them back exactly', async () => {
    const jobs = makeJobs('pending', 3);
    await store.createRun(makeRun('pending'), jobs);
    expect(await store.pendingJobs('pending')).toEqual(jobs);
    const [first, second] = [jobs[0]!, jobs[1]!];
    const saved = [makeResponse(first, 0, makeEvents(6)), makeResponse(first, 1, makeEvents(4), 'مرحبا')];
    expect(await store.saveResult(first.key, saved)).toBe(true);
    expect(await store.pendingJobs('pending')).toEqual([jobs[1], jobs[2]]);
    expect(await store.saveResult(second.key, [makeResponse(second, 0, [])])).toBe(true);
    expect(await store.pendingJobs('pending')).toEqual([jobs[2]]);

    expect(await store.responses('pending')).toEqual([
      ...saved.map(withoutEvents),
      withoutEvents(makeResponse(second, 0, [])),
    ]);
    expect(await store.getResponse(saved[1]!.id)).toEqual(saved[1]);
    const exported = await store.responsesWithEvents('pending');
    expect(exported.map((r) => r.events.length)).toEqual([6, 4, 0]);
    expect(exported[0]).toEqual(saved[0]);
  });

  it('gives analysis one record per first-turn response, its verdicts with the reasoning analysis from their details', async () => {
    const jobs = makeJobs('rows', 2);
    await store.createRun(makeRun('rows'), jobs);
    for (const job of jobs) await store.saveResult(job.key, [makeResponse(job, 0, makeEvents(3))]);
    const verdict = (job: JobRecord, scorer: string, details?: Record<string, unknown>): VerdictRecord => ({
      responseId: `${job.key}#0`,
      runId: 'rows',
      scorer,
      createdAt: '2026-11-29T07:00:00.000Z',
      label: 'deflected',
      confidence: 0.8,
      evidence: [],
      ...(details ? { details } : {}),
    });
    await store.addVerdicts([
      verdict(jobs[0]!, 'embedded@1', { reasoning: { state: 'present', steering: true, dropped: [] } }),
      verdict(jobs[0]!, 'human:ana'),
      verdict(jobs[1]!, 'embedded@1', { reasoning: { state: 'empty', steering: false, dropped: [] } }),
    ]);
    const records: AnalysisRecord[] = [];
    await store.eachAnalysisRecord('rows', (record) => records.push(record));
    expect(
      records.map((r) => [
        r.cell.probeId,
        r.verdicts.map((v) => [v.scorer, v.label, v.reasoningState, v.reasoningSteering]),
      ]),
    ).toEqual([
      [
        jobs[0]!.probeId,
        [
          ['embedded@1', 'deflected', 'present', true],
          ['human:ana', 'deflected', null, null],
        ],
      ],
      [jobs[1]!.probeId, [['embedded@1', 'deflected', 'empty', false]]],
    ]);
  });

  it('returns false on a duplicate and keeps the first result', async () => {
    const [job] = makeJobs('dup', 1);
    await store.createRun(makeRun('dup'), [job!]);
    expect(await store.saveResult(job!.key, [makeResponse(job!, 0, makeEvents(3), 'first')])).toBe(true);
    expect(await store.saveResult(job!.key, [makeResponse(job!, 0, makeEvents(9), 'second')])).toBe(false);
    const stored = await store.getResponse(`${job!.key}#0`);
    expect(stored?.text).toBe('first');
    expect(stored?.events).toHaveLength(3);
  });

  it('keeps nothing when an event cannot be serialised midway', async () => {
    const [job] = makeJobs('atomic-json', 1);
    await store.createRun(makeRun('atomic-json'), [job!]);
    const unserialisable = [...makeEvents(1200)];
    unserialisable[1100] = { type: 'raw', t: 1, kind: 'body', data: 'x', event: 10n as unknown as string };
    const result = [makeResponse(job!, 0, makeEvents(1500)), makeResponse(job!, 1, unserialisable)];
    await expect(store.saveResult(job!.key, result)).rejects.toThrow(/BigInt/);
    expect(await countRows(store, 'responses', job!.key)).toBe(0);
    expect(await countRows(store, 'events', job!.key)).toBe(0);
    expect(await store.pendingJobs('atomic-json')).toEqual([job]);
  });

  it('keeps nothing when a unique violation hits a later turn', async () => {
    const [job] = makeJobs('atomic-unique', 1);
    await store.createRun(makeRun('atomic-unique'), [job!]);
    // A stray turn-1 row (as a crashed foreign writer might leave) collides only after turn 0 went in.
    const stray = { ...makeResponse(job!, 1, []), id: `stray:${job!.key}` };
    const { events, ...strayRecord } = stray;
    void events;
    await store.db.insertInto('responses').values(responseToRow(strayRecord)).execute();
    const result = [makeResponse(job!, 0, makeEvents(50)), makeResponse(job!, 1, makeEvents(5))];
    expect(await store.saveResult(job!.key, result)).toBe(false);
    expect(await store.getResponse(`${job!.key}#0`)).toBeUndefined();
    expect(await countRows(store, 'events', job!.key)).toBe(0);
    expect(await store.pendingJobs('atomic-unique')).toEqual([job]);
  });

  it('rejects a malformed result before writing', async () => {
    const [job] = makeJobs('malformed', 1);
    await expect(store.saveResult(job!.key, [makeResponse(job!, 1, [])])).rejects.toThrow(/turn 0/);
    await expect(store.saveResult('other', [makeResponse(job!, 0, [])])).rejects.toThrow(/jobKey other/);
    expect(await countRows(store, 'responses', job!.key)).toBe(0);
  });

  it(
    'stores exactly one result when separate processes race on one job',
    async () => {
      const [job] = makeJobs('race', 1);
      await store.createRun(makeRun('race'), [job!]);
      const outcomes = await raceSave(database.url, job!, ['a', 'b', 'c']);
      expect(outcomes.filter((o) => o.saved)).toHaveLength(1);
      const winner = outcomes.find((o) => o.saved)!.label;
      const stored = await store.getResponse(`${job!.key}#0`);
      expect(stored?.text).toBe(`racer ${winner}`);
      expect(stored?.events).toEqual(makeEvents(400, winner));
      expect(await countRows(store, 'events', job!.key)).toBe(400);
    },
    SLOW_TEST_MS,
  );

  it(
    'stays consistent when a writer is killed with SIGKILL mid-stream',
    async () => {
      const jobs = makeJobs('killed', 400);
      await store.createRun(makeRun('killed'), jobs);
      const savedBeforeKill = await killWriterAfter(database.url, jobs, 5);
      expect(savedBeforeKill).toBeGreaterThanOrEqual(5);
      const stored = await store.responsesWithEvents('killed');
      const storedJobs = new Set(stored.map((r) => r.jobKey));
      expect(storedJobs.size).toBeGreaterThanOrEqual(savedBeforeKill);
      expect(storedJobs.size).toBeLessThan(jobs.length);
      // Every job is all or nothing: both turns, each with every event.
      expect(stored).toHaveLength(storedJobs.size * 2);
      expect(stored.every((r) => r.events.length === 300)).toBe(true);
      expect((await store.pendingJobs('killed')).length).toBe(jobs.length - storedJobs.size);
      if (dialect === 'sqlite') {
        const check = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(store.db);
        expect(check.rows).toEqual([{ integrity_check: 'ok' }]);
      }
    },
    SLOW_TEST_MS,
  );

  it('round-trips 5,000 events in order', async () => {
    const [job] = makeJobs('many', 1);
    await store.createRun(makeRun('many'), [job!]);
    const events = makeEvents(5000);
    expect(await store.saveResult(job!.key, [makeResponse(job!, 0, events)])).toBe(true);
    const stored = await store.getResponse(`${job!.key}#0`);
    expect(stored?.events).toEqual(events);
    expect(stored?.events.map((e) => e.t)).toEqual(events.map((e) => e.t));
  });

  it('appends verdicts, never replacing one', async () => {
    const [job] = makeJobs('verdicts', 1);
    await store.createRun(makeRun('verdicts'), [job!]);
    await store.saveResult(job!.key, [makeResponse(job!, 0, makeEvents(3))]);
    const responseId = `${job!.key}#0`;
    const embedded: VerdictRecord = {
      responseId,
      runId: 'verdicts',
      scorer: 'embedded@1',
      createdAt: '2026-11-29T06:40:00.000Z',
      label: 'censored',
      confidence: 0.9375,
      alignment: -0.125,
      evidence: [{ source: 'signal', quote: 'finish_reason: "sensitive"', rule: 'provider filter' }],
      details: { model: 'tiny', scores: [0.1, 0.9] },
    };
    const human: VerdictRecord = {
      ...embedded,
      scorer: 'human:alice',
      label: 'refused',
      confidence: 1,
      evidence: [],
    };
    delete human.alignment;
    delete human.details;
    await store.addVerdicts([embedded]);
    await store.addVerdicts([human, { ...human, rationale: '审查 — رقابة' }]);
    const stored = await store.verdicts('verdicts');
    expect(stored.map(({ id: _id, ...v }) => v)).toEqual([
      embedded,
      human,
      { ...human, rationale: '审查 — رقابة' },
    ]);
    const ids = stored.map((v) => v.id!);
    expect(ids[0]! < ids[1]! && ids[1]! < ids[2]!).toBe(true);
  });

  it('rejects UPDATE and DELETE in the database itself', async () => {
    const [job] = makeJobs('frozen', 1);
    await store.createRun(makeRun('frozen'), [job!]);
    await store.saveResult(job!.key, [makeResponse(job!, 0, makeEvents(3))]);
    await store.addVerdicts([
      {
        responseId: `${job!.key}#0`,
        runId: 'frozen',
        scorer: 'x',
        createdAt: 'now',
        label: 'answered',
        confidence: 1,
        evidence: [],
      },
    ]);
    const db = store.db;
    await expect(
      db.updateTable('responses').set({ text: 'rewritten' }).where('run_id', '=', 'frozen').execute(),
    ).rejects.toThrow(/append-only/);
    await expect(
      db.updateTable('runs').set({ simulated: 0 }).where('id', '=', 'frozen').execute(),
    ).rejects.toThrow(/append-only/);
    await expect(
      db.updateTable('verdicts').set({ label: 'refused' }).where('run_id', '=', 'frozen').execute(),
    ).rejects.toThrow(/append-only/);
    await expect(
      db.updateTable('events').set({ t: 0 }).where('response_id', '=', `${job!.key}#0`).execute(),
    ).rejects.toThrow(/append-only/);
    for (const table of ['runs', 'jobs', 'responses', 'response_briefs', 'events', 'verdicts'] as const) {
      await expect(db.deleteFrom(table).execute()).rejects.toThrow(/append-only/);
    }
    expect((await store.getResponse(`${job!.key}#0`))?.text).toBe('我无法回答这个问题。');
    expect((await store.getRun('frozen'))?.simulated).toBe(true);
    expect(await store.verdicts('frozen')).toHaveLength(1);
  });
});

/**
 * Runs `script` in a separate Node process with the tsx loader. Plain node rather than the tsx
 * wrapper, so a signal reaches the script's own process; -e is CommonJS, hence async wrappers.
 */
function spawnScript(
  script: string,
  env: Record<string, string>,
): { child: ChildProcess; lines: AsyncIterator<string> } {
  const child = spawn(process.execPath, ['--import', 'tsx', '-e', script], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  return { child, lines };
}

async function nextLine(lines: AsyncIterator<string>): Promise<string> {
  const line = await lines.next();
  if (line.done) throw new Error('the child process ended without answering');
  return line.value;
}

/** Processes that each open the store, wait for one "go", then save the same job at once. */
async function raceSave(
  url: string,
  job: JobRecord,
  labels: string[],
): Promise<{ label: string; saved: boolean }[]> {
  const script = `void (async () => {
    const { openStore } = await import('./src/store/open.ts');
    const input = JSON.parse(process.env.RACE);
    const store = await openStore(input.url);
    process.stdout.write('ready\\n');
    await new Promise((go) => process.stdin.once('data', go));
    const saved = await store.saveResult(input.job.key, input.responses);
    await store.close();
    process.stdout.write(JSON.stringify({ saved }) + '\\n');
    process.exit(0);
  })();`;
  const racers = labels.map((label) => {
    const responses = [makeResponse(job, 0, makeEvents(400, label), `racer ${label}`)];
    return { label, ...spawnScript(script, { RACE: JSON.stringify({ url, job, responses }) }) };
  });
  for (const racer of racers) expect(await nextLine(racer.lines)).toBe('ready');
  for (const racer of racers) racer.child.stdin!.write('go\n');
  return Promise.all(
    racers.map(async ({ label, lines }) => ({
      label,
      saved: (JSON.parse(await nextLine(lines)) as { saved: boolean }).saved,
    })),
  );
}

/** Starts a process saving one job after another; kills it with SIGKILL once it reports `after` saves. */
async function killWriterAfter(url: string, jobs: JobRecord[], after: number): Promise<number> {
  const script = `void (async () => {
    const { openStore } = await import('./src/store/open.ts');
    const { url, keys, template } = JSON.parse(process.env.WRITER);
    const store = await openStore(url);
    for (const key of keys) {
      const responses = [0, 1].map((turn) => ({ ...template, id: key + '#' + turn, jobKey: key, turn }));
      await store.saveResult(key, responses);
      process.stdout.write('saved\\n');
    }
  })();`;
  // One template response (an environment variable holds at most 128 KiB); the writer copies it per job.
  const template = makeResponse(jobs[0]!, 0, makeEvents(300));
  const { child, lines } = spawnScript(script, {
    WRITER: JSON.stringify({ url, keys: jobs.map((j) => j.key), template }),
  });
  const exited = new Promise<NodeJS.Signals | null>((resolve) =>
    child.once('exit', (_code, signal) => resolve(signal)),
  );
  let saved = 0;
  while (saved < after && (await nextLine(lines)) === 'saved') saved++;
  child.kill('SIGKILL');
  expect(await exited).toBe('SIGKILL');
  return saved;
}

describe('store URLs', () => {
  it('names the bad value with its password masked, and the accepted forms', async () => {
    const bad = 'mysql://alice:s3cret@db.example:3306/redline';
    const message = (() => {
      try {
        parseStoreUrl(bad);
      } catch (error) {
        return (error as Error).message;
      }
      return 'no error';
    })();
    expect(message).toContain('mysql://alice:***@db.example:3306/redline');
    expect(message).not.toContain('s3cret');
    expect(message).toMatch(/sqlite:PATH/);
    expect(message).toMatch(/postgres:\/\//);
    await expect(openStore('postgres:/alice:pw@host')).rejects.toThrow('"postgres:/alice:***@host"');
  });

  it('masks a password containing @ entirely', () => {
    expect(maskUrl('postgres://bob:p@ss@10.0.0.1/db')).toBe('postgres://bob:***@10.0.0.1/db');
    expect(maskUrl('postgres://bob@10.0.0.1/db')).toBe('postgres://bob@10.0.0.1/db');
  });

  it('reads each accepted form', () => {
    expect(parseStoreUrl(undefined, '/srv/audit')).toEqual({
      dialect: 'sqlite',
      path: '/srv/audit/.redline/redline.db',
    });
    expect(parseStoreUrl('sqlite:data/a.sqlite', '/srv')).toEqual({
      dialect: 'sqlite',
      path: '/srv/data/a.sqlite',
    });
    expect(parseStoreUrl('runs.db', '/srv')).toEqual({ dialect: 'sqlite', path: '/srv/runs.db' });
    expect(parseStoreUrl('postgresql://u:p@h/d')).toEqual({
      dialect: 'postgres',
      url: 'postgresql://u:p@h/d',
    });
    expect(() => parseStoreUrl('')).toThrow(/Unsupported store URL ""/);
  });
});
