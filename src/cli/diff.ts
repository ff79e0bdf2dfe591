import { Option, type Command } from 'commander';
import { diff, type DriftExample } from '../analyze/drift.ts';
import { loadRows } from '../analyze/rows.ts';
import type { Store } from '../store/types.ts';
import { requireRun } from '../report/build.ts';
import { diffData, DIFF_FORMATS, renderDiff, type DiffData, type DiffFormat } from '../report/diff.ts';
import { InputError } from '../util/errors.ts';
import { DB_FLAG, withStore } from './options.ts';

/**
 * Tests every question and topic of two runs for a change in the not-answered rate, and quotes
 * the answers of the examples: of every test, or only of the significant changes (all that a
 * table or an alert shows; two large runs have hundreds of thousands of tests).
 */
export async function diffRuns(
  store: Store,
  beforeId: string,
  afterId: string,
  { fdr = 0.05, quote = 'all' }: { fdr?: number; quote?: 'all' | 'changed' } = {},
): Promise<DiffData> {
  const before = await requireRun(store, beforeId);
  const after = await requireRun(store, afterId);
  const drift = diff(await loadRows(store, beforeId), await loadRows(store, afterId), { fdr });
  const quoted = [...drift.probes, ...drift.topics].filter((change) => quote === 'all' || change.significant);
  await quoteExamples(
    store,
    beforeId,
    quoted.map((change) => change.beforeExample),
  );
  await quoteExamples(
    store,
    afterId,
    quoted.map((change) => change.afterExample),
  );
  return diffData(before, after, drift);
}

/** Looks up the answers the examples show: rows from a store name their job, not its answer. */
async function quoteExamples(
  store: Store,
  runId: string,
  candidates: (DriftExample | null)[],
): Promise<void> {
  const examples = candidates.filter(
    (e): e is DriftExample => e !== null && e.excerpt === null && e.ordinal !== null,
  );
  const excerpts = await store.excerpts(
    runId,
    examples.map((e) => e.ordinal!),
  );
  for (const example of examples) example.excerpt = excerpts.get(example.ordinal!) ?? null;
}

function fdrValue(value: string): number {
  const fdr = Number(value);
  if (!(fdr > 0 && fdr < 1))
    throw new InputError(`--fdr ${value}: expected a number between 0 and 1, e.g. 0.05`);
  return fdr;
}

export function registerDiff(program: Command): void {
  program
    .command('diff')
    .description(
      'what changed between two runs: per question and per topic, with Benjamini-Hochberg correction',
    )
    .argument('<runA>', 'the earlier run')
    .argument('<runB>', 'the later run')
    .option('--fdr <q>', 'false discovery rate', fdrValue, 0.05)
    .addOption(new Option('--format <format>', 'output format').choices(DIFF_FORMATS).default('table'))
    .option(...DB_FLAG)
    .action(async (runA: string, runB: string, flags: { fdr: number; format: DiffFormat; db?: string }) => {
      await withStore(flags.db, async (store) => {
        // JSON carries every test with its examples; the other formats show the changes only.
        const quote = flags.format === 'json' ? 'all' : 'changed';
        process.stdout.write(
          renderDiff(await diffRuns(store, runA, runB, { fdr: flags.fdr, quote }), flags.format),
        );
      });
    });
}
