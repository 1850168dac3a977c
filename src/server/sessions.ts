import crypto from 'node:crypto';

/**
 * Server-side sessions of the jobs admin and the dashboard (one store): a cookie holds a random
 * id, never the API token. A session remembers the hash of the token it was opened with, so
 * revoking that token ends it too. Sessions live in this process's memory (the one `npm start`
 * serving HTTP): a restart signs everyone out, which is acceptable for a dashboard.
 */
export class SessionStore {
  private readonly sessions = new Map<string, { tokenHash: string; expiresAt: number }>();

  constructor(
    private readonly lifetimeMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  open(tokenHash: string): string {
    this.sweep();
    const id = crypto.randomBytes(32).toString('base64url');
    this.sessions.set(id, { tokenHash, expiresAt: this.now() + this.lifetimeMs });
    return id;
  }

  /** The token hash behind a live session id, or null. */
  tokenHashOf(id: string | undefined): string | null {
    if (!id) return null;
    const s = this.sessions.get(id);
    if (!s) return null;
    if (s.expiresAt <= this.now()) {
      this.sessions.delete(id);
      return null;
    }
    return s.tokenHash;
  }

  close(id: string | undefined): void {
    if (id) this.sessions.delete(id);
  }

  private sweep(): void {
    const now = this.now();
    for (const [id, s] of this.sessions) if (s.expiresAt <= now) this.sessions.delete(id);
  }
}

/**
 * Failed sign-ins per client address: after `maxFailures` within the window, sign-in is refused
 * until the window ends (per process, like the sessions). A success clears the address's count.
 */
export class LoginThrottle {
  private readonly failures = new Map<string, { count: number; until: number }>();

  constructor(
    private readonly maxFailures: number,
    private readonly windowMs = 15 * 60_000,
    private readonly now: () => number = Date.now,
    private readonly maxKeys = 10_000,
  ) {}

  /** Seconds to wait before trying again, or null when a try is allowed. */
  blockedFor(address: string): number | null {
    const f = this.failures.get(address);
    if (!f || f.until <= this.now()) return null;
    return f.count >= this.maxFailures ? Math.ceil((f.until - this.now()) / 1000) : null;
  }

  fail(address: string): void {
    const now = this.now();
    const f = this.failures.get(address);
    if (!f || f.until <= now) this.failures.set(address, { count: 1, until: now + this.windowMs });
    else f.count += 1;
    if (this.failures.size > this.maxKeys) this.failures.delete(this.failures.keys().next().value as string);
  }

  succeed(address: string): void {
    this.failures.delete(address);
  }
}
