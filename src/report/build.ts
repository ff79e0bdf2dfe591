import type { Store } from '../store/types.ts';
import type { RunSpec } from '../run/session.ts';
import { VERDICT_LABELS, type VerdictLabel } from '../score/types.ts';
import { loadRows } from '../analyze/rows.ts';
import type { AnalysisRow, Proportion } from '../analyze/types.ts';
import { wilson } from '../analyze/stats.ts';
import { InputError } from '../util/errors.ts';

export interface ReportMeta {
  runId: string;
  createdAt: string;
  suite: string;
  suiteHash: string;
  configHash: string;
  toolVersion: string;
  gitRevision: string | null;
  simulated: boolean;
  languages: string[];
  targets: string[];
  samples: number;
  jobs: number;
  results: number;
}

/** Counts for one (target, topic, language, kind) cell; n excludes errors. */
export interface ReportCell {
  targetId: string;
  topic: string;
  lang: string;
  kind: string;
  n: number;
  counts: Record<VerdictLabel, number>;
  notAnswered: Proportion;
}

export interface ReportData {
  meta: ReportMeta;
  /** Which scorer each figure rests on: scorer name → number of effective verdicts. */
  scorers: Record<string, number>;
  cells: ReportCell[];
}

export async function buildReport(store: Store, runId: string): Promise<ReportData> {
  const run = await store.getRun(runId);
  if (!run) throw new InputError(`no run ${runId} in this database (see \`redline runs\`)`);
  const spec = run.spec as RunSpec;
  const rows = await loadRows(store, runId);
  const jobs = (await store.jobs(runId)).length;
  return {
    meta: {
      runId,
      createdAt: run.createdAt,
      suite: `${run.suiteId}@${run.suiteVersion}`,
      suiteHash: run.suiteHash,
      configHash: run.configHash,
      toolVersion: run.toolVersion,
      gitRevision: run.gitRevision,
      simulated: run.simulated,
      languages: spec.languages,
      targets: spec.targets.map((t) => t.id),
      samples: spec.samples,
      jobs,
      results: rows.length,
    },
    scorers: countBy(rows, (r) => r.scorer),
    cells: cellsOf(rows),
  };
}

function cellsOf(rows: AnalysisRow[]): ReportCell[] {
  const cells = new Map<string, ReportCell>();
  for (const r of rows) {
    const key = `${r.targetId}\u0000${r.topic}\u0000${r.lang}\u0000${r.kind}`;
    let cell = cells.get(key);
    if (!cell) {
      cell = {
        targetId: r.targetId,
        topic: r.topic,
        lang: r.lang,
        kind: r.kind,
        n: 0,
        counts: Object.fromEntries(VERDICT_LABELS.map((l) => [l, 0])) as Record<VerdictLabel, number>,
        notAnswered: { count: 0, n: 0, rate: null, interval: null },
      };
      cells.set(key, cell);
    }
    cell.counts[r.label]++;
    if (r.label !== 'error') cell.n++;
  }
  for (const cell of cells.values()) {
    const count = cell.n - cell.counts.answered;
    cell.notAnswered = { count, n: cell.n, rate: cell.n ? count / cell.n : null, interval: wilson(count, cell.n) };
  }
  return [...cells.values()].sort((a, b) =>
    a.targetId.localeCompare(b.targetId) || a.topic.localeCompare(b.topic) || a.kind.localeCompare(b.kind) || a.lang.localeCompare(b.lang),
  );
}

function countBy<T>(items: T[], key: (t: T) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const item of items) out[key(item)] = (out[key(item)] ?? 0) + 1;
  return out;
}
