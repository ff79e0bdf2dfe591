import { setTimeout as sleep } from 'node:timers/promises';
import type { TargetError } from '../target/events.ts';

export interface RetryPolicy {
  maxRetries: number;
  /** First backoff in ms; doubles each attempt, with jitter, capped at `maxDelayMs`. */
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxRetries: 4, baseDelayMs: 500, maxDelayMs: 30_000 };

/** How long to wait before attempt `attempt + 1`: the server's Retry-After wins, else backoff with jitter. */
export function retryDelay(
  error: TargetError,
  attempt: number,
  policy: RetryPolicy,
  random = Math.random,
): number {
  if (error.retryAfter !== undefined) return Math.min(error.retryAfter * 1000, policy.maxDelayMs);
  const exp = Math.min(policy.baseDelayMs * 2 ** attempt, policy.maxDelayMs);
  return exp / 2 + random() * (exp / 2);
}

/**
 * Repeats `attemptOnce` while it returns a retryable error and retries remain.
 * Moderation outcomes are never retryable: they are results.
 */
export async function withRetries<T>(
  attemptOnce: () => Promise<{ result: T; retryable?: TargetError }>,
  policy: RetryPolicy,
  signal?: AbortSignal,
): Promise<{ result: T; attempts: number }> {
  for (let attempt = 0; ; attempt++) {
    const { result, retryable } = await attemptOnce();
    if (!retryable || attempt >= policy.maxRetries || signal?.aborted)
      return { result, attempts: attempt + 1 };
    try {
      await sleep(retryDelay(retryable, attempt, policy), undefined, { signal });
    } catch {
      return { result, attempts: attempt + 1 }; // aborted while waiting
    }
  }
}
