/**
 * Writes an N-row DistroKid bank details export to disk, streamed chunk by chunk (never held in
 * memory), using the project's deterministic sample generator: tab-separated, bare-CR lines,
 * 8-decimal earnings, ~15% reversals, OU/blank countries, collaborations, album lines, ~0.5% identical lines.
 */
import fs from 'node:fs';
import { once } from 'node:events';
import { type BankSampleOptions, bankDetailsChunks } from '../demo/sample-exports/distrokid';

/** Sale months 2023-01 … 2025-12: the range the latency query asks for covers all of them. */
export function benchMonths(): string[] {
  const months: string[] = [];
  for (let y = 2023; y <= 2025; y++) for (let m = 1; m <= 12; m++) months.push(`${y}-${String(m).padStart(2, '0')}`);
  return months;
}

/** A label-sized catalogue: `count` artists (some billed together), 8 tracks each, one release per 4 tracks. */
export function benchCatalogue(count: number): Pick<BankSampleOptions, 'artists' | 'tracks'> {
  const artists = Array.from({ length: count }, (_, a) => `BENCH ARTIST ${String(a + 1).padStart(2, '0')}`);
  const tracks: BankSampleOptions['tracks'] = [];
  for (let a = 0; a < artists.length; a++) {
    for (let t = 0; t < 8; t++) {
      const n = a * 8 + t;
      // Every fifth track is a collaboration ("A X B"), as DistroKid bills them.
      const artist = t === 4 && artists.length > 1 ? `${artists[a]} X ${artists[(a + 1) % artists.length]}` : artists[a];
      tracks.push({
        artist,
        title: `Track ${String(n + 1).padStart(3, '0')}`,
        isrc: `QZTAW25${String(n).padStart(5, '0')}`,
        upc: `19866${String(Math.floor(n / 4)).padStart(7, '0')}`,
      });
    }
  }
  return { artists, tracks };
}

/** 40 artists by default: the rollup's size grows with months × stores × countries × artists, so this sets the query figures. */
export const DEFAULT_ARTISTS = 40;

export function benchSampleOptions(rows: number, artists = DEFAULT_ARTISTS): BankSampleOptions {
  // 0.5 % of the lines repeat an earlier one, as real exports do: the loader must number them (they are separate transactions).
  return {
    seed: 20251122,
    rows,
    months: benchMonths(),
    ...benchCatalogue(artists),
    headerVariant: 'old',
    adjustmentRate: 0.15,
    repeatRate: 0.005,
  };
}

/** Streams the export to `file` with back-pressure; answers its size in bytes. */
export async function generateBankExport(file: string, rows: number, artists = DEFAULT_ARTISTS): Promise<number> {
  const out = fs.createWriteStream(file, { flags: 'wx' });
  const failed = once(out, 'error').then(([err]) => {
    throw err;
  });
  failed.catch(() => undefined);
  let bytes = 0;
  for (const chunk of bankDetailsChunks(benchSampleOptions(rows, artists))) {
    bytes += Buffer.byteLength(chunk, 'utf8');
    if (!out.write(chunk)) await Promise.race([once(out, 'drain'), failed]);
  }
  out.end();
  await Promise.race([once(out, 'finish'), failed]);
  return bytes;
}
