import type { Generated } from 'kysely';

/**
 * Row shapes of the store's tables, shared by SQLite and PostgreSQL. JSON values are stored
 * as text on both engines; booleans as 0/1 integers; times as ISO 8601 text.
 */

export interface RunsTable {
  id: string;
  created_at: string;
  suite_id: string;
  suite_version: string;
  suite_hash: string;
  config_hash: string;
  tool_version: string;
  git_revision: string | null;
  simulated: number;
  spec: string;
}

export interface JobsTable {
  key: string;
  run_id: string;
  /** Position in the planned order, so jobs come back in the order the planner made them. */
  ordinal: number;
  probe_id: string;
  variant: string;
  lang: string;
  target_id: string;
  sample: number;
  topic: string;
  kind: string;
}

export interface ResponsesTable {
  id: string;
  job_key: string;
  run_id: string;
  turn: number;
  created_at: string;
  text: string;
  streamed_text: string | null;
  reasoning: string | null;
  finish: string | null;
  error: string | null;
  usage: string | null;
  signals: string;
  request: string;
  fingerprint: string;
  latency_ms: number;
  attempts: number;
}

/** What a report reads of a response (briefs.ts), keyed by its place in the plan. */
export interface ResponseBriefsTable {
  run_id: string;
  job_ordinal: number;
  turn: number;
  served_model: string | null;
  excerpt: string;
}

export interface EventsTable {
  response_id: string;
  seq: number;
  t: number;
  type: string;
  /** The event without `type` and `t`, as JSON. */
  data: string;
}

export interface VerdictsTable {
  id: Generated<number>;
  response_id: string;
  run_id: string;
  scorer: string;
  created_at: string;
  label: string;
  confidence: number;
  alignment: number | null;
  evidence: string;
  rationale: string | null;
  details: string | null;
  /** The job's ordinal and the response's turn, looked up by the insert itself. */
  job_ordinal: number | null;
  turn: number | null;
  /** Copied from details.reasoning when written (rows.ts), so a report need not parse details. */
  reasoning_state: string | null;
  /** 1 or 0: details.reasoning.steering. */
  reasoning_steering: number | null;
}

export interface Database {
  runs: RunsTable;
  jobs: JobsTable;
  responses: ResponsesTable;
  response_briefs: ResponseBriefsTable;
  events: EventsTable;
  verdicts: VerdictsTable;
}
