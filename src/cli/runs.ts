import type { Command } from 'commander';
import { DB_FLAG, withStore } from './options.ts';
import type { RunSpec } from '../run/session.ts';
import { renderTable } from '../report/table.ts';

export function registerRuns(program: Command): void {
  program
    .command('runs')
    .description('list the runs in the database')
    .option(...DB_FLAG)
    .option('--json', 'print a JSON array')
    .action(async (flags: { db?: string; json?: boolean }) => {
      await withStore(flags.db, async (store) => {
        const rows = [];
        for (const run of await store.listRuns()) {
          const jobs = await store.countJobs(run.id);
          const done = await store.countDoneJobs(run.id);
          const spec = run.spec as RunSpec;
          rows.push({
            id: run.id,
            createdAt: run.createdAt,
            suite: `${run.suiteId}@${run.suiteVersion}`,
            targets: spec.targets.map((t) => t.id),
            languages: spec.languages,
            samples: spec.samples,
            jobs,
            done,
            simulated: run.simulated,
            toolVersion: run.toolVersion,
          });
        }
        if (flags.json) {
          process.stdout.write(JSON.stringify(rows, null, 2) + '\n');
          return;
        }
        if (rows.length === 0) {
          process.stdout.write('no runs yet: try `redline demo`\n');
          return;
        }
        process.stdout.write(
          renderTable(
            ['run', 'created', 'suite', 'targets', 'langs', 'done', 'note'],
            rows.map((r) => [
              r.id,
              r.createdAt.slice(0, 19),
              r.suite,
              r.targets.join(' '),
              r.languages.join(','),
              `${r.done}/${r.jobs}`,
              r.simulated ? 'SIMULATED' : '',
            ]),
          ),
        );
      });
    });
}
