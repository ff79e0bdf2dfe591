import { InputError } from '../util/errors.ts';
import { OpenAICompatibleTarget } from './openai/adapter.ts';
import type { Target, TargetConfig } from './types.ts';

/** Collects the adapters; each protocol family is one small module (research/aesthetics.md, lesson 10). */
const ADAPTERS: Record<string, (config: TargetConfig) => Target> = {
  openai: (config) => new OpenAICompatibleTarget(config),
};

export function createTarget(config: TargetConfig): Target {
  const make = ADAPTERS[config.protocol];
  if (!make) throw new InputError(`${config.id}: no adapter for protocol "${config.protocol}".`);
  return make(config);
}
