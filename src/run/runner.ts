import { setMaxListeners } from 'node:events';
import PQueue from 'p-queue';
import type { Suite, Probe } from '../suite/schema.ts';
import type { Store } from '../store/types.ts';
import type { Target } from '../target/types.ts';
import { askJob } from './ask.ts';
import { DEFAULT_RETRY, type RetryPolicy } from './retry.ts';

export interface ProgressSink {
  begin(targetId: string, total: number, alreadyDone: number): void;
  jobDone(targetId: string, failed: boolean): void;
  end(): void;
}

export interface ExecuteOptions {
  store: Store;
  runId: string;
  suite: Suite;
  targets: Target[];
  signal: AbortSignal;
  progress?: ProgressSink;
  retry?: RetryPolicy;
}

export interface ExecuteResult {
  jobs: number;
  /** Jobs with a stored result (from this and earlier sessions of the run). */
  done: number;
  /** Jobs whose stored result is an error that is not a moderation outcome. */
  failed: number;
  interrupted: boolean;
}

/**
 * Runs every pending job of a run. Each target has its own queue (concurrency and requests
 * per second); a job's result is stored atomically as soon as it completes, so an interrupted
 * run resumes from the store with nothing lost and nothing repeated.
 */
export async function executeRun(opts: ExecuteOptions): Promise<ExecuteResult> {
  const { store, runId, suite, signal } = opts;
  // Every request in flight listens for the abort; that is many listeners by design, not a leak.
  const inFlight = opts.targets.reduce((sum, t) => sum + t.config.concurrency, 0);
  setMaxListeners(Math.max(10, inFlight + 10), signal);
  const all = await store.jobs(runId);
  const pending = await store.pendingJobs(runId);
  const probes = new Map<string, Probe>(suite.probes.map((p) => [p.id, p]));
  const byTarget = groupBy(pending, (j) => j.targetId);
  const totals = groupBy(all, (j) => j.targetId);
  let fatal: Error | undefined;

  const work = opts.targets.map(async (target) => {
    const jobs = byTarget.get(target.config.id) ?? [];
    const total = totals.get(target.config.id)?.length ?? 0;
    opts.progress?.begin(target.config.id, total, total - jobs.length);
    const { concurrency, rps } = target.config;
    const queue = new PQueue({ concurrency, ...(rps > 0 ? { intervalCap: rps, interval: 1000 } : {}) });
    for (const job of jobs) {
      queue
        .add(async () => {
          if (signal.aborted || fatal) return;
          const probe = probes.get(job.probeId);
          if (!probe)
            throw new Error(`run ${runId}: job ${job.key} names probe ${job.probeId}, which the suite lacks`);
          const responses = await askJob(target, probe, job, opts.retry ?? DEFAULT_RETRY, signal);
          if (!responses || signal.aborted) return;
          await store.saveResult(job.key, responses);
          opts.progress?.jobDone(target.config.id, responses.some(isFailure));
        })
        .catch((err: unknown) => {
          fatal ??= err instanceof Error ? err : new Error(String(err)); // the store or the suite is broken: stop taking jobs, report it
        });
    }
    await queue.onIdle();
  });
  await Promise.all(work);
  opts.progress?.end();
  if (fatal) throw fatal;

  const stillPending = (await store.pendingJobs(runId)).length;
  const failedJobs = new Set((await store.responses(runId)).filter(isFailure).map((r) => r.jobKey));
  return {
    jobs: all.length,
    done: all.length - stillPending,
    failed: failedJobs.size,
    interrupted: stillPending > 0,
  };
}

/** An error that is not a moderation outcome (moderation is a result, not a failure). */
function isFailure(r: { error: { kind: string } | null }): boolean {
  return !!r.error && r.error.kind !== 'moderation';
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}
