import { randomBytes } from 'node:crypto';
import type { Suite } from '../suite/schema.ts';
import type { Store, RunRecord } from '../store/types.ts';
import type { TargetConfig } from '../target/types.ts';
import { InputError } from '../util/errors.ts';
import { hashOf } from '../util/hash.ts';
import { TOOL_VERSION, gitRevision } from '../util/version.ts';
import { planJobs, type PlanOptions } from './plan.ts';

/** What a run stores to be reproduced or resumed: everything but secrets. */
export interface RunSpec extends PlanOptions {
  suite: Suite;
  suiteSource: string;
  targets: TargetConfig[];
}

/** Settings that change what the models are asked; the simulator's ephemeral URL is not one of them. */
export function configHash(spec: RunSpec, suiteHash: string): string {
  return hashOf({
    suiteHash,
    languages: spec.languages,
    samples: spec.samples,
    variants: spec.variants,
    targets: spec.targets.map((t) => ({
      ...t,
      baseUrl: t.preset === 'sim' ? '' : t.baseUrl,
      concurrency: 0,
      rps: 0,
    })),
  });
}

export function newRunId(now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `${stamp}-${randomBytes(2).toString('hex')}`;
}

/**
 * The run to work on: the newest unfinished run with the same configuration (so re-running
 * a command continues it), or a new one with its planned jobs.
 */
export async function openRun(
  store: Store,
  spec: RunSpec,
  suiteHash: string,
): Promise<{ run: RunRecord; resumed: boolean }> {
  const ids = new Set<string>();
  for (const t of spec.targets) {
    if (ids.has(t.id))
      throw new InputError(`two targets have the id "${t.id}": give them distinct ids in a config file`);
    ids.add(t.id);
  }
  const hash = configHash(spec, suiteHash);
  const candidates = (await store.listRuns()).filter((r) => r.configHash === hash).reverse();
  for (const run of candidates) {
    // Counted, not loaded: a monitored config has many earlier runs, each of a million jobs.
    if ((await store.countDoneJobs(run.id)) < (await store.countJobs(run.id))) return { run, resumed: true };
  }
  const run: RunRecord = {
    id: newRunId(),
    createdAt: new Date().toISOString(),
    suiteId: spec.suite.id,
    suiteVersion: spec.suite.version,
    suiteHash,
    configHash: hash,
    toolVersion: TOOL_VERSION,
    gitRevision: gitRevision(),
    simulated: spec.targets.every((t) => t.preset === 'sim'),
    spec,
  };
  await store.createRun(run, planJobs(run.id, spec.suite, spec.targets, spec));
  return { run, resumed: false };
}
