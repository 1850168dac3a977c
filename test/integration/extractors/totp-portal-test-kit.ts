/**
 * What the DistroKid and TooLost suites add to the extractor test kit: a TOTP clock shared with the
 * simulator, the lake-and-warehouse footprint a failed run must leave unchanged, the no-reuse check.
 */
import { TotpGenerator, type TotpClock, type TotpSource } from '../../../src/ingest/extract/totp';
import type { Extractor } from '../../../src/ingest/extract/extractor';
import type { ExtractionBench } from '../../helpers/extraction';
import type { PortalFaults } from '../../../demo/portals/portal-kit/faults';
import { listFiles, tableCounts } from '../ingest/helpers';
import { count, type Failure, failure } from './extractor-test-kit';

/** Turns the data faults off again; `twoFactor` and `wrongTotp` stay as the suite set them. */
export function switchOffDataFaults(faults: PortalFaults): void {
  for (const k of ['rateLimit', 'serverError', 'slowPage', 'renamedElement', 'malformedJson', 'changedColumn'] as const) faults[k] = false;
}

/** A clock the extractor's TOTP generator and the simulator's check share; sleeping advances it at once. */
export function sharedClock(): TotpClock & { t: number; sleeps: number[] } {
  const clock = {
    t: Date.now() + 120_000,
    sleeps: [] as number[],
    now: () => clock.t,
    sleep: async (ms: number) => {
      clock.sleeps.push(ms);
      clock.t += ms;
    },
  };
  return clock;
}

/**
 * The first login uses the real clock and the process-wide generator; after `use()` a shared fake
 * clock drives both sides, so re-logins never wait for the next 30-second window in real time.
 */
export function lateFakeClock(): {
  now: () => number;
  use: () => void;
  readonly fake: ReturnType<typeof sharedClock> | null;
  readonly totp: TotpSource | undefined;
} {
  let fake: ReturnType<typeof sharedClock> | null = null;
  let totp: TotpSource | undefined;
  return {
    now: () => (fake ? fake.t : Date.now()),
    use: () => {
      fake ??= sharedClock();
      totp ??= new TotpGenerator(fake);
    },
    get fake() {
      return fake;
    },
    get totp() {
      return totp;
    },
  };
}

export interface Footprint {
  landing: string[];
  raw: string[];
  staging: string[];
  tables: Record<string, number>;
}

/** Lake folders and warehouse row counts (the usual tables plus `extra`), to compare before and after a failed run. */
export async function lakeAndWarehouse(bench: ExtractionBench, extra: string[]): Promise<Footprint> {
  const more: Record<string, number> = {};
  for (const table of extra) more[table] = await count(bench, table);
  return {
    landing: listFiles(bench.lake.dir('landing')),
    raw: listFiles(bench.lake.dir('raw')),
    staging: listFiles(bench.lake.dir('staging')),
    tables: { ...(await tableCounts(bench.ds)), ...more },
  };
}

/**
 * Runs an extraction that must fail with `code`: returns the error after checking that nothing
 * reached the lake or the warehouse and that no secret is in its message.
 */
export async function failureLeavingNoTrace(
  bench: ExtractionBench,
  x: Extractor,
  code: string,
  retryable: boolean,
  extraTables: string[],
  secrets: string[],
): Promise<Failure> {
  const before = await lakeAndWarehouse(bench, extraTables);
  const err = await failure(bench, x);
  expect({ code: err.code, retryable: err.retryable, message: err.message }).toEqual({ code, retryable, message: expect.any(String) });
  expect(err.outcome.landed).toEqual([]);
  expect(await lakeAndWarehouse(bench, extraTables)).toEqual(before);
  for (const s of secrets) expect(err.message).not.toContain(s);
  return err;
}

/**
 * Two fresh logins inside one 30-second window (on the shared fake clock): the second waits for
 * the next window (once), so no code is submitted twice and none is refused.
 */
export async function expectNoCodeReused(o: {
  fake: ReturnType<typeof sharedClock>;
  totp: { accepted: Array<{ code: string; timeStep: number }>; rejected: unknown[] };
  forgetSession: () => void;
  login: () => Promise<unknown>;
}): Promise<void> {
  const accepted = o.totp.accepted.length;
  const sleeps = o.fake.sleeps.length;
  // Start well inside a window so only the reuse rule can make the second login wait.
  o.fake.t = (Math.floor(o.fake.t / 30_000) + 1) * 30_000 + 1_000;
  o.forgetSession();
  await o.login();
  o.forgetSession();
  await o.login();
  const [a, b] = o.totp.accepted.slice(accepted);
  expect(b.code).not.toBe(a.code);
  expect(b.timeStep).toBe(a.timeStep + 1);
  // One wait, to the next window (slept in slices: the extractor reports progress while it waits).
  const slept = o.fake.sleeps.slice(sleeps).reduce((n, ms) => n + ms, 0);
  expect(slept).toBeGreaterThanOrEqual(29_000);
  expect(slept).toBeLessThan(31_000);
  expect(o.totp.rejected).toEqual([]);
}
