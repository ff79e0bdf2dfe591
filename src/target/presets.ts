import { LOCAL_DEFAULT_PARAMS } from './local/settings.ts';

/**
 * Named endpoints. Keys come only from the environment variable each provider's own SDK reads;
 * any preset takes `@BASE_URL` to reach the same API through a proxy, a gateway or a test server.
 */
/** Wire protocols with an adapter in registry.ts; OpenAI dialects are named after their provider. */
export type Protocol =
  | 'openai'
  | 'ernie'
  | 'ernie-v1'
  | 'minimax'
  | 'doubao'
  | 'azure'
  | 'anthropic'
  | 'gemini'
  | 'dashscope'
  | 'local';

export interface Preset {
  name: string;
  protocol: Protocol;
  baseUrl?: string;
  keyEnv?: string;
  /** The key is optional (self-hosted servers). */
  keyOptional?: boolean;
  description: string;
  /** Body fields this provider needs by default. */
  params?: Record<string, unknown>;
  /** Multi-turn requests must pass earlier reasoning back (research/providers.md §1, §2). */
  echoReasoning?: boolean;
}

export const PRESETS: Preset[] = [
  {
    name: 'deepseek',
    protocol: 'openai',
    baseUrl: 'https://api.deepseek.com/v1',
    keyEnv: 'DEEPSEEK_API_KEY',
    echoReasoning: true,
    description: 'DeepSeek API',
  },
  {
    name: 'moonshot',
    protocol: 'openai',
    baseUrl: 'https://api.moonshot.ai/v1',
    keyEnv: 'MOONSHOT_API_KEY',
    echoReasoning: true,
    description: 'Moonshot AI (Kimi)',
  },
  {
    name: 'zhipu',
    protocol: 'openai',
    baseUrl: 'https://open.bigmodel.cn/api/paas/v4',
    keyEnv: 'ZHIPUAI_API_KEY',
    description: 'Zhipu BigModel (GLM)',
  },
  {
    name: 'qwen',
    protocol: 'openai',
    baseUrl: 'https://dashscope-intl.aliyuncs.com/compatible-mode/v1',
    keyEnv: 'DASHSCOPE_API_KEY',
    description: 'Alibaba DashScope, OpenAI-compatible mode (Qwen)',
  },
  {
    name: 'dashscope',
    protocol: 'dashscope',
    baseUrl: 'https://dashscope-intl.aliyuncs.com/api/v1',
    keyEnv: 'DASHSCOPE_API_KEY',
    description: 'Alibaba DashScope native API (Qwen), SSE with in-band errors',
  },
  {
    name: 'ernie',
    protocol: 'ernie',
    baseUrl: 'https://qianfan.baidubce.com/v2',
    keyEnv: 'QIANFAN_API_KEY',
    description: 'Baidu Qianfan v2 (ERNIE)',
  },
  {
    name: 'ernie-v1',
    protocol: 'ernie-v1',
    baseUrl: 'https://aip.baidubce.com/rpc/2.0/ai_custom/v1/wenxinworkshop/chat',
    keyEnv: 'QIANFAN_ACCESS_TOKEN',
    description:
      'Baidu Qianfan legacy v1 (ERNIE): ernie-v1:ENDPOINT, e.g. ernie-v1:completions_pro; the access token is sent as ?access_token=',
  },
  {
    name: 'minimax',
    protocol: 'minimax',
    baseUrl: 'https://api.minimax.io/v1',
    keyEnv: 'MINIMAX_API_KEY',
    description: 'MiniMax',
  },
  {
    name: 'doubao',
    protocol: 'doubao',
    baseUrl: 'https://ark.cn-beijing.volces.com/api/v3',
    keyEnv: 'ARK_API_KEY',
    description: 'ByteDance Volcengine Ark (Doubao)',
  },
  {
    name: 'openai',
    protocol: 'openai',
    baseUrl: 'https://api.openai.com/v1',
    keyEnv: 'OPENAI_API_KEY',
    description: 'OpenAI',
  },
  {
    name: 'azure',
    protocol: 'azure',
    keyEnv: 'AZURE_OPENAI_API_KEY',
    description:
      'Azure OpenAI: azure:DEPLOYMENT@https://RESOURCE.openai.azure.com (adds /openai/deployments/DEPLOYMENT and api-version); a full deployment URL, ?api-version=… or an /openai/v1 URL is used as given',
  },
  {
    name: 'anthropic',
    protocol: 'anthropic',
    baseUrl: 'https://api.anthropic.com/v1',
    keyEnv: 'ANTHROPIC_API_KEY',
    description: 'Anthropic Messages API (Claude)',
    params: { max_tokens: 4096 },
  },
  {
    name: 'gemini',
    protocol: 'gemini',
    baseUrl: 'https://generativelanguage.googleapis.com/v1beta',
    keyEnv: 'GEMINI_API_KEY',
    description: 'Google Gemini API',
  },
  {
    name: 'openrouter',
    protocol: 'openai',
    baseUrl: 'https://openrouter.ai/api/v1',
    keyEnv: 'OPENROUTER_API_KEY',
    description: 'OpenRouter',
  },
  {
    name: 'ollama',
    protocol: 'openai',
    baseUrl: 'http://127.0.0.1:11434/v1',
    keyEnv: 'OLLAMA_API_KEY',
    keyOptional: true,
    description: 'Ollama, OpenAI-compatible /v1',
  },
  {
    name: 'vllm',
    protocol: 'openai',
    baseUrl: 'http://127.0.0.1:8000/v1',
    keyEnv: 'VLLM_API_KEY',
    keyOptional: true,
    description: 'vLLM server',
  },
  {
    name: 'llamacpp',
    protocol: 'openai',
    baseUrl: 'http://127.0.0.1:8080/v1',
    keyEnv: 'LLAMA_API_KEY',
    keyOptional: true,
    description: 'llama.cpp server',
  },
  {
    name: 'openai-compatible',
    protocol: 'openai',
    keyEnv: 'OPENAI_COMPATIBLE_API_KEY',
    keyOptional: true,
    description: 'Any OpenAI-compatible server: openai-compatible:MODEL@BASE_URL',
  },
  {
    name: 'local',
    protocol: 'local',
    // No server: the model is a GGUF file run in-process (spec.ts, localTargetConfig).
    description:
      'A GGUF model run in-process (node-llama-cpp, CPU): local:PATH.gguf or --model-file PATH; `redline run` with no --target audits Qwen2.5-1.5B-Instruct this way',
    params: { ...LOCAL_DEFAULT_PARAMS },
  },
  {
    name: 'sim',
    protocol: 'openai',
    keyOptional: true,
    description: 'The built-in simulator (offline, deterministic; every output is labelled simulated)',
  },
];

export function findPreset(name: string): Preset | undefined {
  return PRESETS.find((p) => p.name === name);
}
