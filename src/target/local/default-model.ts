import { homedir } from 'node:os';
import { basename, join } from 'node:path';

/**
 * The model `redline run` audits when no target is given.
 *
 * Why Qwen2.5-1.5B-Instruct, Q4_K_M: it is an open-weight model from a Chinese lab (Alibaba's
 * Qwen team), so the audit shows what censorship lives in the weights themselves, with no
 * provider filter in between; it answers in English, Chinese and Arabic; at 1.1 GB in 4-bit
 * it downloads in minutes and runs on a laptop CPU; it is Apache-2.0, so anyone may fetch and
 * run it; and Qwen's own team publishes the GGUF, so the file is the lab's, not a third party's
 * re-quantisation. The URL names a fixed revision of Qwen/Qwen2.5-1.5B-Instruct-GGUF, so the
 * bytes cannot change under the checksum; size and sha256 are the Hugging Face LFS values for
 * that file.
 */
export const DEFAULT_MODEL = {
  url: 'https://huggingface.co/Qwen/Qwen2.5-1.5B-Instruct-GGUF/resolve/91cad51170dc346986eccefdc2dd33a9da36ead9/qwen2.5-1.5b-instruct-q4_k_m.gguf',
  sha256: '6a1a2eb6d15622bf3c96857206351ba97e1af16c30d7a74ee38970e434e9407e',
  sizeBytes: 1_117_320_736,
} as const;

export interface ModelSource {
  url: string;
  sha256: string;
  /** Expected size, when known (the built-in default); a mirror set by the environment may omit it. */
  sizeBytes?: number;
  /** File name in the cache folder. */
  fileName: string;
}

/**
 * The default model, or the one the environment names: REDLINE_MODEL_URL points the download
 * at a mirror (or, in tests, a loopback server), REDLINE_MODEL_SHA256 gives the checksum of a
 * different file there.
 */
export function defaultModelSource(env: NodeJS.ProcessEnv = process.env): ModelSource {
  const url = env.REDLINE_MODEL_URL?.trim() || DEFAULT_MODEL.url;
  const sha256 = (env.REDLINE_MODEL_SHA256?.trim() || DEFAULT_MODEL.sha256).toLowerCase();
  const sameFile = sha256 === DEFAULT_MODEL.sha256;
  return {
    url,
    sha256,
    ...(sameFile ? { sizeBytes: DEFAULT_MODEL.sizeBytes } : {}),
    fileName: sameFile ? basename(new URL(DEFAULT_MODEL.url).pathname) : fileNameOf(url, sha256),
  };
}

/** `$REDLINE_CACHE`, else `$XDG_CACHE_HOME/redline/models`, else `~/.cache/redline/models`. */
export function modelCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.REDLINE_CACHE?.trim()) return env.REDLINE_CACHE.trim();
  const base = env.XDG_CACHE_HOME?.trim() || join(homedir(), '.cache');
  return join(base, 'redline', 'models');
}

/** A file name that two different checksums never share. */
function fileNameOf(url: string, sha256: string): string {
  let name = 'model.gguf';
  try {
    name = basename(new URL(url).pathname) || name;
  } catch {
    // an unparsable URL is reported by the download itself
  }
  return `${sha256.slice(0, 12)}-${name}`;
}
