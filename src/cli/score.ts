import type { Command } from 'commander';
import { scoreRun } from '../score/score-run.ts';
import { SCORERS, DEFAULT_SCORERS } from '../score/registry.ts';
import type { Scorer } from '../score/scorer.ts';
import { createJudgeScorer } from '../score/judge/judge.ts';
import { ensembleRun } from '../score/judge/ensemble.ts';
import { formatAgreement } from '../score/judge/agreement.ts';
import { RUBRIC_V1 } from '../score/judge/rubric-v1.ts';
import { missingKey, parseTargetSpec } from '../target/spec.ts';
import type { Store } from '../store/types.ts';
import { InputError } from '../util/errors.ts';
import { DB_FLAG, withStore } from './options.ts';

export interface RescoreOptions {
  scorers: string[];
  /** Judge targets as PRESET:MODEL[@URL]. */
  judges: string[];
  force?: boolean;
}

function judgeScorers(specs: string[]): Scorer[] {
  return specs.map((spec) => {
    const config = parseTargetSpec(spec);
    const missing = missingKey(config);
    if (missing) throw new InputError(`--judge ${spec}: ${missing}`);
    return createJudgeScorer(config, RUBRIC_V1);
  });
}

/** Adds verdicts from the named scorers and judges, then the judge ensemble; returns the text to print. */
export async function rescore(store: Store, runId: string, opts: RescoreOptions): Promise<string> {
  const scorers = opts.scorers.map((name) => {
    const scorer = SCORERS[name];
    if (!scorer)
      throw new InputError(`--scorer ${name}: unknown scorer (known: ${Object.keys(SCORERS).join(', ')})`);
    return scorer;
  });
  const judges = judgeScorers(opts.judges);
  if (!(await store.getRun(runId)))
    throw new InputError(`no run ${runId} in this database (see \`redline runs\`)`);
  const added = await scoreRun(store, runId, [...scorers, ...judges], opts.force);
  let out = `added ${added} verdicts to run ${runId}\n`;
  if (judges.length > 0) {
    const ensemble = await ensembleRun(
      store,
      runId,
      judges.map((j) => j.name),
      RUBRIC_V1.version,
      opts.force,
    );
    if (judges.length > 1) out += `added ${ensemble.added} ensemble verdicts\n`;
    out += formatAgreement(ensemble.agreement);
  }
  return out;
}

const collect = (value: string, previous: string[]): string[] => [...previous, value];

export function registerScore(program: Command): void {
  program
    .command('rescore')
    .description('score stored responses again without asking the models (adds verdicts; never overwrites)')
    .argument('<runId>')
    .option('--scorer <name...>', `scorers to apply (${Object.keys(SCORERS).join(', ')})`, DEFAULT_SCORERS)
    .option('--judge <spec>', 'an LLM judge, PRESET:MODEL[@URL]; repeat for an ensemble', collect, [])
    .option('--force', 'add a fresh verdict even where this scorer has one')
    .option(...DB_FLAG)
    .action(
      async (runId: string, flags: { scorer: string[]; judge: string[]; force?: boolean; db?: string }) => {
        const text = await withStore(flags.db, (store) =>
          rescore(store, runId, { scorers: flags.scorer, judges: flags.judge, force: flags.force }),
        );
        process.stdout.write(text);
      },
    );
}
