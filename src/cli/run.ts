import type { Command } from 'commander';
import { loadSuite } from '../suite/load.ts';
import { normalizeLang } from '../suite/schema.ts';
import { localTargetConfig, parseTargetSpec } from '../target/spec.ts';
import type { TargetConfig } from '../target/types.ts';
import {
  checkEngine,
  checkModelFile,
  DEFAULT_SPEC,
  defaultModelFile,
  defaultModelNotice,
  isLocalSpec,
} from '../target/local/targets.ts';
import type { RunSpec } from '../run/session.ts';
import { InputError } from '../util/errors.ts';
import { hashOf } from '../util/hash.ts';
import { audit } from './audit.ts';
import { printRunSummary } from './summary.ts';
import { loadRows } from '../analyze/rows.ts';
import type { Check } from '../report/checks.ts';
import { applyChecks, DB_FLAG, FAIL_ON_FLAG, nonNegativeNumber, positiveInt, withStore } from './options.ts';

interface RunFlags {
  suite: string;
  target?: string[];
  modelFile?: string;
  lang: string;
  samples: number;
  concurrency?: number;
  rps?: number;
  variants: boolean;
  stream: boolean;
  resume?: string;
  db?: string;
  json?: boolean;
  failOn?: Check[];
}

export function registerRun(program: Command): void {
  program
    .command('run')
    .description('run an audit: every probe of a suite, in each language, against each target')
    .option('--suite <id|file>', 'built-in suite id or a suite file', 'quick')
    .option(
      '--target <spec...>',
      'PRESET:MODEL, openai-compatible:MODEL@BASE_URL or local:FILE.gguf (repeatable); none: the default local model',
    )
    .option('--model-file <path>', 'audit a GGUF model file in-process (target id local:<file name>)')
    .option('--lang <list>', 'languages, comma-separated (zh means zh-Hans)', 'en,zh-Hans,ar')
    .option('--samples <n>', 'samples per question', positiveInt('--samples'), 1)
    .option('--concurrency <n>', 'requests in flight per target', positiveInt('--concurrency'))
    .option('--rps <n>', 'requests per second per target (0: no limit)', nonNegativeNumber('--rps'))
    .option('--no-variants', "ask only each probe's main framing")
    .option('--no-stream', 'ask for whole answers instead of streams')
    .option('--resume <runId>', 'continue an interrupted run')
    .option(...DB_FLAG)
    .option(...FAIL_ON_FLAG)
    .option('--json', 'print one JSON object {runId, jobs, done, failed} on stdout at the end')
    .action(async (flags: RunFlags) => {
      await withStore(flags.db, async (store) => {
        let spec: RunSpec;
        let suiteHash: string;
        if (flags.resume) {
          const run = await store.getRun(flags.resume);
          if (!run)
            throw new InputError(
              `--resume ${flags.resume}: no such run in this database (see \`redline runs\`)`,
            );
          spec = run.spec as RunSpec;
          suiteHash = run.suiteHash;
          // A local model that moved or went missing would fail every job: say so instead.
          const local = spec.targets.filter((t) => t.protocol === 'local');
          if (local.length > 0) await checkEngine();
          for (const t of local) checkModelFile(t, `--resume ${flags.resume}: target ${t.id}`);
        } else {
          const loaded = loadSuite(flags.suite);
          const overrides = {
            ...(flags.concurrency ? { concurrency: flags.concurrency } : {}),
            ...(flags.rps !== undefined ? { rps: flags.rps } : {}),
            stream: flags.stream,
          };
          spec = {
            suite: loaded.suite,
            suiteSource: loaded.source,
            targets: await resolveTargets(flags, overrides),
            languages: parseLanguages(flags.lang, loaded.suite.languages),
            samples: flags.samples,
            variants: flags.variants,
          };
          suiteHash = loaded.hash;
        }
        const outcome = await audit(store, spec, suiteHash || hashOf(spec.suite), { quiet: false });
        if (flags.json) {
          process.stdout.write(
            JSON.stringify({
              runId: outcome.runId,
              jobs: outcome.jobs,
              done: outcome.done,
              failed: outcome.failed,
            }) + '\n',
          );
        } else {
          await printRunSummary(store, outcome);
        }
        if (flags.failOn) applyChecks(await loadRows(store, outcome.runId), flags.failOn);
        if (outcome.interrupted) process.exitCode = 130;
      });
    });
}

/**
 * The targets to audit: each --target, plus --model-file; with neither, the default local
 * model (downloaded once into the cache). Local files are checked before any job starts.
 */
async function resolveTargets(flags: RunFlags, overrides: Partial<TargetConfig>): Promise<TargetConfig[]> {
  const specs = [...(flags.target ?? [])];
  if (specs.length === 0 && !flags.modelFile) {
    process.stderr.write(defaultModelNotice());
    specs.push(DEFAULT_SPEC);
  }
  if (flags.modelFile) specs.push(`local:${flags.modelFile}`);
  if (specs.some(isLocalSpec)) await checkEngine();
  const targets: TargetConfig[] = [];
  for (const spec of specs) {
    if (!isLocalSpec(spec)) {
      targets.push(parseTargetSpec(spec, overrides));
      continue;
    }
    const file = spec === DEFAULT_SPEC ? await defaultModelFile() : spec.slice('local:'.length);
    const target = localTargetConfig(file, overrides);
    checkModelFile(target, flags.modelFile && file === flags.modelFile ? '--model-file' : `--target ${spec}`);
    targets.push(target);
  }
  return targets;
}

export function parseLanguages(list: string, declared: string[]): string[] {
  const langs = [
    ...new Set(
      list
        .split(',')
        .map((l) => normalizeLang(l.trim()))
        .filter(Boolean),
    ),
  ];
  const unknown = langs.filter((l) => !declared.includes(l));
  if (unknown.length > 0) {
    throw new InputError(
      `--lang: the suite has no ${unknown.join(', ')} text (it declares ${declared.join(', ')})`,
    );
  }
  return langs;
}
