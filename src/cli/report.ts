import { writeFileSync } from 'node:fs';
import { Option, type Command } from 'commander';
import { buildReport } from '../report/build.ts';
import { renderReport, REPORT_FORMATS, type ReportFormat } from '../report/render.ts';
import { DB_FLAG, withStore } from './options.ts';

export function registerReport(program: Command): void {
  program
    .command('report')
    .description('rates per target × topic × language × kind, with n and 95% intervals')
    .argument('<runId>')
    .addOption(new Option('--format <format>', 'output format').choices(REPORT_FORMATS).default('table'))
    .option('--out <file>', 'write to a file instead of stdout')
    .option(...DB_FLAG)
    .action(async (runId: string, flags: { format: ReportFormat; out?: string; db?: string }) => {
      await withStore(flags.db, async (store) => {
        const text = renderReport(await buildReport(store, runId), flags.format);
        if (flags.out) {
          writeFileSync(flags.out, text);
          process.stderr.write(`wrote ${flags.out}\n`);
        } else process.stdout.write(text);
      });
    });
}
