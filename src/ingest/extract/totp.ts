/**
 * TOTP codes for portal logins (RFC 6238: SHA-1, 6 digits, 30 s). Two rules keep a login from
 * failing on a code the portal refuses:
 *  - a code with less than 5 s left in its window may expire between typing and checking, so we
 *    wait for the next window instead;
 *  - portals refuse a code that was already used (replay protection), so the same code is never
 *    handed out twice for one secret: a second login inside one window waits for the next.
 * The memory of used codes is per process and keyed by a hash of the secret, never the secret.
 */
import crypto from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { createGuardrails, generateSync } from 'otplib';
import { ExtractionError } from '../../errors/extraction-error';

export const TOTP_PERIOD_MS = 30_000;
/** Below this much time left in the window, wait for the next one. */
export const TOTP_MIN_REMAINING_MS = 5_000;
/** Lands a little after the window boundary: timers may fire a millisecond early. */
const BOUNDARY_MARGIN_MS = 50;

/** Authenticator apps accept 80-bit secrets (16 base32 characters); otplib's default minimum is 128 bits. */
const GUARDRAILS = createGuardrails({ MIN_SECRET_BYTES: 10 });

export interface TotpClock {
  /** Milliseconds since the epoch. */
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const systemClock: TotpClock = {
  now: () => Date.now(),
  sleep: (ms, signal) => sleep(ms, undefined, { signal }),
};

/** Where an extractor gets its codes (replaceable in tests that also control the portal's clock). */
export interface TotpSource {
  /** `onWait` is called at least every 5 s while waiting for a window, so a job can report that it is alive. */
  code(secret: string, signal?: AbortSignal, onWait?: () => Promise<void>): Promise<string>;
}

/** Longest single sleep between `onWait` calls. */
const WAIT_SLICE_MS = 5_000;

/** Base32 as people paste it: spaces, lower case and padding are tolerated. */
function normaliseSecret(secret: string): string {
  return secret.replace(/[\s=-]+/g, '').toUpperCase();
}

/** The code for `secret` at `atMs`; a secret that is not base32 is a configuration error (the secret is never echoed). */
export function totpAt(secret: string, atMs: number): string {
  try {
    return generateSync({ secret: normaliseSecret(secret), epoch: Math.floor(atMs / 1000), guardrails: GUARDRAILS });
  } catch {
    throw new ExtractionError('TWO_FACTOR_FAILED', 'the configured TOTP secret is not a valid base32 secret of at least 16 characters');
  }
}

export class TotpGenerator implements TotpSource {
  private readonly lastUsed = new Map<string, { step: number; code: string }>();

  constructor(private readonly clock: TotpClock = systemClock) {}

  private async wait(ms: number, signal?: AbortSignal, onWait?: () => Promise<void>): Promise<void> {
    if (!onWait) return this.clock.sleep(ms, signal);
    for (let left = ms; left > 0; left -= WAIT_SLICE_MS) {
      await onWait();
      await this.clock.sleep(Math.min(left, WAIT_SLICE_MS), signal);
    }
  }

  async code(secret: string, signal?: AbortSignal, onWait?: () => Promise<void>): Promise<string> {
    const id = crypto.createHash('sha256').update(normaliseSecret(secret)).digest('hex');
    for (;;) {
      signal?.throwIfAborted();
      const now = this.clock.now();
      const step = Math.floor(now / TOTP_PERIOD_MS);
      const untilNext = (step + 1) * TOTP_PERIOD_MS - now + BOUNDARY_MARGIN_MS;
      const last = this.lastUsed.get(id);
      // `>=` also covers a clock that stepped back: never reuse an earlier window's slot.
      if (untilNext - BOUNDARY_MARGIN_MS < TOTP_MIN_REMAINING_MS || (last && last.step >= step)) {
        await this.wait(untilNext, signal, onWait);
        continue;
      }
      const code = totpAt(secret, now);
      // Two windows can yield the same six digits; the portal would see a repeat.
      if (last && last.code === code) {
        await this.wait(untilNext, signal, onWait);
        continue;
      }
      // Recorded before any await, so two logins racing in this process never get one code.
      this.lastUsed.set(id, { step, code });
      return code;
    }
  }
}

/** The process-wide generator the extractors use by default. */
export const totp: TotpSource = new TotpGenerator();
