import { basename, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { InputError } from '../util/errors.ts';
import { findPreset, PRESETS } from './presets.ts';
import type { TargetConfig } from './types.ts';

export const TARGET_DEFAULTS = {
  stream: true,
  concurrency: 4,
  rps: 0,
  connectTimeoutMs: 15_000,
  idleTimeoutMs: 120_000,
  maxRetries: 4,
} as const;

/**
 * Parses `PRESET:MODEL[@BASE_URL]` (model names may contain `:`, as Ollama's do).
 * `overrides` holds what a config file or flags add (params, concurrency, ...).
 */
export function parseTargetSpec(spec: string, overrides: Partial<TargetConfig> = {}): TargetConfig {
  const colon = spec.indexOf(':');
  if (colon <= 0) {
    throw new InputError(
      `--target "${spec}": expected PRESET:MODEL or openai-compatible:MODEL@BASE_URL (presets: ${PRESETS.map((p) => p.name).join(', ')}).`,
    );
  }
  const presetName = spec.slice(0, colon);
  if (presetName === 'local') return localTargetConfig(spec.slice(colon + 1), overrides);
  const preset = findPreset(presetName);
  if (!preset) {
    throw new InputError(
      `--target "${spec}": unknown preset "${presetName}". Presets: ${PRESETS.map((p) => p.name).join(', ')}.`,
    );
  }
  let model = spec.slice(colon + 1);
  let baseUrl = preset.baseUrl;
  const at = model.search(/@https?:\/\//);
  if (at >= 0) {
    baseUrl = model.slice(at + 1);
    model = model.slice(0, at);
    try {
      new URL(baseUrl);
    } catch {
      throw new InputError(`--target "${spec}": "${baseUrl}" is not a valid URL.`);
    }
  }
  if (!model) throw new InputError(`--target "${spec}": the model name is missing (PRESET:MODEL).`);
  if (!baseUrl && presetName !== 'sim') {
    throw new InputError(
      `--target "${spec}": this preset needs a base URL: ${presetName}:${model}@http://host:port/v1`,
    );
  }
  return {
    id: `${presetName}:${model}`,
    preset: presetName,
    protocol: preset.protocol,
    model,
    baseUrl: baseUrl ?? '',
    keyEnv: preset.keyEnv,
    params: { ...preset.params },
    headers: {},
    ...TARGET_DEFAULTS,
    ...overrides,
  };
}

/**
 * A target for a GGUF file: id `local:<file name>`, the absolute path as its model (so a
 * resumed run finds it from any folder), one request at a time (the adapter runs them one by
 * one anyway; more would only queue inside it).
 */
export function localTargetConfig(path: string, overrides: Partial<TargetConfig> = {}): TargetConfig {
  const file = resolve(path);
  return {
    id: `local:${basename(file)}`,
    preset: 'local',
    protocol: 'local',
    model: file,
    baseUrl: pathToFileURL(file).href,
    params: { ...findPreset('local')?.params },
    headers: {},
    ...TARGET_DEFAULTS,
    concurrency: 1,
    ...overrides,
  };
}

/** A key that a preset needs but the environment lacks: said before any request, without the value. */
export function missingKey(config: TargetConfig): string | undefined {
  const preset = findPreset(config.preset);
  if (!config.keyEnv || preset?.keyOptional || process.env[config.keyEnv]) return undefined;
  return `${config.id}: set ${config.keyEnv} in the environment (redline reads keys only from there).`;
}
