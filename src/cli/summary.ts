import type { Store } from '../store/types.ts';
import { buildReport } from '../report/build.ts';
import { renderReport } from '../report/render.ts';
import type { AuditOutcome } from './audit.ts';

export async function printRunSummary(store: Store, outcome: AuditOutcome): Promise<void> {
  process.stdout.write(renderReport(await buildReport(store, outcome.runId), 'table'));
  const status = outcome.interrupted ? `interrupted: resume with \`redline run --resume ${outcome.runId}\`` : 'complete';
  process.stdout.write(`\n${outcome.done}/${outcome.jobs} jobs done, ${outcome.failed} failed (${status}).\n`);
  process.stdout.write(`Details: redline report ${outcome.runId} --format md | redline export ${outcome.runId}\n`);
}
