import { writeFileSync } from 'node:fs';
import { Option, type Command } from 'commander';
import { buildReportWithRows } from '../report/build.ts';
import { renderReport, REPORT_FORMATS, type ReportFormat } from '../report/render.ts';
import { renderHtml } from '../report/html/page.ts';
import { InputError } from '../util/errors.ts';
import type { Check } from '../report/checks.ts';
import { applyChecks, DB_FLAG, FAIL_ON_FLAG, withStore } from './options.ts';

/** `--same-weights a,b,c`, repeatable: each use is one group of targets serving the same weights. */
export function sameWeightsGroup(value: string, previous: string[][] = []): string[][] {
  const targets = value
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean);
  if (targets.length < 2)
    throw new InputError(`--same-weights ${value}: name at least two target ids, comma-separated`);
  return [...previous, targets];
}

export function registerReport(program: Command): void {
  program
    .command('report')
    .description(
      'rates, gaps, over-refusal, consistency and the layer matrix of a run, each with n and a 95% interval',
    )
    .argument('<runId>')
    .addOption(new Option('--format <format>', 'output format').choices(REPORT_FORMATS).default('table'))
    .option('--out <file>', 'write to a file instead of stdout')
    .option(
      '--same-weights <targets>',
      'targets that serve the same weights, comma-separated (repeatable)',
      sameWeightsGroup,
    )
    .option(...FAIL_ON_FLAG)
    .option(...DB_FLAG)
    .action(
      async (
        runId: string,
        flags: {
          format: ReportFormat;
          out?: string;
          sameWeights?: string[][];
          db?: string;
          failOn?: Check[];
        },
      ) => {
        await withStore(flags.db, async (store) => {
          const built = await buildReportWithRows(store, runId, { sameWeights: flags.sameWeights ?? [] });
          const known = new Set(built.data.meta.targets);
          const unknown = (flags.sameWeights ?? []).flat().filter((t) => !known.has(t));
          if (unknown.length)
            throw new InputError(`--same-weights: run ${runId} has no target ${unknown.join(', ')}`);
          const text =
            flags.format === 'html' ? await renderHtml(store, built) : renderReport(built.data, flags.format);
          if (flags.out) {
            writeFileSync(flags.out, text);
            process.stderr.write(`wrote ${flags.out}${built.data.meta.simulated ? ' (SIMULATED)' : ''}\n`);
          } else process.stdout.write(text);
          if (flags.failOn) applyChecks(built.rows, flags.failOn);
        });
      },
    );
}
