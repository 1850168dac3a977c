/**
 * The DistroKid parse worker against the same parse run on this thread: equal batches and byte
 * progress, the same coded error for a bad row many batches deep, and no thread left behind
 * whether the file ends, fails, or the consumer stops early. Real files, a real worker thread.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Worker } from 'node:worker_threads';
import { bankDetailsChunks, type BankSampleOptions } from '../../../demo/sample-exports/distrokid';
import { workerBatches } from '../../../src/ingest/common/worker-batches';
import { startWorkerModule } from '../../../src/ingest/common/worker-module';
import { type BankLinesBatch, encodeBankDetails, PartWanted } from '../../../src/ingest/distrokid/bank-details.lines';
import { LakeValidationError } from '../../../src/ingest/lake/validation-error';
import { tempDir } from '../../helpers/databases';

const DISTROKID_DIR = path.join(__dirname, '../../../src/ingest/distrokid');
const SAMPLE: BankSampleOptions = {
  seed: 77,
  rows: 6000,
  months: ['2024-01', '2024-02'],
  artists: [],
  tracks: [
    { artist: 'ZONE A0', title: 'Night Drive', isrc: 'QZTAW2496365', upc: '197368123456' },
    { artist: 'ZONE A0 X SXNCTUARY', title: 'Low Orbit', isrc: 'QZTAW2496367', upc: '197368123458' },
  ],
};

interface Run {
  batches: BankLinesBatch[];
  bytes: number[];
  error: unknown;
}

/** Starts the real worker; `exited` answers its exit code, or 'still running' after a few seconds. */
function bankWorker(
  file: string,
  name: string,
  partWanted = new PartWanted(),
): { start: (flow: SharedArrayBuffer) => Worker; exited: () => Promise<number | string> } {
  let exit: Promise<number> | null = null;
  return {
    start: (flow) => {
      const worker = startWorkerModule(DISTROKID_DIR, 'bank-details.worker', {
        path: file,
        file: name,
        flow,
        partWanted: partWanted.buffer,
      });
      exit = new Promise((resolve) => worker.once('exit', resolve));
      return worker;
    },
    exited: () => Promise.race([exit!, new Promise<string>((resolve) => setTimeout(resolve, 10_000, 'still running').unref())]),
  };
}

async function collect(batches: AsyncIterable<BankLinesBatch>, bytes: number[]): Promise<Run> {
  const out: BankLinesBatch[] = [];
  try {
    for await (const b of batches) out.push(b);
    return { batches: out, bytes, error: null };
  } catch (error) {
    return { batches: out, bytes, error };
  }
}

async function inProcess(file: string, name: string): Promise<Run> {
  const bytes: number[] = [];
  async function* batches() {
    for await (const { batch } of encodeBankDetails(file, { file: name, onBytes: (n) => bytes.push(n) })) yield batch;
  }
  return collect(batches(), bytes);
}

async function onWorker(file: string, name: string): Promise<Run & { exited: Promise<number | string> }> {
  const bytes: number[] = [];
  const w = bankWorker(file, name);
  const run = await collect(
    workerBatches(w.start, (n) => bytes.push(n)),
    bytes,
  );
  return { ...run, exited: w.exited() };
}

/** Plain values for toEqual: typed arrays as arrays, UTF-8 as text (a transferred array and a local one compare alike). */
const plain = (batches: BankLinesBatch[]) =>
  batches.map((b) => ({
    ...b,
    lines: [...b.lines],
    quantities: [...b.quantities],
    money: [...b.money],
    codes: [...b.codes],
    raw: Buffer.from(b.raw).toString(),
    staging: Buffer.from(b.staging).toString(),
    part: b.part && { text: b.part.text, cuts: [...b.part.cuts] },
  }));

describe('DistroKid bank details parsed on a worker thread', () => {
  const dir = tempDir('bank-worker');
  const text = [...bankDetailsChunks(SAMPLE)].join('');
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('yields the same batches and byte progress as the parse on this thread, and the thread ends', async () => {
    const file = path.join(dir, 'good.tsv');
    fs.writeFileSync(file, text);
    const local = await inProcess(file, 'good.tsv');
    const remote = await onWorker(file, 'good.tsv');
    expect(local.error).toBeNull();
    expect(remote.error).toBeNull();
    expect(local.batches.length).toBeGreaterThan(10);
    expect(remote.batches.reduce((n, b) => n + b.rows, 0)).toBe(SAMPLE.rows);
    expect(plain(remote.batches)).toEqual(plain(local.batches));
    expect(remote.bytes).toEqual(local.bytes);
    expect(remote.bytes.reduce((a, b) => a + b, 0)).toBe(Buffer.byteLength(text));
    expect(typeof (await remote.exited)).toBe('number');
  });

  it('stops formatting the curated part once the loading side gives it up, and nothing else changes', async () => {
    const file = path.join(dir, 'given-up.tsv');
    fs.writeFileSync(file, [...bankDetailsChunks({ ...SAMPLE, rows: 40_000 })].join(''));
    const local = plain((await inProcess(file, 'given-up.tsv')).batches);
    const partWanted = new PartWanted();
    const w = bankWorker(file, 'given-up.tsv', partWanted);
    const batches: BankLinesBatch[] = [];
    for await (const b of workerBatches<BankLinesBatch>(w.start)) {
      batches.push(b);
      if (batches.length === 3) partWanted.giveUp();
    }
    const remote = plain(batches);
    // The batches already made keep their part lines (a window of them may be in flight); every later one has none.
    const firstWithout = remote.findIndex((b) => b.part === null);
    expect(firstWithout).toBeGreaterThanOrEqual(3);
    expect(firstWithout).toBeLessThan(remote.length);
    expect(remote.slice(firstWithout).every((b) => b.part === null)).toBe(true);
    expect(remote.slice(0, firstWithout)).toEqual(local.slice(0, firstWithout));
    expect(remote.map((b) => ({ ...b, part: null }))).toEqual(local.map((b) => ({ ...b, part: null })));
    expect(typeof (await w.exited())).toBe('number');
  });

  it('gives a slow consumer the same batches (the worker waits for it, then goes on)', async () => {
    // Several read chunks (1 MiB each), so that the worker also waits with no read in progress.
    const file = path.join(dir, 'slow.tsv');
    fs.writeFileSync(file, [...bankDetailsChunks({ ...SAMPLE, rows: 40_000 })].join(''));
    const local = await inProcess(file, 'slow.tsv');
    const w = bankWorker(file, 'slow.tsv');
    const batches: BankLinesBatch[] = [];
    for await (const b of workerBatches<BankLinesBatch>(w.start)) {
      batches.push(b);
      // Slower than the parse: the worker fills its window and has to be woken each time.
      await new Promise((r) => setTimeout(r, 1));
    }
    expect(plain(batches)).toEqual(plain(local.batches));
    expect(typeof (await w.exited())).toBe('number');
  });

  it('carries an amount beyond 64 bits exactly (that batch falls back to plain BigInts)', async () => {
    const lines = text.split('\r');
    const cells = lines[3000].split('\t');
    cells[12] = '99999999999999.123456789'; // 10^23 nano-units: beyond BigInt64Array
    lines[3000] = cells.join('\t');
    const file = path.join(dir, 'huge.tsv');
    fs.writeFileSync(file, lines.join('\r'));
    const local = await inProcess(file, 'huge.tsv');
    const remote = await onWorker(file, 'huge.tsv');
    expect(remote.error).toBeNull();
    expect(plain(remote.batches)).toEqual(plain(local.batches));
    const at = remote.batches.findIndex((b) => Array.isArray(b.money));
    expect(remote.batches.filter((b) => Array.isArray(b.money))).toHaveLength(1);
    const row = [...remote.batches[at].lines].indexOf(3001);
    expect(remote.batches[at].money[row * 3]).toBe(99_999_999_999_999_123_456_789n);
  });

  it('throws the same coded error for a bad row after many batches, after the same batches', async () => {
    const lines = text.split('\r');
    const cells = lines[5000].split('\t');
    cells[12] = '12.3O';
    lines[5000] = cells.join('\t');
    const file = path.join(dir, 'bad.tsv');
    fs.writeFileSync(file, lines.join('\r'));
    const local = await inProcess(file, 'landing/bad.tsv');
    const remote = await onWorker(file, 'landing/bad.tsv');
    expect(remote.error).toBeInstanceOf(LakeValidationError);
    const err = remote.error as LakeValidationError;
    expect(err.reason).toMatchObject({
      code: 'BAD_VALUE',
      file: 'landing/bad.tsv',
      line: 5001,
      column: 13,
      field: 'Earnings (USD)',
      found: '12.3O',
    });
    expect(err.reason).toEqual((local.error as LakeValidationError).reason);
    expect(err.message).toBe((local.error as LakeValidationError).message);
    expect(err.name).toBe('LakeValidationError');
    expect(remote.batches.length).toBeGreaterThan(10);
    expect(plain(remote.batches)).toEqual(plain(local.batches));
    expect(remote.bytes).toEqual(local.bytes);
    expect(typeof (await remote.exited)).toBe('number');
  });

  it('gives a missing file the same system error (code, syscall, path)', async () => {
    const file = path.join(dir, 'missing.tsv');
    const local = await inProcess(file, 'missing.tsv');
    const remote = await onWorker(file, 'missing.tsv');
    expect(remote.error).toBeInstanceOf(Error);
    expect(remote.error).toMatchObject({ code: 'ENOENT', syscall: 'open', path: file, message: (local.error as Error).message });
    expect(typeof (await remote.exited)).toBe('number');
  });

  it('terminates the thread when the consumer stops early (a failed load), with batches still unread', async () => {
    const file = path.join(dir, 'early.tsv');
    fs.writeFileSync(file, text);
    const w = bankWorker(file, 'early.tsv');
    let seen = 0;
    await expect(
      (async () => {
        for await (const b of workerBatches<BankLinesBatch>(w.start)) {
          seen += b.rows;
          if (seen >= 512) throw new Error('the database went away');
        }
      })(),
    ).rejects.toThrow('the database went away');
    expect(typeof (await w.exited())).toBe('number');
  });
});
