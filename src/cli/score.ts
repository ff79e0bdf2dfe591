import type { Command } from 'commander';
import { scoreRun } from '../score/score-run.ts';
import { SCORERS, DEFAULT_SCORERS } from '../score/registry.ts';
import { InputError } from '../util/errors.ts';
import { DB_FLAG, withStore } from './options.ts';

export function registerScore(program: Command): void {
  program
    .command('rescore')
    .description('score stored responses again without asking the models (adds verdicts; never overwrites)')
    .argument('<runId>')
    .option('--scorer <name...>', `scorers to apply (${Object.keys(SCORERS).join(', ')})`, DEFAULT_SCORERS)
    .option('--force', 'add a fresh verdict even where this scorer has one')
    .option(...DB_FLAG)
    .action(async (runId: string, flags: { scorer: string[]; force?: boolean; db?: string }) => {
      const scorers = flags.scorer.map((name) => {
        const scorer = SCORERS[name];
        if (!scorer) throw new InputError(`--scorer ${name}: unknown scorer (known: ${Object.keys(SCORERS).join(', ')})`);
        return scorer;
      });
      await withStore(flags.db, async (store) => {
        if (!(await store.getRun(runId))) throw new InputError(`no run ${runId} in this database (see \`redline runs\`)`);
        const added = await scoreRun(store, runId, scorers, flags.force);
        process.stdout.write(`added ${added} verdicts to run ${runId}\n`);
      });
    });
}
