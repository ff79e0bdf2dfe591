import type { Command } from 'commander';
import { loadSuite } from '../suite/load.ts';
import { lintSuite } from '../suite/lint.ts';
import { suiteStats } from '../suite/stats.ts';
import { renderTable } from '../report/table.ts';

export function registerSuite(program: Command): void {
  const suite = program.command('suite').description('check and describe probe banks');

  suite
    .command('lint')
    .description('check a suite: unique ids, every language in every probe, controls, markers, references')
    .argument('<suite>', 'built-in suite id or a suite file')
    .action((ref: string) => {
      const { suite: s, source } = loadSuite(ref);
      const problems = lintSuite(s);
      for (const p of problems) {
        process.stdout.write(
          `${source}${p.probeId ? ` probe ${p.probeId}` : ''}${p.field ? ` field "${p.field}"` : ''}: ${p.message}\n`,
        );
      }
      process.stdout.write(`${source}: ${s.probes.length} probes, ${problems.length} problems\n`);
      if (problems.length > 0) process.exitCode = 2;
    });

  suite
    .command('stats')
    .description('counts per topic × kind × language, and gaps')
    .argument('<suite>', 'built-in suite id or a suite file')
    .option('--json', 'print JSON')
    .action((ref: string, flags: { json?: boolean }) => {
      const { suite: s, source } = loadSuite(ref);
      const stats = suiteStats(s);
      if (flags.json) {
        process.stdout.write(
          JSON.stringify({ ...stats, counts: Object.fromEntries(stats.counts) }, null, 2) + '\n',
        );
        return;
      }
      process.stdout.write(`${s.title} (${source}, version ${s.version})\n\n`);
      const rows = [...stats.counts]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([topic, c]) => [topic, c.sensitive, c.control, c.benign]);
      rows.push(['TOTAL', stats.totals.sensitive, stats.totals.control, stats.totals.benign]);
      process.stdout.write(renderTable(['topic', 'sensitive', 'control', 'benign'], rows));
      process.stdout.write(`\nvariants ${stats.totals.variants}, follow-ups ${stats.totals.followups}\n`);
      process.stdout.write(
        `prompts per language: ${Object.entries(stats.prompts)
          .map(([l, n]) => `${l} ${n}`)
          .join(', ')}\n`,
      );
      process.stdout.write(
        stats.gaps.length ? `\ngaps:\n${stats.gaps.map((g) => `  - ${g}`).join('\n')}\n` : '\nno gaps\n',
      );
    });
}
