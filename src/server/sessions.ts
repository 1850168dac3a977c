import crypto from 'node:crypto';

/** A session opened or closed in one HTTP process, for the others (see SessionSync). */
export type SessionChange = { op: 'open'; id: string; tokenHash: string; expiresAt: number } | { op: 'close'; id: string };

/**
 * How the HTTP processes of one `npm start` (WEB_CONCURRENCY > 1) share their sessions: `publish`
 * resolves once every other process has applied the change, so a cookie is answered before any
 * process could be asked about it, and a closed session is refused everywhere before the sign-out
 * is answered.
 */
export interface SessionSync {
  publish(change: SessionChange): Promise<void>;
}

/**
 * Server-side sessions of the jobs admin and the dashboard (one store): a cookie holds a random
 * id, never the API token. A session remembers the hash of the token it was opened with, so
 * revoking that token ends it too. Sessions live in memory, copied to every HTTP process of the
 * same `npm start` through `sync` (node:cluster's IPC, by the primary): a restart signs everyone
 * out, which is acceptable for a dashboard.
 */
export class SessionStore {
  private readonly sessions = new Map<string, { tokenHash: string; expiresAt: number }>();

  constructor(
    private readonly lifetimeMs: number,
    private readonly now: () => number = Date.now,
    private readonly sync: SessionSync | null = null,
  ) {}

  async open(tokenHash: string): Promise<string> {
    const id = crypto.randomBytes(32).toString('base64url');
    const change: SessionChange = { op: 'open', id, tokenHash, expiresAt: this.now() + this.lifetimeMs };
    this.apply(change);
    await this.sync?.publish(change);
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

  async close(id: string | undefined): Promise<void> {
    if (!id) return;
    const change: SessionChange = { op: 'close', id };
    this.apply(change);
    await this.sync?.publish(change);
  }

  /** A change made here or in another process. */
  apply(change: SessionChange): void {
    if (change.op === 'close') {
      this.sessions.delete(change.id);
      return;
    }
    this.sweep();
    this.sessions.set(change.id, { tokenHash: change.tokenHash, expiresAt: change.expiresAt });
  }

  /** Every live session, as changes a newly started process applies. */
  snapshot(): SessionChange[] {
    this.sweep();
    return [...this.sessions].map(([id, s]) => ({ op: 'open', id, tokenHash: s.tokenHash, expiresAt: s.expiresAt }));
  }

  private sweep(): void {
    const now = this.now();
    for (const [id, s] of this.sessions) if (s.expiresAt <= now) this.sessions.delete(id);
  }
}

/**
 * Failed sign-ins per client address: after `maxFailures` within the window, sign-in is refused
 * until the window ends. Counted per HTTP process: with WEB_CONCURRENCY=N a client may try up to
 * N × `maxFailures` times per window. A success clears the address's count.
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
