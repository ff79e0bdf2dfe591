/**
 * Builds the full report from 1,000,000 stored responses on SQLite three times, each in a fresh
 * process (report-build.ts), and prints each build's time and their median (goal: under 5 s).
 * The data is inserted with plain SQL in bulk, not through the runner, but shaped like a real
 * run's: hashed job keys, answers and requests of kilobytes (about 5 GB in all), one time per
 * verdict, jobs in the planner's order, alignments in every group, and two verdicts per response
 * with the evidence and details the embedded classifier and the markers scorer write. With
 * --events, each response also gets the 83 stream events a real one stores (raw SSE frames, text
 * deltas, start, finish): a store six times the size (28 GB), seeded in about ten minutes. A
 * report reads none of them, so they cost it only when the page cache is cold.
 * Usage: npm run bench:report [-- RESPONSES] [--events]
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import BetterSqlite3 from 'better-sqlite3';
import { openStore } from '../src/store/open.ts';
import { insertBriefsSql } from '../src/store/briefs.ts';
import { verdictToRow } from '../src/store/rows.ts';
import type { VerdictRecord } from '../src/store/types.ts';
import type { Evidence, VerdictLabel } from '../src/score/types.ts';

const args = process.argv.slice(2);
const WITH_EVENTS = args.includes('--events');
// Internal: seed this file and exit (see the end of this file).
const SEED_INTO = args.includes('--seed-into') ? args[args.indexOf('--seed-into') + 1]! : undefined;
const RESPONSES = Number(args.find((a) => /^\d+$/.test(a)) ?? 1_000_000);
// Responses per commit: with events, one transaction of 28 GB would spill pages to the WAL again
// and again.
const PER_COMMIT = 20_000;
const BUILDS = 3;
const BUILD = fileURLToPath(new URL('./report-build.ts', import.meta.url));

interface BuildResult {
  seconds: number;
  cpuSeconds: number;
  results: number;
  rateGroups: number;
  layerRows: number;
  peakMb: number;
}
const TARGETS = ['api:deepseek', 'host:deepseek', 'local:deepseek', 'open:model'];
const MODELS = ['deepseek-ai/DeepSeek-V3-20250324', 'DeepSeek-V3', 'deepseek-v3', 'open-model-1'];
const LANGS = ['en', 'zh-Hans', 'zh-Hant', 'ar'];
const TOPICS = [
  'tiananmen',
  'xinjiang',
  'tibet',
  'taiwan',
  'hong-kong',
  'xi-jinping',
  'covid-19',
  'great-leap',
  'falun-gong',
  'one-child',
];
const KINDS = ['sensitive', 'control', 'benign'];
const LABELS: VerdictLabel[] = [
  'answered',
  'answered',
  'refused',
  'deflected',
  'partial',
  'censored',
  'error',
];
const RUN = 'bench-run';
// What the embedded classifier writes per verdict (about 300 characters each of evidence and details).
const EVIDENCE: Evidence[] = [
  {
    source: 'text',
    start: 6,
    end: 28,
    quote: 'the government has always',
    rule: 'official-narrative boilerplate in the model’s own voice',
  },
  {
    source: 'text',
    start: 38,
    end: 53,
    quote: 'people first',
    rule: 'official-narrative boilerplate in the model’s own voice',
  },
  {
    source: 'text',
    start: 138,
    end: 154,
    quote: 'reliable sources',
    rule: 'lecture on laws, rumours or official sources',
  },
];
const REASONING = [
  { state: 'absent', steering: false },
  { state: 'present', steering: false },
  { state: 'present', steering: true },
  { state: 'empty', steering: false },
];
const embeddedDetails = (reasoning: { state: string; steering: boolean }) => ({
  script: 'latin',
  overlap: 0.08,
  cleanChars: 0,
  cleanFacts: 0,
  cues: {
    refusal: 0,
    withhold: 0,
    changeSubject: 0,
    officialVoice: 3,
    officialQuoted: 0,
    lecture: 1,
    evasive: 0,
    attribution: 0,
    fact: 0,
  },
  reasoning: { ...reasoning, dropped: [] },
});
const SAMPLES = 5;
// Answers and requests of the size real ones have (kilobytes), so that the report is measured
// against rows it must not read whole.
const ANSWERS: Record<string, string> = {
  en: 'The events of that period are documented by historians, journalists and official records. '.repeat(12),
  'zh-Hans': '关于这一时期的事件，历史学者、记者和官方档案都有记载，各方叙述并不一致。'.repeat(20),
  'zh-Hant': '關於這一時期的事件，歷史學者、記者和官方檔案都有記載，各方敘述並不一致。'.repeat(20),
  ar: 'وثّق المؤرخون والصحفيون والسجلات الرسمية أحداث تلك الفترة، وتختلف الروايات فيما بينها. '.repeat(12),
};
const REQUEST = JSON.stringify({
  url: 'https://api.example.com/v1/chat/completions',
  headers: { 'content-type': 'application/json' },
  body: { model: 'deepseek-chat', messages: [{ role: 'user', content: 'Q'.repeat(400) }], temperature: 0.7 },
});

function seed(path: string): void {
  const db = new BetterSqlite3(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -2000000');
  const spec = JSON.stringify({
    suite: { id: 'bench', probes: [] },
    targets: TARGETS.map((id) => ({ id })),
    languages: LANGS,
    samples: SAMPLES,
  });
  db.prepare(
    `INSERT INTO runs (id, created_at, suite_id, suite_version, suite_hash, config_hash, tool_version, git_revision, simulated, spec)
     VALUES (?, '2026-10-01T00:00:00.000Z', 'bench', '1', 'h', 'c', '0.1.0', NULL, 1, ?)`,
  ).run(RUN, spec);
  const job = db.prepare(
    'INSERT INTO jobs (key, run_id, ordinal, probe_id, variant, lang, target_id, sample, topic, kind) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const response = db.prepare(
    `INSERT INTO responses (id, job_key, run_id, turn, created_at, text, streamed_text, reasoning, finish, error, usage, signals, request, fingerprint, latency_ms, attempts)
     VALUES (?, ?, ?, 0, '2026-10-01T00:00:00.000Z', ?, NULL, NULL, NULL, NULL, NULL, '[]', ?, ?, 100, 1)`,
  );
  // Columns as the store's writer makes them (verdictToRow), the place in the plan added.
  const verdict = db.prepare(
    `INSERT INTO verdicts (response_id, run_id, scorer, created_at, label, confidence, alignment, evidence, rationale, details, reasoning_state, reasoning_steering, job_ordinal, turn)
     VALUES (@response_id, @run_id, @scorer, @created_at, @label, @confidence, @alignment, @evidence, @rationale, @details, @reasoning_state, @reasoning_steering, @job_ordinal, 0)`,
  );
  const addVerdict = (ordinal: number, record: VerdictRecord) =>
    verdict.run({ ...verdictToRow(record), job_ordinal: ordinal });
  const events = WITH_EVENTS ? streamEvents(db) : () => {};
  const insertRange = db.transaction((from: number, to: number) => {
    // In the planner's order: target, then probe, language and sample.
    const perTarget = Math.ceil(RESPONSES / TARGETS.length);
    for (let i = from; i < to; i++) {
      const t = Math.floor(i / perTarget);
      const probe = Math.floor((i % perTarget) / (LANGS.length * SAMPLES));
      const lang = LANGS[Math.floor(i / SAMPLES) % LANGS.length]!;
      const sample = i % SAMPLES;
      const topic = TOPICS[probe % TOPICS.length]!;
      const kind = KINDS[Math.floor(probe / TOPICS.length) % KINDS.length]!;
      // Keys as the planner makes them: 24 hex digits of a hash, in no relation to the plan's order.
      const key = createHash('sha256').update(`${RUN}/${i}`).digest('hex').slice(0, 24);
      // Each verdict with its own time, as when scored during the run.
      const at = new Date(Date.UTC(2026, 9, 1) + i * 7).toISOString();
      job.run(key, RUN, i, `p${probe}`, 'main', lang, TARGETS[t]!, sample, topic, kind);
      const responseId = `${key}#0`;
      response.run(
        responseId,
        key,
        RUN,
        `${i}: ${ANSWERS[lang]}`,
        REQUEST,
        JSON.stringify({ model: MODELS[t], host: 'h' }),
      );
      events(responseId, key);
      addVerdict(i, {
        responseId,
        runId: RUN,
        scorer: 'embedded@1',
        createdAt: at,
        label: LABELS[(i * 7919) % LABELS.length]!,
        confidence: 0.9,
        evidence: EVIDENCE,
        rationale: 'talks around the question',
        details: embeddedDetails(REASONING[i % REASONING.length]!),
      });
      addVerdict(i, {
        responseId,
        runId: RUN,
        scorer: 'markers@1',
        createdAt: at,
        label: 'answered',
        confidence: 0.9,
        evidence: [],
        ...(i % 2 === 0 && { alignment: ((i % 21) - 10) / 10 }),
        details: { matched: i % 3 },
      });
    }
  });
  for (let from = 0; from < RESPONSES; from += PER_COMMIT)
    insertRange(from, Math.min(RESPONSES, from + PER_COMMIT));
  // Briefed all at once, by the statement every writer uses one response at a time.
  db.exec(insertBriefsSql('sqlite'));
  db.close();
}

/** Writes a response's stream as the recorder stores it: start, meta, 40 chunks (raw frame and text delta), finish. */
function streamEvents(db: BetterSqlite3.Database): (responseId: string, key: string) => void {
  const event = db.prepare('INSERT INTO events (response_id, seq, t, type, data) VALUES (?, ?, ?, ?, ?)');
  const part = (n: number) => `part ${n} of the answer`;
  const frame = (key: string, n: number) =>
    JSON.stringify({
      kind: 'sse',
      data: JSON.stringify({
        id: `chatcmpl-${key}`,
        object: 'chat.completion.chunk',
        created: 1785628800,
        model: 'deepseek-chat',
        system_fingerprint: 'fp_bench',
        choices: [{ index: 0, delta: { content: part(n) }, logprobs: null, finish_reason: null }],
      }),
    });
  return (responseId, key) => {
    let seq = 0;
    const add = (t: number, type: string, data: unknown) =>
      event.run(responseId, seq++, t, type, typeof data === 'string' ? data : JSON.stringify(data));
    add(0, 'start', { request: { url: 'https://api.example.com/v1/chat/completions' } });
    add(1, 'meta', { status: 200, headers: { 'content-type': 'text/event-stream' } });
    for (let n = 0; n < 40; n++) {
      add(10 + n, 'raw', frame(key, n));
      add(10 + n, 'text-delta', { text: part(n) });
    }
    add(60, 'finish', { reason: { normalized: 'stop', raw: 'stop' }, usage: { input: 20, output: 400 } });
  };
}

if (SEED_INTO) {
  await (await openStore(SEED_INTO)).close();
  seed(SEED_INTO);
} else {
  const work = mkdtempSync(join(tmpdir(), 'redline-bench-report-'));
  try {
    const path = join(work, 'bench.db');
    const seedStart = performance.now();
    // In a process of its own: Linux counts a child's peak memory from its parent's at the fork,
    // and seeding holds hundreds of megabytes that would show in every build's peak.
    execFileSync(
      process.execPath,
      [
        '--import',
        'tsx',
        fileURLToPath(import.meta.url),
        '--seed-into',
        path,
        String(RESPONSES),
        ...(WITH_EVENTS ? ['--events'] : []),
      ],
      { stdio: 'inherit' },
    );
    console.log(
      `inserted ${RESPONSES.toLocaleString('en')} responses${WITH_EVENTS ? ' with their stream events' : ''} (${(statSync(path).size / 1e9).toFixed(1)} GB) in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`,
    );
    // Three builds, each in a fresh process as `redline report` runs: on a shared machine one
    // build's time can be off by a fifth.
    const seconds: number[] = [];
    for (let build = 1; build <= BUILDS; build++) {
      const output = execFileSync(process.execPath, ['--import', 'tsx', BUILD, path, RUN], {
        encoding: 'utf8',
      });
      const result = JSON.parse(output) as BuildResult;
      seconds.push(result.seconds);
      console.log(
        `build ${build}: report of ${result.results.toLocaleString('en')} scored responses (${result.rateGroups} rate groups, ${result.layerRows} layer rows) in ${result.seconds.toFixed(2)} s wall, ${result.cpuSeconds.toFixed(2)} CPU-s, peak RSS ${result.peakMb} MB (load average ${loadavg()[0]!.toFixed(1)})`,
      );
    }
    const median = [...seconds].sort((a, b) => a - b)[Math.floor(BUILDS / 2)]!;
    console.log(`median ${median.toFixed(2)} s over ${BUILDS} builds (goal < 5 s)`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
