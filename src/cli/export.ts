import { createWriteStream, readFileSync, existsSync } from 'node:fs';
import { once } from 'node:events';
import type { Command } from 'commander';
import { exportLines, importLines } from '../report/evallog.ts';
import { InputError } from '../util/errors.ts';
import { DB_FLAG, withStore } from './options.ts';

export function registerExport(program: Command): void {
  program
    .command('export')
    .description(
      'write the eval log of a run (JSONL: a header line, then one line per job with its responses, events and verdicts)',
    )
    .argument('<runId>')
    .option('--out <file>', 'write to a file instead of stdout')
    .option(...DB_FLAG)
    .action(async (runId: string, flags: { out?: string; db?: string }) => {
      await withStore(flags.db, async (store) => {
        const out = flags.out ? createWriteStream(flags.out) : process.stdout;
        for await (const line of exportLines(store, runId)) {
          if (!out.write(line + '\n')) await once(out, 'drain');
        }
        if (flags.out) {
          (out as ReturnType<typeof createWriteStream>).end();
          await once(out, 'finish');
          process.stderr.write(`wrote ${flags.out}\n`);
        }
      });
    });

  program
    .command('import')
    .description('load an eval log written by `redline export` into the database')
    .argument('<file>')
    .option(...DB_FLAG)
    .action(async (file: string, flags: { db?: string }) => {
      if (!existsSync(file)) throw new InputError(`${file}: no such file`);
      const lines = readFileSync(file, 'utf8').split('\n');
      await withStore(flags.db, async (store) => {
        const { runId, results } = await importLines(store, lines, file);
        process.stdout.write(`imported run ${runId}: ${results} new job results\n`);
      });
    });
}
