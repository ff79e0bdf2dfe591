import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Command } from 'commander';
import { buildReportWithRows } from '../report/build.ts';
import { renderHtml } from '../report/html/page.ts';
import { renderDiff } from '../report/diff.ts';
import { diffRuns } from './diff.ts';
import { loadSuite } from '../suite/load.ts';
import { parseTargetSpec } from '../target/spec.ts';
import { PLANTED_DRIFT } from '../target/sim/behaviour.ts';
import type { RunSpec } from '../run/session.ts';
import { audit } from './audit.ts';
import { printRunSummary } from './summary.ts';
import { parseLanguages } from './run.ts';
import { DB_FLAG, positiveInt, withStore } from './options.ts';

const DEMO_TARGETS = ['sim:censor', 'sim:reasoner', 'sim:open'];
export const DEMO_REPORT = '.redline/demo-report.html';

/** A date before the simulator's planted behaviour change, for the "before" run. */
function dayBefore(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 30);
  return d.toISOString().slice(0, 10);
}

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description(
      'an offline audit of the built-in simulator (SIMULATED: not a real model), before and after a planted change',
    )
    .option('--suite <id|file>', 'built-in suite id or a suite file', 'quick')
    .option('--lang <list>', 'languages, comma-separated', 'en,zh-Hans,ar')
    .option('--samples <n>', 'samples per question', positiveInt('--samples'), 2)
    .option(...DB_FLAG)
    .option('--json', 'print {runId, jobs, done, failed, before} on stdout at the end')
    .action(async (flags: { suite: string; lang: string; samples: number; db?: string; json?: boolean }) => {
      process.stderr.write(
        'redline demo: SIMULATED audit against the built-in simulator (no network, no real model).\n',
      );
      const loaded = loadSuite(flags.suite);
      const languages = parseLanguages(flags.lang, loaded.suite.languages);
      const specAt = (simDate: string): RunSpec => ({
        suite: loaded.suite,
        suiteSource: loaded.source,
        targets: DEMO_TARGETS.map((t) =>
          parseTargetSpec(t, { params: { sim_date: simDate }, concurrency: 8 }),
        ),
        languages,
        samples: flags.samples,
        variants: true,
      });
      await withStore(flags.db, async (store) => {
        const before = await audit(store, specAt(dayBefore(PLANTED_DRIFT.defaultDate)), loaded.hash, {
          quiet: !!flags.json,
        });
        const after = await audit(store, specAt(new Date().toISOString().slice(0, 10)), loaded.hash, {
          quiet: !!flags.json,
        });
        mkdirSync(dirname(DEMO_REPORT), { recursive: true });
        writeFileSync(DEMO_REPORT, await renderHtml(store, await buildReportWithRows(store, after.runId)));
        if (flags.json) {
          process.stdout.write(
            JSON.stringify({
              runId: after.runId,
              jobs: after.jobs,
              done: after.done,
              failed: after.failed,
              before: before.runId,
              simulated: true,
            }) + '\n',
          );
          return;
        }
        await printRunSummary(store, after);
        process.stdout.write(
          `\nThe simulator changes behaviour on ${PLANTED_DRIFT.defaultDate}: run ${before.runId} is from before, run ${after.runId} from after.\n\n`,
        );
        process.stdout.write(
          renderDiff(await diffRuns(store, before.runId, after.runId, { quote: 'changed' }), 'table'),
        );
        process.stdout.write(`\nHTML report (SIMULATED): ${DEMO_REPORT}\n`);
        process.stdout.write('Everything above is SIMULATED.\n');
      });
    });
}
