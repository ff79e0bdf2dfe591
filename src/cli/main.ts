import { Command, CommanderError } from 'commander';
import { InputError } from '../util/errors.ts';
import { TOOL_VERSION } from '../util/version.ts';
import { registerRun } from './run.ts';
import { registerDemo } from './demo.ts';
import { registerRuns } from './runs.ts';
import { registerShow } from './show.ts';
import { registerReport } from './report.ts';
import { registerExport } from './export.ts';
import { registerSuite } from './suite.ts';
import { registerTargets } from './targets.ts';
import { registerScore } from './score.ts';
import { registerDiff } from './diff.ts';
import { registerClassify } from './classify.ts';
import { registerReview } from './review.ts';
import { registerWatch } from './watch.ts';

const program = new Command('redline')
  .description('Audit large language models for political censorship.')
  .version(TOOL_VERSION)
  .showHelpAfterError()
  .exitOverride();

for (const register of [
  registerRun,
  registerDemo,
  registerRuns,
  registerShow,
  registerReport,
  registerExport,
  registerSuite,
  registerTargets,
  registerScore,
]) {
  register(program);
}
registerDiff(program);
registerClassify(program);
registerReview(program);
registerWatch(program);

try {
  await program.parseAsync(process.argv);
} catch (err) {
  process.exitCode = exitCodeFor(err);
}

/** 0 done, 1 a check failed, 2 bad input or config (DESIGN.md, "Interfaces"). */
function exitCodeFor(err: unknown): number {
  if (err instanceof CommanderError) {
    // commander printed its message already; help and version are not errors
    return err.exitCode === 0 ? 0 : 2;
  }
  if (err instanceof InputError) {
    process.stderr.write(`redline: ${err.message}\n`);
    return 2;
  }
  process.stderr.write(`redline: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  return 1;
}
