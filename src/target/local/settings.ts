/**
 * Generation settings of a local target, read from its `params` (a config file may set them).
 * The defaults are Qwen2.5-Instruct's published sampling settings (temperature 0.7, top_p 0.8,
 * top_k 20) with a mild repetition penalty that keeps small models out of loops; they are
 * stored with the run like any target's params, so a report says what was used.
 */
export const LOCAL_DEFAULT_PARAMS = {
  temperature: 0.7,
  top_p: 0.8,
  top_k: 20,
  repeat_penalty: 1.1,
  /** Bounds a job's time on a CPU; a cut answer ends with finish reason `length`. */
  max_tokens: 1024,
  /** Tokens of conversation the model sees; capped at the model's own training context. */
  context_size: 4096,
} as const;

export interface LocalSettings {
  temperature: number;
  topP: number;
  topK: number;
  repeatPenalty: number;
  maxTokens: number;
  contextSize: number;
  /** CPU threads; 0 lets node-llama-cpp choose (the machine's math cores). */
  threads: number;
}

/**
 * Throws a message naming the field when a param is not a usable number. Threads come from
 * REDLINE_LOCAL_THREADS (or a `threads` param): they change how fast, not what the model
 * answers, so they stay out of the stored settings.
 */
export function localSettings(
  params: Record<string, unknown>,
  env: NodeJS.ProcessEnv = process.env,
): LocalSettings {
  const threads = env.REDLINE_LOCAL_THREADS?.trim();
  const defaults: Record<string, unknown> = {
    ...LOCAL_DEFAULT_PARAMS,
    threads: !threads ? 0 : Number.isNaN(Number(threads)) ? threads : Number(threads),
  };
  const num = (key: string, min: number, integer = false): number => {
    const value = params[key] ?? defaults[key];
    if (
      typeof value !== 'number' ||
      !Number.isFinite(value) ||
      value < min ||
      (integer && !Number.isInteger(value))
    )
      throw new Error(
        `${key === 'threads' && params[key] === undefined ? 'REDLINE_LOCAL_THREADS' : `params.${key}`} is ${JSON.stringify(value)}: expected a ${integer ? 'whole ' : ''}number of at least ${min}`,
      );
    return value;
  };
  return {
    temperature: num('temperature', 0),
    topP: num('top_p', 0),
    topK: num('top_k', 0, true),
    repeatPenalty: num('repeat_penalty', 1),
    maxTokens: num('max_tokens', 1, true),
    contextSize: num('context_size', 64, true),
    threads: num('threads', 0, true),
  };
}
