import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Service } from '../../config/config';
import { ExtractionError } from '../../errors/extraction-error';

/** Playwright's `storageState()` shape, kept loose: we only read cookie names and expiries. */
export interface StorageState {
  cookies: Array<{ name: string; value: string; expires?: number; domain?: string; path?: string }>;
  origins: unknown[];
}

export type SessionState = 'valid' | 'expiring' | 'expired' | 'missing';

export interface SessionStatus {
  service: Service;
  account: string;
  state: SessionState;
  /** When the session stops working, when known (a JWT `exp`, or the earliest session cookie expiry given). */
  expiresAt: Date | null;
  savedAt: Date | null;
}

/** On disk: the expiry and save time in clear (health reads them without the key), the state sealed. */
interface SealedSession {
  v: 1;
  savedAt: string;
  expiresAt: string | null;
  iv: string;
  tag: string;
  data: string;
}

const ACCOUNT_RE = /^[A-Za-z0-9._@-]{1,128}$/;

/**
 * The account a saved session is filed under: the configured login (characters a session file
 * name cannot hold become `_`, e.g. the `+` of `label+spotify@example.com`), or `default`.
 */
export function sessionAccountFor(login: string | undefined): string {
  return login ? login.replace(/[^A-Za-z0-9._@-]/g, '_').slice(0, 128) : 'default';
}

/** Expiry from a JWT cookie's `exp` claim (TooLost `jwt_token`), else the earliest expiry of cookies that have one. */
export function sessionExpiry(state: StorageState, jwtCookie?: string): Date | null {
  const jwt = jwtCookie ? state.cookies.find((c) => c.name === jwtCookie) : undefined;
  if (jwt) {
    const payload = jwt.value.split('.')[1];
    try {
      const exp = Number((JSON.parse(Buffer.from(payload ?? '', 'base64url').toString('utf8')) as { exp?: unknown }).exp);
      if (Number.isFinite(exp) && exp > 0) return new Date(exp * 1000);
    } catch {
      // Not a JWT after all: fall back to cookie expiries.
    }
  }
  const expiries = state.cookies.map((c) => c.expires ?? -1).filter((e) => e > 0);
  return expiries.length ? new Date(Math.min(...expiries) * 1000) : null;
}

/**
 * Browser sessions per service and account, encrypted at rest with AES-256-GCM under SESSION_KEY,
 * files mode 0600 in SESSION_DIR. Without a key nothing is persisted, and saving says why.
 */
export class SessionStore {
  constructor(
    private readonly dir: string,
    private readonly key: Buffer | undefined,
    private readonly warningHours = 48,
  ) {}

  get canPersist(): boolean {
    return this.key !== undefined;
  }

  private file(service: Service, account: string): string {
    // Account names come from config; still, never let one escape the sessions folder.
    if (!ACCOUNT_RE.test(account)) throw new Error(`invalid account name for a session file: ${JSON.stringify(account)}`);
    return path.join(this.dir, service, `${account}.session.json`);
  }

  save(service: Service, account: string, state: StorageState, expiresAt: Date | null): void {
    if (!this.key) {
      throw new ExtractionError(
        'SESSION_KEY_MISSING',
        'SESSION_KEY is not set: sessions are never stored unencrypted, so this session was not saved',
      );
    }
    const iv = crypto.randomBytes(12);
    const cipher = crypto.createCipheriv('aes-256-gcm', this.key, iv);
    const data = Buffer.concat([cipher.update(JSON.stringify(state), 'utf8'), cipher.final()]);
    const sealed: SealedSession = {
      v: 1,
      savedAt: new Date().toISOString(),
      expiresAt: expiresAt?.toISOString() ?? null,
      iv: iv.toString('base64'),
      tag: cipher.getAuthTag().toString('base64'),
      data: data.toString('base64'),
    };
    const file = this.file(service, account);
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(sealed), { mode: 0o600 });
    fs.renameSync(tmp, file);
  }

  /** The saved state, or null when none is saved, no key is set, or it cannot be decrypted (another key). */
  load(service: Service, account: string): StorageState | null {
    const sealed = this.read(service, account);
    if (!sealed || !this.key) return null;
    try {
      const decipher = crypto.createDecipheriv('aes-256-gcm', this.key, Buffer.from(sealed.iv, 'base64'));
      decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
      const plain = Buffer.concat([decipher.update(Buffer.from(sealed.data, 'base64')), decipher.final()]);
      return JSON.parse(plain.toString('utf8')) as StorageState;
    } catch {
      return null;
    }
  }

  /** The portal refused the saved session: record it as expired now (health then says to log in again). */
  markExpired(service: Service, account: string, at = new Date()): void {
    const sealed = this.read(service, account);
    if (!sealed || (sealed.expiresAt && new Date(sealed.expiresAt) <= at)) return;
    const file = this.file(service, account);
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify({ ...sealed, expiresAt: at.toISOString() }), { mode: 0o600 });
    fs.renameSync(tmp, file);
  }

  remove(service: Service, account: string): void {
    fs.rmSync(this.file(service, account), { force: true });
  }

  status(service: Service, account: string, now = new Date()): SessionStatus {
    const sealed = this.read(service, account);
    if (!sealed) return { service, account, state: 'missing', expiresAt: null, savedAt: null };
    const expiresAt = sealed.expiresAt ? new Date(sealed.expiresAt) : null;
    let state: SessionState = 'valid';
    if (expiresAt && expiresAt <= now) state = 'expired';
    else if (expiresAt && expiresAt.getTime() - now.getTime() < this.warningHours * 3600_000) state = 'expiring';
    return { service, account, state, expiresAt, savedAt: new Date(sealed.savedAt) };
  }

  /** Every saved session of a service (accounts are the file names). */
  accounts(service: Service): string[] {
    const dir = path.join(this.dir, service);
    if (!fs.existsSync(dir)) return [];
    return fs
      .readdirSync(dir)
      .filter((f) => f.endsWith('.session.json'))
      .map((f) => f.slice(0, -'.session.json'.length))
      .sort();
  }

  private read(service: Service, account: string): SealedSession | null {
    const file = this.file(service, account);
    if (!fs.existsSync(file)) return null;
    try {
      return JSON.parse(fs.readFileSync(file, 'utf8')) as SealedSession;
    } catch {
      return null;
    }
  }
}
