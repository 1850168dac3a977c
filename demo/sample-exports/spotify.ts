/**
 * Deterministic Spotify for Artists artefacts for the demo and the tests, with the quirks of the
 * real portal: the audience CSV with a BOM, CRLF lines, empty cells, `NaN` and thousands
 * separators (quoted); song lists with counts as numbers or as strings with separators
 * (`"12,345"`), null canvas views, disabled songs, and overlapping time filters whose figures
 * nest (1day ≤ 7day ≤ 28day ≤ 1year ≤ all). Expected values come from the generator, never
 * from parsing what it wrote.
 */
import { seededRandom } from '../seeded-random';
import type { SongPeriod } from '../../src/ingest/spotify/file-names';
import { addDays } from '../calendar-days';

export const SAMPLE_ARTIST_ID = '62owJQCD2XzVB2o19CVsFM';

export interface AudienceSampleOptions {
  seed: number;
  /** Last day of the time line (YYYY-MM-DD). */
  endDate: string;
  days?: number;
  /** Share of cells left empty (or `NaN`); default 0.03. */
  emptyRate?: number;
  bom?: boolean;
  lineEnding?: '\r\n' | '\n';
}

export interface AudienceSampleDay {
  date: string;
  listeners: number | null;
  streams: number | null;
  followers: number | null;
}

/** `1234567` → `"1,234,567"` (quoted: the separator is also the CSV delimiter). */
function grouped(n: number): string {
  return n.toLocaleString('en-US');
}

/** Spotify's audience export: `date,listeners,streams,followers`, a year of days, oldest first. */
export function audienceCsv(opts: AudienceSampleOptions): { csv: string; days: AudienceSampleDay[] } {
  const rng = seededRandom(opts.seed);
  const n = opts.days ?? 365;
  const emptyRate = opts.emptyRate ?? 0.03;
  const eol = opts.lineEnding ?? '\r\n';
  const days: AudienceSampleDay[] = [];
  const lines = ['date,listeners,streams,followers'];
  let followers = 800 + Math.floor(rng() * 4000);
  const cell = (v: number): { value: number | null; text: string } => {
    const r = rng();
    if (r < emptyRate / 2) return { value: null, text: '' };
    if (r < emptyRate) return { value: null, text: 'NaN' };
    return { value: v, text: v >= 1000 && rng() < 0.6 ? `"${grouped(v)}"` : String(v) };
  };
  for (let i = 0; i < n; i++) {
    const date = addDays(opts.endDate, i - n + 1);
    // Weekly rhythm plus occasional release spikes into the thousands.
    const spike = rng() < 0.04 ? 8 + rng() * 20 : 1;
    const listeners = Math.floor((60 + rng() * 240) * spike * (i % 7 >= 5 ? 1.2 : 1));
    const streams = Math.floor(listeners * (1.3 + rng() * 1.4));
    followers += Math.floor(rng() * 6) - 1;
    const l = cell(listeners);
    const s = cell(streams);
    const f = cell(followers);
    days.push({ date, listeners: l.value, streams: s.value, followers: f.value });
    lines.push([date, l.text, s.text, f.text].join(','));
  }
  return { csv: `${opts.bom === false ? '' : '\uFEFF'}${lines.join(eol)}${eol}`, days };
}

export interface SongsSampleOptions {
  seed: number;
  titles: string[];
  period: SongPeriod;
}

export interface SongSample {
  id: string;
  title: string;
  streams: bigint;
  listeners: bigint;
  savers: bigint;
  canvasViews: bigint | null;
  isDisabled: boolean;
}

/** How much of a song's all-time figure falls in each window: nested, never summed. */
const PERIOD_SHARE: Record<SongPeriod, number> = { '1day': 0.002, '7day': 0.013, '28day': 0.05, '1year': 0.55, all: 1 };

function base62(rng: () => number, len: number): string {
  const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
  let s = '';
  for (let i = 0; i < len; i++) s += alphabet[Math.floor(rng() * 62)];
  return s;
}

/**
 * The catalog view API's answer for one time filter. The same seed and titles give the same
 * songs in every period, each period's figures a share of the all-time ones.
 */
export function songsJson(opts: SongsSampleOptions): { json: string; songs: SongSample[] } {
  const share = PERIOD_SHARE[opts.period];
  const songs: SongSample[] = [];
  const records: string[] = [];
  opts.titles.forEach((title, i) => {
    // One generator per song, so every period sees the same song; the period only scales it.
    const rng = seededRandom(opts.seed * 1000 + i);
    const id = base62(rng, 22);
    const allStreams = 2_000 + Math.floor(rng() * 3_000_000);
    const streams = BigInt(Math.floor(allStreams * share));
    const listeners = BigInt(Math.floor(Number(streams) / (1.6 + rng())));
    const savers = BigInt(Math.floor(Number(listeners) * (0.05 + rng() * 0.1)));
    const hasCanvas = rng() < 0.7;
    const canvasViews = hasCanvas ? BigInt(Math.floor(Number(streams) * (0.2 + rng() * 0.3))) : null;
    const isDisabled = rng() < 0.1;
    const asString = rng() < 0.6;
    const num = (v: bigint) => (asString ? JSON.stringify(Number(v).toLocaleString('en-US')) : v.toString());
    songs.push({ id, title, streams, listeners, savers, canvasViews, isDisabled });
    records.push(
      `{"id":"${id}","trackName":${JSON.stringify(title)},"trackUri":"spotify:track:${id}","releaseDate":"${2019 + (i % 6)}-0${1 + (i % 9)}-15",` +
        `"numStreams":${num(streams)},"numListeners":${num(listeners)},"numSavers":${num(savers)},` +
        `"numCanvasViews":${canvasViews === null ? 'null' : num(canvasViews)},"isDisabled":${isDisabled}}`,
    );
  });
  return { json: `{"songs":[${records.join(',')}]}`, songs };
}

export function audienceFileName(artistName: string | null, stamp: string, artistId = SAMPLE_ARTIST_ID): string {
  return `spotify_audience_${artistId}${artistName === null ? '' : `_${artistName}`}_${stamp}.csv`;
}

export function songsFileName(artistName: string, period: string, stamp: string, artistId = SAMPLE_ARTIST_ID): string {
  return `spotify_songs_${artistId}_${artistName}_${period}_${stamp}.json`;
}
