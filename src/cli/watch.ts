import { join } from 'node:path';
import type { Command } from 'commander';
import { loadSuite } from '../suite/load.ts';
import { parseTargetSpec } from '../target/spec.ts';
import { configHash, type RunSpec } from '../run/session.ts';
import { watch } from '../run/watch.ts';
import { InputError } from '../util/errors.ts';
import { audit } from './audit.ts';
import { diffRuns } from './diff.ts';
import { parseLanguages } from './run.ts';
import { DB_FLAG, positiveInt, withStore } from './options.ts';

const UNITS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** "2s", "30m", "6h", "1d" → milliseconds. */
export function parseInterval(value: string): number {
  const match = /^(\d+(?:\.\d+)?)([smhd])$/.exec(value.trim());
  if (!match || Number(match[1]) <= 0)
    throw new InputError(`--every ${value}: expected a duration such as 30m, 6h or 1d`);
  return Number(match[1]) * UNITS[match[2]!]!;
}

interface WatchFlags {
  every: number;
  maxRuns?: number;
  webhook?: string;
  fdr: string;
  suite: string;
  target?: string[];
  lang: string;
  samples: number;
  variants: boolean;
  db?: string;
}

export function registerWatch(program: Command): void {
  program
    .command('watch')
    .description(
      're-run an audit on a schedule; on a significant change against the previous run, print it and POST it to a webhook',
    )
    .requiredOption('--every <duration>', 'interval, e.g. 6h, 30m, 1d', parseInterval)
    .option('--max-runs <n>', 'stop after this many audits', positiveInt('--max-runs'))
    .option('--webhook <url>', 'POST the change as JSON to this URL')
    .option('--fdr <q>', 'false discovery rate for the diff', '0.05')
    .option('--suite <id|file>', 'built-in suite id or a suite file', 'quick')
    .option('--target <spec...>', 'PRESET:MODEL or openai-compatible:MODEL@BASE_URL (repeatable)')
    .option('--lang <list>', 'languages, comma-separated', 'en,zh-Hans,ar')
    .option('--samples <n>', 'samples per question', positiveInt('--samples'), 1)
    .option('--no-variants', "ask only each probe's main framing")
    .option(...DB_FLAG)
    .action(async (flags: WatchFlags) => {
      if (!flags.target?.length) throw new InputError('watch needs at least one --target');
      const fdr = Number(flags.fdr);
      if (!(fdr > 0 && fdr < 1))
        throw new InputError(`--fdr ${flags.fdr}: expected a number between 0 and 1`);
      if (flags.webhook && !/^https?:\/\//.test(flags.webhook))
        throw new InputError(`--webhook ${flags.webhook}: expected an http(s) URL`);
      const loaded = loadSuite(flags.suite);
      const spec: RunSpec = {
        suite: loaded.suite,
        suiteSource: loaded.source,
        targets: flags.target.map((t) => parseTargetSpec(t)),
        languages: parseLanguages(flags.lang, loaded.suite.languages),
        samples: flags.samples,
        variants: flags.variants,
      };
      const controller = new AbortController();
      const stop = () => controller.abort();
      process.once('SIGTERM', stop);
      await withStore(flags.db, async (store) => {
        await watch({
          store,
          configHash: configHash(spec, loaded.hash),
          targetIds: spec.targets.map((t) => t.id),
          everyMs: flags.every,
          ...(flags.maxRuns ? { maxRuns: flags.maxRuns } : {}),
          lockDir: join('.redline', 'locks'),
          runOnce: async () => {
            const outcome = await audit(store, spec, loaded.hash, { quiet: true });
            process.stderr.write(
              `run ${outcome.runId}: ${outcome.done}/${outcome.jobs} jobs${outcome.simulated ? ' (SIMULATED)' : ''}\n`,
            );
            return outcome.runId;
          },
          compare: async (before, after) => {
            const data = await diffRuns(store, before, after, { fdr, quote: 'changed' });
            const topics = data.drift.topics.filter((t) => t.significant);
            const probes = data.drift.probes.filter((p) => p.significant);
            if (!topics.length && !probes.length) return null;
            return {
              event: 'redline.change',
              simulated: data.simulated,
              before: data.before,
              after: data.after,
              fdr,
              topics,
              probes,
            };
          },
          ...(flags.webhook ? { webhook: flags.webhook } : {}),
          log: (line) => process.stdout.write(`${line}\n`),
          signal: controller.signal,
        });
      });
      process.off('SIGTERM', stop);
    });
}
