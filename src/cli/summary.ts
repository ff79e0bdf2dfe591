import type { Store } from '../store/types.ts';
import { buildReport } from '../report/build.ts';
import { metaLines, reportSections } from '../report/sections.ts';
import { renderTable } from '../report/table.ts';
import type { AuditOutcome } from './audit.ts';

/** The end of a run: per-topic rates and the per-target sensitive − control gap; the rest is in `report`. */
export async function printRunSummary(store: Store, outcome: AuditOutcome): Promise<void> {
  const data = await buildReport(store, outcome.runId);
  const [topics, gaps] = reportSections(data);
  const perTarget = data.kindGaps.filter((g) => g.topic === null).length;
  process.stdout.write(`${metaLines(data).join('\n')}\n\n`);
  process.stdout.write(`== ${topics!.title} ==\n${renderTable(topics!.headers, topics!.rows)}\n`);
  process.stdout.write(
    `== ${gaps!.title} (per target) ==\n${renderTable(gaps!.headers, gaps!.rows.slice(0, perTarget))}\n`,
  );
  const status = outcome.interrupted
    ? `interrupted: resume with \`redline run --resume ${outcome.runId}\``
    : 'complete';
  process.stdout.write(`${outcome.done}/${outcome.jobs} jobs done, ${outcome.failed} failed (${status}).\n`);
  process.stdout.write(
    `Details: redline report ${outcome.runId} --format md | redline export ${outcome.runId}\n`,
  );
}
