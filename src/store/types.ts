import type { StreamEvent } from '../target/events.ts';
import type { SentRequest } from '../target/types.ts';
import type { Verdict } from '../score/types.ts';
import type { Signal, FinishReason, Usage, TargetError } from '../target/events.ts';

/**
 * The one repository API over SQLite and PostgreSQL. Append-only: a run, job, response,
 * event or verdict is written once and never updated (DESIGN.md, "Store").
 */

export interface RunRecord {
  id: string;
  createdAt: string; // ISO 8601
  suiteId: string;
  suiteVersion: string;
  suiteHash: string;
  configHash: string;
  toolVersion: string;
  gitRevision: string | null;
  /** True when every target is the simulator: every output then says "simulated". */
  simulated: boolean;
  /** Everything needed to reproduce the run: suite snapshot, targets (no keys), languages, samples. */
  spec: unknown;
}

export interface JobRecord {
  /** Deterministic: the same (run, probe, variant, language, target, sample) always gives the same key. */
  key: string;
  runId: string;
  probeId: string;
  variant: string; // "main" or a variant id
  lang: string;
  targetId: string;
  sample: number;
  topic: string;
  kind: string;
}

export interface ResponseRecord {
  id: string; // `${jobKey}#${turn}`
  jobKey: string;
  runId: string;
  turn: number; // 0 for the first question, 1.. for follow-ups
  createdAt: string;
  request: SentRequest;
  text: string;
  /** Text streamed before any replacement, when the server replaced it (kept, never lost). */
  streamedText: string | null;
  reasoning: string | null;
  finish: FinishReason | null;
  error: TargetError | null;
  usage: Usage | null;
  signals: Signal[];
  /** Identifies the serving side: model id returned, system_fingerprint, request id, host, settings hash. */
  fingerprint: Record<string, unknown>;
  latencyMs: number;
  /** Attempts made (retries included) before this result. */
  attempts: number;
}

export interface ResponseWithEvents extends ResponseRecord {
  events: StreamEvent[];
}

export interface VerdictRecord extends Verdict {
  id?: number;
  responseId: string;
  runId: string;
  /** e.g. "embedded@1", "markers@1", "judge:openai:gpt-4o@rubric-1", "human:alice". */
  scorer: string;
  createdAt: string;
}

/** One verdict of a first-turn response, as the analysis reads it. */
export interface AnalysisVerdict {
  scorer: string;
  label: string;
  alignment: number | null;
  /** From the verdict's details, where its scorer compared reasoning with answer: absent, empty or present. */
  reasoningState: string | null;
  /** True when the reasoning states facts the answer leaves out. */
  reasoningSteering: boolean | null;
}

/** What a job shares with the other samples of the same question to the same target. */
export interface AnalysisCell {
  targetId: string;
  probeId: string;
  variant: string;
  lang: string;
  topic: string;
  kind: string;
  /** `fingerprint.model`: the model id the server said it served; null when it said none. */
  servedModel: string | null;
}

/**
 * What the analysis needs of one job with a first-turn response. Cells and verdict lists that
 * read the same are one shared, frozen object: a million jobs do not hold a million copies.
 */
export interface AnalysisRecord {
  cell: AnalysisCell;
  sample: number;
  /** The job's place in the plan: where to find its excerpt (Store.excerpts). */
  ordinal: number;
  /** Every verdict of the response, in the order they were stored. */
  verdicts: readonly AnalysisVerdict[];
}

/** Called with each analysis record in planned job order; the record is not kept by the store. */
export type AnalysisVisitor = (record: AnalysisRecord) => void;

export interface Store {
  /** Applies pending migrations. Safe to call on every start. */
  migrate(): Promise<void>;
  /** Creates the run and its planned jobs; a second call with the same run id adds nothing. */
  createRun(run: RunRecord, jobs: JobRecord[]): Promise<void>;
  getRun(id: string): Promise<RunRecord | undefined>;
  listRuns(): Promise<RunRecord[]>;
  jobs(runId: string): Promise<JobRecord[]>;
  /** Jobs of the run with no stored result yet. */
  pendingJobs(runId: string): Promise<JobRecord[]>;
  /**
   * Stores every turn of one job with its events, atomically: all or nothing.
   * Returns false (and stores nothing) when the job already has a result.
   */
  saveResult(jobKey: string, responses: ResponseWithEvents[]): Promise<boolean>;
  /** Responses of a run in job-key then turn order. */
  responses(runId: string): Promise<ResponseRecord[]>;
  /** The same with every response's events, for export. */
  responsesWithEvents(runId: string): Promise<ResponseWithEvents[]>;
  getResponse(id: string): Promise<ResponseWithEvents | undefined>;
  addVerdicts(verdicts: VerdictRecord[]): Promise<void>;
  verdicts(runId: string): Promise<VerdictRecord[]>;
  /**
   * Visits one record per job with a first-turn response (its verdicts inside), in planned job
   * order, without holding them all: a report reads a million.
   */
  eachAnalysisRecord(runId: string, visit: AnalysisVisitor): Promise<void>;
  /**
   * The first 200 characters of the first-turn answers of the jobs at these places in the plan
   * (untrusted model output), for the few rows a report shows; ordinals without one are left out.
   */
  excerpts(runId: string, ordinals: readonly number[]): Promise<Map<number, string>>;
  /** How many jobs the run planned, done or not. */
  countJobs(runId: string): Promise<number>;
  /** How many of them have a first-turn result (the rest are pending), counted without loading them. */
  countDoneJobs(runId: string): Promise<number>;
  close(): Promise<void>;
}
