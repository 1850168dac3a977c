import fs from 'node:fs';
import path from 'node:path';
import { type BankSampleOptions, bankDetailsChunks } from '../../demo/sample-exports/distrokid';
import { streamsStatsHtml } from '../../demo/sample-exports/distrokid-stats-pages';

export const ARTISTS = ['ZONE A0', 'PIG1987', 'IWARY', 'ZONE A0 X SXNCTUARY'];
export const TRACKS = Array.from({ length: 24 }, (_, i) => ({
  artist: ARTISTS[i % ARTISTS.length],
  title: `Track ${String(i + 1).padStart(2, '0')}`,
  isrc: `QZTAW24${String(i + 1).padStart(5, '0')}`,
  upc: `19866720${String(i + 1).padStart(4, '0')}`,
}));

export function months(from: string, count: number): string[] {
  const [y, m] = from.split('-').map(Number);
  return Array.from({ length: count }, (_, i) => {
    const d = new Date(Date.UTC(y, m - 1 + i, 1));
    return d.toISOString().slice(0, 7);
  });
}

/** Writes a generated bank export (real format: bare CR lines) and returns its path and options. */
export function writeBankExport(
  dir: string,
  name: string,
  overrides: Partial<BankSampleOptions> = {},
): { file: string; opts: BankSampleOptions } {
  const opts: BankSampleOptions = { seed: 7, rows: 3000, months: months('2024-01', 18), artists: ARTISTS, tracks: TRACKS, ...overrides };
  const file = path.join(dir, name);
  fs.writeFileSync(file, [...bankDetailsChunks(opts)].join(''));
  return { file, opts };
}

export function writeStreamsPage(
  dir: string,
  name: string,
  endDate: string,
  seed = 11,
): { file: string; series: Array<{ date: string; streams: number }> } {
  const { html, series } = streamsStatsHtml({ seed, endDate });
  const file = path.join(dir, name);
  fs.writeFileSync(file, html);
  return { file, series };
}
