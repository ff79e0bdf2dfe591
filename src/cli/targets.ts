import type { Command } from 'commander';
import { PRESETS } from '../target/presets.ts';
import { defaultModelSource, modelCacheDir } from '../target/local/default-model.ts';
import { renderTable } from '../report/table.ts';

export function registerTargets(program: Command): void {
  program
    .command('targets')
    .description(
      'the presets: base URL, the key variable each reads, and whether it is set (never its value)',
    )
    .option('--json', 'print JSON')
    .action((flags: { json?: boolean }) => {
      const rows = PRESETS.map((p) => ({
        preset: p.name,
        baseUrl:
          p.protocol === 'local'
            ? '(in-process: a GGUF file)'
            : (p.baseUrl ?? (p.name === 'sim' ? '(in-process simulator)' : '(give @BASE_URL)')),
        keyEnv: p.keyEnv ?? '',
        keySet: p.keyEnv ? Boolean(process.env[p.keyEnv]) : false,
        keyOptional: p.keyOptional ?? false,
        description: p.description,
      }));
      if (flags.json) {
        process.stdout.write(JSON.stringify(rows, null, 2) + '\n');
        return;
      }
      process.stdout.write(
        renderTable(
          ['preset', 'base URL', 'key variable', 'key', 'what'],
          rows.map((r) => [
            r.preset,
            r.baseUrl,
            r.keyEnv || '-',
            r.keyEnv ? (r.keySet ? 'set' : r.keyOptional ? 'not needed' : 'NOT SET') : '-',
            r.description,
          ]),
        ),
      );
      process.stdout.write(
        '\nA target is PRESET:MODEL, optionally @BASE_URL to go through a proxy or test server.\n' +
          `With no --target, \`redline run\` audits the default local model (${defaultModelSource().fileName}), ` +
          `downloaded once into ${modelCacheDir()}; ` +
          (engineInstalled()
            ? 'its engine, node-llama-cpp, is installed.\n'
            : 'its engine, node-llama-cpp, is NOT installed (npm i -E node-llama-cpp@3.21.1).\n'),
      );
    });
}

/** Whether the optional local engine resolves, without loading it. */
function engineInstalled(): boolean {
  try {
    import.meta.resolve('node-llama-cpp');
    return true;
  } catch {
    return false;
  }
}
