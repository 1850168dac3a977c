import { generateSync, verifySync, createGuardrails } from 'otplib';
import { ExtractionError } from '../../../src/errors/extraction-error';
import { type TotpClock, TotpGenerator, totpAt, TOTP_PERIOD_MS } from '../../../src/ingest/extract/totp';

const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const SHORT_SECRET = 'JBSWY3DPEHPK3PXP'; // 80 bits, as many portals issue

/** A clock whose sleep advances time instantly, recording each wait. */
function fakeClock(startMs: number): TotpClock & { t: number; sleeps: number[] } {
  const clock = {
    t: startMs,
    sleeps: [] as number[],
    now: () => clock.t,
    sleep: async (ms: number, signal?: AbortSignal) => {
      signal?.throwIfAborted();
      clock.sleeps.push(ms);
      clock.t += ms;
    },
  };
  return clock;
}

const windowStart = (n: number): number => n * TOTP_PERIOD_MS;
const BASE = 57_000_000; // an arbitrary window index
const stepOf = (ms: number): number => Math.floor(ms / TOTP_PERIOD_MS);

describe('TOTP helper', () => {
  it('generates the RFC 6238 code of the current window (same as otplib)', async () => {
    const clock = fakeClock(windowStart(BASE) + 1_000);
    const code = await new TotpGenerator(clock).code(SECRET);
    expect(code).toMatch(/^\d{6}$/);
    expect(code).toBe(generateSync({ secret: SECRET, epoch: Math.floor(clock.t / 1000) }));
    expect(clock.sleeps).toEqual([]);
  });

  it('accepts 80-bit secrets, lower case, spaces and padding', () => {
    const at = windowStart(BASE) + 2_000;
    const expected = generateSync({ secret: SHORT_SECRET, epoch: at / 1000, guardrails: createGuardrails({ MIN_SECRET_BYTES: 10 }) });
    expect(totpAt(SHORT_SECRET, at)).toBe(expected);
    expect(totpAt('jbsw y3dp ehpk 3pxp', at)).toBe(expected);
    expect(totpAt(`${SHORT_SECRET}======`, at)).toBe(expected);
  });

  it('waits for the next window when fewer than 5 s remain', async () => {
    const clock = fakeClock(windowStart(BASE) + 26_000); // 4 s left
    const code = await new TotpGenerator(clock).code(SECRET);
    expect(clock.sleeps).toHaveLength(1);
    expect(stepOf(clock.t)).toBe(BASE + 1);
    expect(code).toBe(totpAt(SECRET, windowStart(BASE + 1)));
    // The code is still valid when the portal checks it a few seconds later, without tolerance.
    expect(verifySync({ secret: SECRET, token: code, epoch: Math.floor((clock.t + 4_000) / 1000) }).valid).toBe(true);
  });

  it('reports that it is alive at least every 5 s while it waits (a job would otherwise look hung)', async () => {
    const clock = fakeClock(windowStart(BASE) + 1_000);
    const generator = new TotpGenerator(clock);
    await generator.code(SECRET);
    const beats: number[] = [];
    // The second login waits ~29 s for the next window.
    const code = await generator.code(SECRET, undefined, async () => void beats.push(clock.t));
    expect(stepOf(clock.t)).toBe(BASE + 1);
    expect(code).toBe(totpAt(SECRET, clock.t));
    expect(beats.length).toBeGreaterThanOrEqual(6);
    expect(Math.max(...clock.sleeps)).toBeLessThanOrEqual(5_000);
  });

  it('does not wait with exactly 5 s left', async () => {
    const clock = fakeClock(windowStart(BASE) + 25_000);
    await new TotpGenerator(clock).code(SECRET);
    expect(clock.sleeps).toEqual([]);
  });

  it('never hands out the same code twice: a second login in one window waits for the next', async () => {
    const clock = fakeClock(windowStart(BASE) + 1_000);
    const gen = new TotpGenerator(clock);
    const first = await gen.code(SECRET);
    const second = await gen.code(SECRET);
    expect(second).not.toBe(first);
    expect(stepOf(clock.t)).toBe(BASE + 1);
    expect(clock.sleeps).toHaveLength(1);
    const third = await gen.code(SECRET);
    expect(new Set([first, second, third]).size).toBe(3);
    expect(stepOf(clock.t)).toBe(BASE + 2);
  });

  it('keeps one memory per secret: another secret is not delayed', async () => {
    const clock = fakeClock(windowStart(BASE) + 1_000);
    const gen = new TotpGenerator(clock);
    await gen.code(SECRET);
    await gen.code(SHORT_SECRET);
    expect(clock.sleeps).toEqual([]);
    // The same secret written differently is the same secret.
    await gen.code(SECRET.toLowerCase());
    expect(clock.sleeps).toHaveLength(1);
  });

  it('never reuses a slot when the clock steps back', async () => {
    const clock = fakeClock(windowStart(BASE) + 10_000);
    const gen = new TotpGenerator(clock);
    const first = await gen.code(SECRET);
    clock.t = windowStart(BASE - 1) + 10_000; // NTP correction backwards
    const second = await gen.code(SECRET);
    expect(second).not.toBe(first);
    expect(stepOf(clock.t)).toBeGreaterThan(BASE);
  });

  it('skips a window whose code happens to equal the last one used', async () => {
    // For SECRET, windows 57633414 and 57633415 both give 229895 (found by search; a one-in-a-million pair).
    const same = 57_633_414;
    expect(totpAt(SECRET, windowStart(same))).toBe(totpAt(SECRET, windowStart(same + 1)));
    const clock = fakeClock(windowStart(same) + 1_000);
    const gen = new TotpGenerator(clock);
    const first = await gen.code(SECRET);
    const second = await gen.code(SECRET);
    expect(second).not.toBe(first);
    expect(stepOf(clock.t)).toBe(same + 2);
    expect(clock.sleeps).toHaveLength(2);
  });

  it('stops waiting when the run is cancelled', async () => {
    const clock = fakeClock(windowStart(BASE) + 28_000);
    const abort = new AbortController();
    abort.abort();
    await expect(new TotpGenerator(clock).code(SECRET, abort.signal)).rejects.toThrow();
  });

  it('refuses a secret that is not base32 without echoing it', async () => {
    const clock = fakeClock(windowStart(BASE) + 1_000);
    const bad = 'not-base32-secret!!';
    const err = await new TotpGenerator(clock).code(bad).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ExtractionError);
    expect((err as ExtractionError).code).toBe('TWO_FACTOR_FAILED');
    expect((err as ExtractionError).retryable).toBe(false);
    expect((err as Error).message).not.toContain(bad);
  });
});
