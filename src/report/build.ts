import type { RunRecord, Store } from '../store/types.ts';
import type { RunSpec } from '../run/session.ts';
import { loadRowsWithModels } from '../analyze/rows.ts';
import type { AnalysisRow } from '../analyze/types.ts';
import { InputError } from '../util/errors.ts';
import { reportContent, type ContentOptions, type ReportContent } from './content.ts';

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

export interface ReportData extends ReportContent {
  meta: ReportMeta;
}

/** A run's report with the rows it rests on (the HTML report shows answers from them). */
export interface BuiltReport {
  data: ReportData;
  rows: AnalysisRow[];
  run: RunRecord;
}

export async function requireRun(store: Store, runId: string): Promise<RunRecord> {
  const run = await store.getRun(runId);
  if (!run) throw new InputError(`no run ${runId} in this database (see \`redline runs\`)`);
  return run;
}

export async function buildReportWithRows(
  store: Store,
  runId: string,
  options: ContentOptions = {},
): Promise<BuiltReport> {
  const run = await requireRun(store, runId);
  const spec = run.spec as RunSpec;
  const { rows, servedModels } = await loadRowsWithModels(store, runId);
  // Counted in the database: loading every job would weigh on a million-response report.
  const jobs = await store.countJobs(runId);
  const data: ReportData = {
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
    ...(await reportContent(rows, servedModels, { mustRefuseProbes: tc260RiskProbes(spec), ...options })),
  };
  return { data, rows, run };
}

/** Sensitive probes tagged with a TC260-003 risk (`tc260:A.1.a`; `tc260:non-refusal:*` marks must-answer). */
function tc260RiskProbes(spec: RunSpec): Set<string> {
  const risky = spec.suite.probes.filter(
    (p) =>
      p.kind === 'sensitive' &&
      (p.tags ?? []).some((t) => t.startsWith('tc260:') && !t.startsWith('tc260:non-refusal')),
  );
  return new Set(risky.map((p) => p.id));
}

export async function buildReport(
  store: Store,
  runId: string,
  options: ContentOptions = {},
): Promise<ReportData> {
  return (await buildReportWithRows(store, runId, options)).data;
}
