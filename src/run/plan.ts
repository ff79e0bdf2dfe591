import type { Suite, Probe } from '../suite/schema.ts';
import type { TargetConfig } from '../target/types.ts';
import type { JobRecord } from '../store/types.ts';
import { hashOf } from '../util/hash.ts';

export interface PlanOptions {
  languages: string[];
  samples: number;
  /** Ask each probe's variants (other framings) as well as its main prompt. */
  variants: boolean;
}

/** The deterministic key of one (run, probe, variant, language, target, sample) cell. */
export function jobKey(
  runId: string,
  probeId: string,
  variant: string,
  lang: string,
  targetId: string,
  sample: number,
): string {
  return hashOf([runId, probeId, variant, lang, targetId, sample], 24);
}

/** Every job of a run, in a stable order: target, probe, variant, language, sample. */
export function planJobs(
  runId: string,
  suite: Suite,
  targets: TargetConfig[],
  opts: PlanOptions,
): JobRecord[] {
  const jobs: JobRecord[] = [];
  for (const target of targets) {
    for (const probe of suite.probes) {
      for (const variant of variantIds(probe, opts.variants)) {
        for (const lang of opts.languages) {
          if (!promptFor(probe, variant, lang)) continue;
          for (let sample = 0; sample < opts.samples; sample++) {
            jobs.push({
              key: jobKey(runId, probe.id, variant, lang, target.id, sample),
              runId,
              probeId: probe.id,
              variant,
              lang,
              targetId: target.id,
              sample,
              topic: probe.topic,
              kind: probe.kind,
            });
          }
        }
      }
    }
  }
  return jobs;
}

function variantIds(probe: Probe, withVariants: boolean): string[] {
  return ['main', ...(withVariants ? (probe.variants ?? []).map((v) => v.id) : [])];
}

export function promptFor(probe: Probe, variant: string, lang: string): string | undefined {
  if (variant === 'main') return probe.prompt[lang];
  return probe.variants?.find((v) => v.id === variant)?.prompt[lang];
}
