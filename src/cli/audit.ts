import type { Store } from '../store/types.ts';
import type { TargetConfig } from '../target/types.ts';
import { createTarget } from '../target/registry.ts';
import { missingKey } from '../target/spec.ts';
import { executeRun, type ExecuteResult } from '../run/runner.ts';
import { openRun, type RunSpec } from '../run/session.ts';
import { Progress } from '../run/progress.ts';
import { scoreRun } from '../score/score-run.ts';
import { SCORERS, DEFAULT_SCORERS } from '../score/registry.ts';
import { InputError } from '../util/errors.ts';
import { startSims, type SimHandle } from './sims.ts';

export interface AuditOutcome extends ExecuteResult {
  runId: string;
  resumed: boolean;
  simulated: boolean;
}

/**
 * Opens (or resumes) the run, asks every pending job, scores what was stored. Ctrl-C stops
 * taking jobs, lets in-flight ones end as aborted (not stored), and leaves the run resumable.
 */
export async function audit(
  store: Store,
  spec: RunSpec,
  suiteHash: string,
  opts: { quiet?: boolean },
): Promise<AuditOutcome> {
  for (const t of spec.targets) {
    const missing = missingKey(t);
    if (missing) throw new InputError(missing);
  }
  const { run, resumed } = await openRun(store, spec, suiteHash);
  const sims: SimHandle | undefined = await startSims(spec.targets);
  const controller = new AbortController();
  const onSigint = () => {
    if (controller.signal.aborted) process.exit(130);
    process.stderr.write(
      '\nredline: stopping; in-flight answers are dropped, the run can be resumed (Ctrl-C again to quit now)\n',
    );
    controller.abort();
  };
  process.on('SIGINT', onSigint);
  try {
    if (!opts.quiet) {
      process.stderr.write(
        `${resumed ? 'resuming' : 'starting'} run ${run.id}${run.simulated ? ' (SIMULATED: the built-in simulator, not a real model)' : ''}\n`,
      );
    }
    const targets = spec.targets.map((t: TargetConfig) => createTarget(sims ? sims.resolve(t) : t));
    const result = await executeRun({
      store,
      runId: run.id,
      suite: spec.suite,
      targets,
      signal: controller.signal,
      progress: opts.quiet ? undefined : new Progress(),
    });
    await scoreRun(
      store,
      run.id,
      DEFAULT_SCORERS.map((n) => SCORERS[n]!),
    );
    return {
      ...result,
      interrupted: result.interrupted || controller.signal.aborted,
      runId: run.id,
      resumed,
      simulated: run.simulated,
    };
  } finally {
    process.off('SIGINT', onSigint);
    await sims?.close();
  }
}
