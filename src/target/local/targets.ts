import { InputError } from '../../util/errors.ts';
import type { TargetConfig } from '../types.ts';
import { defaultModelSource, modelCacheDir, DEFAULT_MODEL } from './default-model.ts';
import { DownloadError, ensureModelFile } from './download.ts';
import { EngineError, loadLibrary } from './engine.ts';
import { ggufProblem } from './gguf-file.ts';
import { localSettings } from './settings.ts';

/** `local:default` names the built-in default model, like `redline run` with no target. */
export const DEFAULT_SPEC = 'local:default';

export function isLocalSpec(spec: string): boolean {
  return spec.startsWith('local:');
}

/** The optional engine is installed: said before a download or a job starts (exit code 2). */
export async function checkEngine(): Promise<void> {
  try {
    await loadLibrary();
  } catch (err) {
    throw new InputError(err instanceof EngineError ? err.message : String(err));
  }
}

/** The target's file is a GGUF model and its settings are usable, or an input error naming the flag. */
export function checkModelFile(config: TargetConfig, flag: string): void {
  const problem = ggufProblem(config.model);
  if (problem) throw new InputError(`${flag}: ${problem}. Give the path of a .gguf model file.`);
  try {
    localSettings(config.params);
  } catch (err) {
    throw new InputError(`${config.id}: ${(err as Error).message}`);
  }
}

/**
 * The default model's file: from the cache folder, or downloaded there first (with a progress
 * bar on stderr). Any failure is an input error that says where the file comes from, where it
 * goes, and the two ways to audit without it.
 */
export async function defaultModelFile(out: NodeJS.WriteStream = process.stderr): Promise<string> {
  const source = defaultModelSource();
  const dir = modelCacheDir();
  const size = source.sizeBytes === undefined ? '' : `, ${(source.sizeBytes / 1e9).toFixed(1)} GB`;
  try {
    const { path, downloaded } = await ensureModelFile(source, dir, { out });
    out.write(
      downloaded
        ? `redline: checked sha256 ${source.sha256}; saved as ${path}\n`
        : `redline: using the cached model ${path}\n`,
    );
    return path;
  } catch (err) {
    if (!(err instanceof DownloadError)) throw err;
    const alternatives = `To audit without it: give a GGUF file you have with --model-file PATH, or run \`redline demo\` (the built-in simulator, offline).`;
    if (err.kind === 'checksum') {
      throw new InputError(`the default model download failed its checksum: ${err.message} ${alternatives}`);
    }
    throw new InputError(
      `cannot download the default model${size} from ${source.url}: ${err.message}. ` +
        `It is saved once into the cache folder ${dir} (set REDLINE_CACHE to use another). ${alternatives}`,
    );
  }
}

/** What `redline run` says before it fetches or loads the default model. */
export function defaultModelNotice(): string {
  const source = defaultModelSource();
  const name =
    source.url === DEFAULT_MODEL.url ? 'Qwen2.5-1.5B-Instruct (Q4_K_M GGUF, Apache-2.0)' : source.url;
  return `redline: no --target given: auditing the default local model, ${name}, in-process on the CPU.\n`;
}
