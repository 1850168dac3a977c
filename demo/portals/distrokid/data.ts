/**
 * What the simulated DistroKid serves: the streams statistics page as real saves of it look
 * (271–360 days up to "today", rendered SVG first, chart objects without id), the Apple Music
 * statistics page (365 days) and the bank details export (full history, bare-CR lines), all from
 * the sample generators, so the cleaners accept them and the tests compare the warehouse with this truth.
 */
import { type BankSampleOptions, type BankSampleTotals, bankDetailsChunks, bankDetailsTotals } from '../../sample-exports/distrokid';
import { appleMusicStatsHtml } from '../../sample-exports/distrokid-stats-pages';
import { realStreamsStatsHtml, streamsCaptures } from '../../sample-exports/distrokid-streams-page';

export interface DistrokidSimData {
  today: string;
  /** Daily Spotify streams of the `trend365day` chart. */
  streams: Array<{ date: string; streams: number }>;
  streamsHtml: string;
  /** Daily Apple Music plays of `chartData.last365days`. */
  applePlays: Array<{ date: string; plays: number }>;
  appleHtml: string;
  bank: { options: BankSampleOptions; totals: BankSampleTotals; tsv: string };
}

const ARTISTS = ['ZONE A0', 'PIG1987', 'IWARY', 'ZONE A0 X SXNCTUARY'];
const TRACKS = Array.from({ length: 12 }, (_, i) => ({
  artist: ARTISTS[i % ARTISTS.length],
  title: `Track ${String(i + 1).padStart(2, '0')}`,
  isrc: `QZTAW25${String(i + 1).padStart(5, '0')}`,
  upc: `19866721${String(i + 1).padStart(4, '0')}`,
}));

/** The `count` months ending three months before `today` (statements lag sales), oldest first, `YYYY-MM`. */
function saleMonths(today: string, count: number): string[] {
  const y = Number(today.slice(0, 4));
  const m = Number(today.slice(5, 7));
  return Array.from({ length: count }, (_, k) => new Date(Date.UTC(y, m - 1 - 3 - (count - 1 - k), 1)).toISOString().slice(0, 7));
}

export function distrokidSimData(today: string, seed = 7): DistrokidSimData {
  const [capture] = streamsCaptures({ seed: seed + 4, endDates: [today] });
  const streams = { series: capture.series, html: realStreamsStatsHtml({ seed: seed + 4, series: capture.series }) };
  const apple = appleMusicStatsHtml({ seed: seed + 5, endDate: today });
  const options: BankSampleOptions = { seed, rows: 1500, months: saleMonths(today, 12), artists: ARTISTS, tracks: TRACKS };
  return {
    today,
    streams: streams.series,
    streamsHtml: streams.html,
    applePlays: apple.series,
    appleHtml: apple.html,
    bank: { options, totals: bankDetailsTotals(options), tsv: [...bankDetailsChunks(options)].join('') },
  };
}
