import crypto from 'node:crypto';

/**
 * A token bucket per caller: `burst` requests at once, refilled at `perMinute`. State lives in this
 * process (the API is served by one `npm start`; workers serve no HTTP), so behind several API
 * processes each one allows the full rate. Buckets that are full again are forgotten, and the
 * table never holds more than `maxKeys` callers (the oldest are dropped first).
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly perMinute: number,
    private readonly burst: number,
    private readonly maxKeys = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Takes one request from the caller's bucket: null when allowed, else the seconds to wait. */
  take(key: string): number | null {
    const now = this.now();
    const perMs = this.perMinute / 60_000;
    const bucket = this.buckets.get(key);
    const tokens = bucket ? Math.min(this.burst, bucket.tokens + (now - bucket.at) * perMs) : this.burst;
    if (tokens < 1) {
      bucket!.tokens = tokens;
      bucket!.at = now;
      return Math.max(1, Math.ceil((1 - tokens) / perMs / 1000));
    }
    // Re-inserted so the Map's order is least recently used first.
    this.buckets.delete(key);
    this.buckets.set(key, { tokens: tokens - 1, at: now });
    if (this.buckets.size > this.maxKeys) this.buckets.delete(this.buckets.keys().next().value as string);
    return null;
  }
}

/** The caller a request counts against: its bearer token (hashed, never kept in clear), else its address. */
export function rateLimitKey(authorization: string | undefined, address: string | undefined): string {
  return authorization ? `t:${crypto.createHash('sha256').update(authorization).digest('base64url')}` : `a:${address ?? 'unknown'}`;
}
