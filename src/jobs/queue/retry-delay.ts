import type { RetryPolicy } from './job-queue';

/**
 * The delay before retry number `attempt` (1-based), or null when the error is not transient or
 * the retries are spent: exponential from `delayMs`, ±20 % jitter so workers do not retry in step.
 */
export function retryDelay(policy: RetryPolicy, error: Error, attempt: number, random = Math.random): number | null {
  if (!policy.isRetryable(error) || attempt > policy.maxRetries) return null;
  const requested = (error as { retryAfterMs?: unknown }).retryAfterMs;
  const base = policy.delayMs * 2 ** (attempt - 1);
  const jittered = Math.round(base * (0.8 + 0.4 * random()));
  // A server's Retry-After is a floor: never come back sooner than it asked.
  return typeof requested === 'number' && requested > jittered ? requested : jittered;
}
