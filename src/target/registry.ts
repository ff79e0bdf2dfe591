import { InputError } from '../util/errors.ts';
import { AnthropicTarget } from './anthropic/adapter.ts';
import { DashScopeTarget } from './dashscope/adapter.ts';
import { GeminiTarget } from './gemini/adapter.ts';
import { LocalTarget } from './local/adapter.ts';
import { OpenAICompatibleTarget } from './openai/adapter.ts';
import { AZURE } from './openai/dialects/azure.ts';
import { DOUBAO } from './openai/dialects/doubao.ts';
import { ERNIE, ERNIE_V1 } from './openai/dialects/ernie.ts';
import { MINIMAX } from './openai/dialects/minimax.ts';
import type { Protocol } from './presets.ts';
import type { Target, TargetConfig } from './types.ts';

/** Collects the adapters; each protocol family is one small module (research/aesthetics.md, lesson 10). */
const ADAPTERS: Record<Protocol, (config: TargetConfig) => Target> = {
  openai: (config) => new OpenAICompatibleTarget(config),
  ernie: (config) => new OpenAICompatibleTarget(config, ERNIE),
  'ernie-v1': (config) => new OpenAICompatibleTarget(config, ERNIE_V1),
  minimax: (config) => new OpenAICompatibleTarget(config, MINIMAX),
  doubao: (config) => new OpenAICompatibleTarget(config, DOUBAO),
  azure: (config) => new OpenAICompatibleTarget(config, AZURE),
  anthropic: (config) => new AnthropicTarget(config),
  gemini: (config) => new GeminiTarget(config),
  dashscope: (config) => new DashScopeTarget(config),
  local: (config) => new LocalTarget(config),
};

export function createTarget(config: TargetConfig): Target {
  const make = (ADAPTERS as Record<string, ((config: TargetConfig) => Target) | undefined>)[config.protocol];
  if (!make) throw new InputError(`${config.id}: no adapter for protocol "${config.protocol}".`);
  return make(config);
}
