import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnalysisRecord, JobRecord, ResponseWithEvents, VerdictRecord } from '../src/store/types.ts';
import BetterSqlite3 from 'better-sqlite3';
import { openStore, parseStoreUrl } from '../src/store/open.ts';
import { eachAnalysisRecord } from '../src/store/analysis.ts';
import { CHUNKS_SQL, readSqliteRange } from '../src/store/analysis-sqlite.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SqlStore } from '../src/store/repository.ts';
import { loadRowsWithModels } from '../src/analyze/rows.ts';
import { withPostgres, withSqlite } from './helpers/databases.ts';
import { makeRun } from './helpers/store-records.ts';

/**
 * The analysis read path (one record per job, verdicts as JSON, shared cells and verdict lists)
 * against rows worked out by hand: verdict precedence and its tie-breaks, the latest markers
 * alignment to the last bit, the reasoning assessment, served models, pending and unscored jobs.
 */

const RUN = 'analysis';
// A server names the model it served: untrusted text, here with the SQLite read's separators.
const HOSTILE_MODEL = 'qwen\x1e5\x1d"],"x\\\n\t';

// Keys sort against the planned order, so the test sees whether records follow the plan.
function makeJob(i: number, probeId: string, sample = 0): JobRecord {
  return {
    key: `${RUN}/${String(9 - i)}`,
    runId: RUN,
    probeId,
    variant: 'main',
    lang: i % 2 ? 'ar' : 'zh-Hans',
    targetId: 'qwen:qwen-max',
    sample,
    topic: 'tiananmen',
    kind: 'sensitive',
  };
}

function makeResponse(job: JobRecord, text: string, model?: string): ResponseWithEvents {
  return {
    id: `${job.key}#0`,
    jobKey: job.key,
    runId: RUN,
    turn: 0,
    createdAt: '2026-11-29T06:31:00.000Z',
    request: { url: 'http://127.0.0.1:9/v1/chat/completions', headers: {}, body: {} },
    text,
    streamedText: null,
    reasoning: null,
    finish: { normalized: 'stop', raw: 'stop' },
    error: null,
    usage: null,
    signals: [],
    fingerprint: model ? { model, host: '127.0.0.1' } : { host: '127.0.0.1' },
    latencyMs: 10,
    attempts: 1,
    events: [],
  };
}

function verdict(
  job: JobRecord,
  scorer: string,
  label: VerdictRecord['label'],
  createdAt: string,
  extra: Partial<VerdictRecord> = {},
): VerdictRecord {
  return {
    responseId: `${job.key}#0`,
    runId: RUN,
    scorer,
    createdAt,
    label,
    confidence: 0.5,
    evidence: [],
    ...extra,
  };
}

const T0 = '2026-11-29T07:00:00.000Z';
const T1 = '2026-11-29T08:00:00.000Z';
// A worker whose clock runs behind: its verdict is stored last but stamped earliest.
const T_SLOW_CLOCK = '2026-11-29T06:00:00.000Z';
const longAnswer = '天安门广场'.repeat(50);

describe.each([
  ['sqlite', withSqlite],
  ['postgres', withPostgres],
] as const)('analysis records on %s', (dialect, withDatabase) => {
  const database = withDatabase();
  let store: SqlStore;
  const jobs = [
    makeJob(0, 'p-human'),
    makeJob(1, 'p-tie'),
    makeJob(2, 'p-unscored'),
    makeJob(3, 'p-pending'),
    makeJob(4, 'p-markers-only'),
    makeJob(5, 'p-reasoning'),
    makeJob(6, 'p-tie', 1),
  ];
  const [human, tie, unscored, , markersOnly, reasoning, tieAgain] = jobs as [
    JobRecord,
    JobRecord,
    JobRecord,
    JobRecord,
    JobRecord,
    JobRecord,
    JobRecord,
  ];

  beforeAll(async () => {
    store = (await openStore(database.url)) as SqlStore;
    await store.createRun(makeRun(RUN), jobs);
    await store.saveResult(human.key, [makeResponse(human, longAnswer, 'qwen-max-2025-01-25')]);
    await store.saveResult(tie.key, [makeResponse(tie, 'answer', 'qwen-max-2025-01-25')]);
    await store.saveResult(unscored.key, [makeResponse(unscored, 'unscored', 'qwen-plus')]);
    await store.saveResult(markersOnly.key, [makeResponse(markersOnly, 'markers only')]);
    await store.saveResult(reasoning.key, [makeResponse(reasoning, 'reasoned', HOSTILE_MODEL)]);
    await store.saveResult(tieAgain.key, [makeResponse(tieAgain, 'answer again', 'qwen-max-2025-01-25')]);
    await store.addVerdicts([
      verdict(human, 'embedded@1', 'answered', T1),
      verdict(human, 'markers@1', 'answered', T1, { alignment: 0.1 + 0.2 }),
      verdict(human, 'human:ana', 'refused', T0),
      verdict(human, 'markers@1', 'answered', T0, { alignment: 1 / 3 }),
      verdict(tie, 'embedded@1', 'answered', T0),
      verdict(tie, 'embedded@1', 'deflected', T0),
      verdict(markersOnly, 'markers@1', 'answered', T0, { alignment: 0.5 }),
      verdict(reasoning, 'embedded@1', 'partial', T0, {
        alignment: 0.75,
        details: { reasoning: { state: 'present', steering: true, dropped: ['1989'] } },
      }),
      verdict(reasoning, 'judge:deepseek:deepseek-chat@rubric-1', 'answered', T0, {
        details: { reasoning: { state: 'absent' } },
      }),
      verdict(reasoning, 'markers@1', 'answered', T0, { alignment: -1e-7 }),
      verdict(tieAgain, 'embedded@1', 'answered', T0),
      // Stored last, so it is the effective one whatever its clock says.
      verdict(tieAgain, 'embedded@1', 'deflected', T_SLOW_CLOCK),
    ]);
  });
  afterAll(async () => {
    await store?.close();
  });

  it('gives the rows verdict precedence and the latest alignment make, exactly', async () => {
    const { rows, servedModels } = await loadRowsWithModels(store, RUN);
    const base = {
      runId: RUN,
      targetId: 'qwen:qwen-max',
      variant: 'main',
      topic: 'tiananmen',
      kind: 'sensitive',
    };
    expect(rows).toEqual([
      {
        ...base,
        probeId: 'p-human',
        lang: 'zh-Hans',
        sample: 0,
        label: 'refused',
        scorer: 'human:ana',
        alignment: 1 / 3,
        ordinal: 0,
      },
      {
        ...base,
        probeId: 'p-tie',
        lang: 'ar',
        sample: 0,
        label: 'deflected',
        scorer: 'embedded@1',
        ordinal: 1,
      },
      {
        ...base,
        probeId: 'p-reasoning',
        lang: 'ar',
        sample: 0,
        label: 'answered',
        scorer: 'judge:deepseek:deepseek-chat@rubric-1',
        alignment: -1e-7,
        reasoningSuppressed: true,
        ordinal: 5,
      },
      {
        ...base,
        probeId: 'p-tie',
        lang: 'zh-Hans',
        sample: 1,
        label: 'deflected',
        scorer: 'embedded@1',
        ordinal: 6,
      },
    ]);
    expect(Object.keys(rows[2]!)).toEqual([
      'runId',
      'targetId',
      'probeId',
      'variant',
      'topic',
      'kind',
      'lang',
      'sample',
      'label',
      'scorer',
      'alignment',
      'reasoningSuppressed',
      'ordinal',
    ]);
    expect(servedModels).toEqual(
      new Map([
        [
          'qwen:qwen-max',
          new Map([
            ['qwen-max-2025-01-25', 3],
            ['qwen-plus', 1],
            [HOSTILE_MODEL, 1],
          ]),
        ],
      ]),
    );
  });

  it('quotes the first 200 characters of the answers at the places asked for', async () => {
    const excerpts = await store.excerpts(RUN, [1, 0, 3, 99, 1]);
    // 3 is still pending and 99 was never planned: neither has an answer.
    expect(excerpts).toEqual(
      new Map([
        [1, 'answer'],
        [0, longAnswer.slice(0, 200)],
      ]),
    );
    expect([...longAnswer.slice(0, 200)]).toHaveLength(200);
  });

  it('reads one record per answered job in planned order, sharing what reads the same', async () => {
    const records: AnalysisRecord[] = [];
    await store.eachAnalysisRecord(RUN, (record) => records.push(record));
    expect(records.map((r) => [r.cell.probeId, r.sample, r.verdicts.length])).toEqual([
      ['p-human', 0, 4],
      ['p-tie', 0, 2],
      ['p-unscored', 0, 0],
      ['p-markers-only', 0, 1],
      ['p-reasoning', 0, 3],
      ['p-tie', 1, 2],
    ]);
    expect(records[0]!.verdicts.map((v) => v.alignment)).toEqual([null, 0.1 + 0.2, null, 1 / 3]);
    expect(records[3]!.cell.servedModel).toBeNull();
    expect(records[1]!.verdicts).toBe(records[5]!.verdicts);
    expect(Object.isFrozen(records[1]!.verdicts[0])).toBe(true);
    expect(await store.countJobs(RUN)).toBe(7);
    expect(await store.countJobs('absent')).toBe(0);
    // The job at ordinal 3 is still pending.
    expect(await store.countDoneJobs(RUN)).toBe(6);
    expect(await store.countDoneJobs('absent')).toBe(0);
  });

  it.runIf(dialect === 'sqlite')('reads verdicts and briefs from covering indexes, not their rows', () => {
    const { path } = parseStoreUrl(database.url) as { path: string };
    const handle = new BetterSqlite3(path, { readonly: true });
    try {
      const plan = handle
        .prepare<[object], { detail: string }>(`explain query plan ${CHUNKS_SQL}`)
        .all({ run: RUN, from: 0, to: 7, size: 8192 })
        .map((step) => step.detail);
      expect(plan).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^SEARCH verdicts USING COVERING INDEX verdicts_analysis /),
          expect.stringMatching(/^SEARCH response_briefs USING COVERING INDEX response_briefs_models /),
        ]),
      );
    } finally {
      handle.close();
    }
  });

  it.runIf(dialect === 'sqlite')('reads the same part in chunks of any size, from any range', () => {
    const { path } = parseStoreUrl(database.url) as { path: string };
    const handle = new BetterSqlite3(path, { readonly: true });
    try {
      const whole = readSqliteRange(handle, RUN, [0, 7]);
      expect([...whole.ordinals]).toEqual([0, 1, 2, 4, 5, 6]);
      expect(whole.cells.map((cell) => (JSON.parse(cell) as string[])[6])).toContain(HOSTILE_MODEL);
      // Chunks of 1, 2 and 3 jobs cut the run at every place; a chunk may hold a pending job only.
      for (const chunkJobs of [1, 2, 3])
        expect(readSqliteRange(handle, RUN, [0, 7], chunkJobs)).toEqual(whole);
      expect([...readSqliteRange(handle, RUN, [2, 5], 2).ordinals]).toEqual([2, 4]);
      expect(readSqliteRange(handle, RUN, [7, 9]).ordinals).toHaveLength(0);
    } finally {
      handle.close();
    }
  });

  it.runIf(dialect === 'sqlite')(
    'reads the same records when ranges are read in worker threads',
    async () => {
      const { path } = parseStoreUrl(database.url) as { path: string };
      const handle = new BetterSqlite3(path, { readonly: true });
      const read = async (maxParts: number): Promise<AnalysisRecord[]> => {
        const records: AnalysisRecord[] = [];
        const sqlite = { handle, lock: (work: () => void) => Promise.resolve(work()) };
        await eachAnalysisRecord(store.db, RUN, (r) => records.push(r), sqlite, {
          maxParts,
          minPartJobs: 1,
        });
        return records;
      };
      try {
        const whole = await read(1);
        expect(whole).toHaveLength(6);
        for (const parts of [2, 3, 7]) expect(await read(parts)).toEqual(whole);
        // The two p-tie samples fall in different ranges: equal lists, read apart, are two objects.
        const split = await read(3);
        expect(split[5]!.verdicts).toEqual(split[1]!.verdicts);
        expect(split[5]!.verdicts).not.toBe(split[1]!.verdicts);
      } finally {
        handle.close();
      }
    },
  );

  it.runIf(dialect === 'sqlite')('fails the read when a worker thread fails', async () => {
    const { path } = parseStoreUrl(database.url) as { path: string };
    const directory = mkdtempSync(join(tmpdir(), 'redline-analysis-'));
    const copy = join(directory, 'copy.db');
    const source = new BetterSqlite3(path, { readonly: true });
    source.exec(`VACUUM INTO '${copy}'`);
    source.close();
    const handle = new BetterSqlite3(copy, { readonly: true });
    // Gone from the disk but open here: a worker cannot open it.
    rmSync(copy);
    const lock = (work: () => void) => Promise.resolve(work());
    try {
      await expect(
        eachAnalysisRecord(store.db, RUN, () => {}, { handle, lock }, { maxParts: 2, minPartJobs: 1 }),
      ).rejects.toThrow(/unable to open|does not exist|cannot open/i);
    } finally {
      handle.close();
      rmSync(directory, { recursive: true });
    }
  });
});
