/**
 * What the browser-extractor suites share: a simulator and an extraction bench around each
 * describe, failed runs caught as typed errors, the "nothing landed, nothing loaded" footprint
 * checks, the saved-session checks and the table of portal faults run one by one.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ExtractionError } from '../../../src/errors/extraction-error';
import type { Extractor } from '../../../src/ingest/extract/extractor';
import { createExtractionBench, type ExtractionBench, type ExtractionOutcome } from '../../helpers/extraction';
import { testEnv } from '../../helpers/test-env';
import type { RunningSimulator } from '../../../demo/portals/http-server';
import type { PortalFaults } from '../../../demo/portals/portal-kit/faults';

export const describeWithBrowser = testEnv.chromiumExecutable
  ? describe
  : (title: string, body: () => void) =>
      describe.skip(`${title} [SKIPPED: no Chromium found; set CHROMIUM_PATH or install chromium]`, body);

export type Failure = ExtractionError & { outcome: ExtractionOutcome };

/**
 * Starts the simulator and a bench pointed at it before the describe's tests, closes both after;
 * `use` hands them to the suite's own variables.
 */
export function benchAround<S extends RunningSimulator>(
  start: () => Promise<S>,
  env: (sim: S) => Record<string, string>,
  use: (sim: S, bench: ExtractionBench) => void,
): void {
  let sim: S | undefined;
  let bench: ExtractionBench | undefined;
  beforeAll(async () => {
    sim = await start();
    bench = await createExtractionBench({ CHROMIUM_PATH: testEnv.chromiumExecutable ?? '', ...env(sim) });
    use(sim, bench);
  });
  afterAll(async () => {
    await bench?.close();
    await sim?.close();
  });
}

export function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name));
}

/** A run that must fail with one of our errors: anything else (or a success) fails the test. */
export async function failure(bench: ExtractionBench, extractor: Extractor): Promise<Failure> {
  const err = await bench.run(extractor).then(
    () => new Error('the extraction was expected to fail'),
    (e: unknown) => e,
  );
  if (!(err instanceof ExtractionError)) throw err;
  return err as Failure;
}

export async function count(bench: ExtractionBench, table: string): Promise<number> {
  const [row] = await bench.ds.query<Array<{ n: number | string }>>(`SELECT COUNT(*) AS n FROM ${table}`);
  return Number(row.n);
}

/** Nothing of a failed run reaches the lake or the warehouse: no landing or raw file, no row in `tables`. */
export async function expectNothingLanded(bench: ExtractionBench, tables: string[]): Promise<void> {
  expect(filesUnder(bench.lake.dir('landing'))).toEqual([]);
  expect(filesUnder(bench.lake.dir('raw'))).toEqual([]);
  for (const table of tables) expect(await count(bench, table)).toBe(0);
}

export interface FaultCase {
  fault: keyof PortalFaults;
  code: string;
  retryable: boolean;
  message: RegExp;
  retryAfterMs?: number;
}

/** One test a fault: switched on, the run fails with its code, message and Retry-After, and no password leaks. */
export function itFailsOnEachFault(
  cases: FaultCase[],
  sim: () => { faults: PortalFaults; credentials: { password: string } },
  bench: () => ExtractionBench,
  extractor: () => Extractor,
): void {
  it.each(cases)('$fault → $code', async ({ fault, code, retryable, message, retryAfterMs }) => {
    sim().faults[fault] = true;
    const err = await failure(bench(), extractor());
    expect({ code: err.code, retryable: err.retryable }).toEqual({ code, retryable });
    expect(err.message).toMatch(message);
    if (retryAfterMs !== undefined) expect(err.retryAfterMs).toBe(retryAfterMs);
    expect(err.message).not.toContain(sim().credentials.password);
    for (const line of err.outcome.runLog) expect(line).not.toContain(sim().credentials.password);
  });
}

/** A refused password is LOGIN_FAILED, not retryable, and the message does not echo it. */
export async function expectRefusedPassword(bench: ExtractionBench, extractor: (password: string) => Extractor): Promise<void> {
  const err = await failure(bench, extractor('not-the-password'));
  expect({ code: err.code, retryable: err.retryable }).toEqual({ code: 'LOGIN_FAILED', retryable: false });
  expect(err.message).not.toContain('not-the-password');
}

/** The saved session file: owner-only and holding none of the secrets in clear. */
export function expectSealedSession(file: string, secrets: string[]): void {
  const stored = fs.readFileSync(file, 'utf8');
  for (const s of secrets) expect(stored).not.toContain(s);
  expect(fs.statSync(file).mode & 0o777).toBe(0o600);
}

export interface Manifest {
  service: string;
  stream: string;
  origin: string;
}

/** A landed file's manifest, after checking its origin is the simulator's and carries no secret. */
export function checkedManifest(absolutePath: string, url: string, secrets: string[]): Manifest {
  const manifest = JSON.parse(fs.readFileSync(`${absolutePath}.manifest.json`, 'utf8')) as Manifest;
  expect(manifest.origin.startsWith(url)).toBe(true);
  for (const s of secrets) expect(manifest.origin).not.toContain(s);
  return manifest;
}

/** Progress only moves forward and ends at 100, "done". */
export function expectProgressToDone(progress: ExtractionOutcome['progress']): void {
  const steps = progress.map((p) => p.progress);
  expect(steps).toEqual([...steps].sort((a, b) => a - b));
  expect(progress.at(-1)).toEqual({ progress: 100, step: 'done' });
}
