/**
 * Deterministic TooLost artefacts for the demo and the tests, reproducing what the portal hands
 * us: Spotify analytics with string counts (some with thousands separators), unsorted rows and
 * only the current year; Apple analytics with integer streams but string Shazam counts, a
 * hyphenated ISRC, a track listed once per release and a `streamTotal` that may lag; monthly
 * sales report CSVs with BOM, CRLF, quoted cells holding commas and quotes, grouped numbers,
 * reversals, identical lines, unknown countries and a summary line. Expected values are computed
 * from the generated numbers (integers of 1e-8 USD for money), never by parsing the output.
 */
import { seededRandom } from '../seeded-random';
import { addDays, pad2 } from '../calendar-days';
import { withSeparators } from '../digit-groups';

type Rng = () => number;
const pick = <T>(rng: Rng, list: readonly T[]): T => list[Math.floor(rng() * list.length)];

function shuffle<T>(rng: Rng, list: T[]): T[] {
  const out = [...list];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** An amount of 1e-8 units as the portal writes it (`2.93076245`, `-0.00120000`). */
export function formatUnits8(units: number): string {
  const abs = Math.abs(units);
  const whole = Math.floor(abs / 1e8);
  return `${units < 0 ? '-' : ''}${whole}.${String(abs - whole * 1e8).padStart(8, '0')}`;
}

// ---------------------------------------------------------------------------------------------
// Spotify analytics

export interface SpotifySampleOptions {
  seed: number;
  /** Last day of the capture; the capture starts on Jan 1 of its year ("thisYear") unless `startDate` says otherwise. */
  endDate: string;
  startDate?: string;
  /** Days written as "NaN" / "" (left out of the expected series). */
  gapDates?: string[];
}

export interface SpotifySample {
  json: string;
  /** The daily series that must be loaded, sorted by date. */
  days: Array<{ date: string; streams: number }>;
  discovery: Array<{ month: string; streams: number; fees: string; feesNano: bigint }>;
  gaps: number;
}

export function spotifyAnalyticsSample(opts: SpotifySampleOptions): SpotifySample {
  const rng = seededRandom(opts.seed);
  const start = opts.startDate ?? `${opts.endDate.slice(0, 4)}-01-01`;
  const gaps = new Set(opts.gapDates ?? []);
  const days: SpotifySample['days'] = [];
  const streamRows: Array<{ date: string; streams: string }> = [];
  const base = 600 + rng() * 900;
  for (let date = start; date <= opts.endDate; date = addDays(date, 1)) {
    const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
    const n = Math.round(base * (weekday >= 5 ? 1.2 : 1) * (0.75 + rng() * 0.5) * (date === opts.endDate ? 0.4 : 1));
    if (gaps.has(date)) {
      streamRows.push({ date, streams: rng() < 0.5 ? 'NaN' : '' });
      continue;
    }
    days.push({ date, streams: n });
    streamRows.push({ date, streams: n >= 1000 && rng() < 0.3 ? withSeparators(n) : String(n) });
  }
  const discovery: SpotifySample['discovery'] = [];
  const discoveryRows: Array<{ date: string; streams: string; fees: string }> = [];
  for (let m = Number(start.slice(5, 7)); m <= Number(opts.endDate.slice(5, 7)); m++) {
    const month = `${start.slice(0, 4)}-${pad2(m)}-01`;
    const streams = Math.round(1500 + rng() * 4000);
    const fees8 = Math.round(streams * (0.0006 + rng() * 0.0004) * 1e8);
    const fees = formatUnits8(fees8);
    discovery.push({ month, streams, fees, feesNano: BigInt(fees8) * 10n });
    discoveryRows.push({ date: month, streams: streams >= 1000 && rng() < 0.5 ? withSeparators(streams) : String(streams), fees });
  }
  // The API returns rows in no particular order.
  const json = JSON.stringify({ streams: shuffle(rng, streamRows), discovery: shuffle(rng, discoveryRows) });
  return { json, days, discovery, gaps: gaps.size };
}

// ---------------------------------------------------------------------------------------------
// Apple analytics

export interface AppleSampleTrack {
  isrc: string;
  title: string;
  release: string;
}

export interface AppleSampleOptions {
  seed: number;
  endDate: string;
  tracks: AppleSampleTrack[];
  countries?: string[];
  /** Make streamTotal lag the daily series by this many streams (the portal's own total is refreshed separately). */
  totalLag?: number;
}

export interface AppleSample {
  json: string;
  days: Array<{ date: string; streams: number }>;
  shazam: Array<{ date: string; recognitions: number }>;
  /** Year-to-date streams per (canonical) ISRC, summed over the releases a track appears on. */
  trackTotals: Map<string, number>;
  /** Year-to-date streams per upper-case country code. */
  countryTotals: Map<string, number>;
  streamTotal: number;
}

export function appleAnalyticsSample(opts: AppleSampleOptions): AppleSample {
  const rng = seededRandom(opts.seed);
  const start = `${opts.endDate.slice(0, 4)}-01-01`;
  const days: AppleSample['days'] = [];
  const shazam: AppleSample['shazam'] = [];
  for (let date = start; date <= opts.endDate; date = addDays(date, 1)) {
    days.push({ date, streams: Math.round(rng() * 30) });
    if (rng() < 0.7) shazam.push({ date, recognitions: Math.round(rng() * 12) });
  }
  const sum = days.reduce((s, d) => s + d.streams, 0);
  const trackTotals = new Map<string, number>();
  const tracksTotal = opts.tracks.map((t, k) => {
    const streams = Math.round(50 + rng() * 3000);
    const canonical = t.isrc.replace(/-/g, '').toUpperCase();
    trackTotals.set(canonical, (trackTotals.get(canonical) ?? 0) + streams);
    // One ISRC is written hyphenated, as some catalogues store it.
    const isrc = k === 1 ? `${canonical.slice(0, 2)}-${canonical.slice(2, 5)}-${canonical.slice(5, 7)}-${canonical.slice(7)}` : t.isrc;
    return { isrc, streams, track: t.title, release: t.release, cover: `https://cdn.toolost.com/covers/${canonical.toLowerCase()}.jpg` };
  });
  const countryTotals = new Map<string, number>();
  const countryTotal = (opts.countries ?? ['US', 'GB', 'DE', 'BR', 'jp']).map((c) => {
    const streams = Math.round(10 + rng() * 900);
    countryTotals.set(c.toUpperCase(), (countryTotals.get(c.toUpperCase()) ?? 0) + streams);
    return { country: c, streams };
  });
  const streamTotal = sum - (opts.totalLag ?? 0);
  const json = JSON.stringify(
    {
      totalStreams: shuffle(
        rng,
        days.map((d) => ({ date: d.date, streams: d.streams })),
      ),
      totalShazam: shazam.map((d) => ({ date: d.date, streams: String(d.recognitions) })),
      tracksTotal,
      countryTotal,
      streamTotal,
    },
    null,
    2,
  );
  return { json, days, shazam, trackTotals, countryTotals, streamTotal };
}

// ---------------------------------------------------------------------------------------------
// Sales report CSV

export type SalesHeaderVariant = 'earnings' | 'gross_net' | 'no_period';

export interface SalesSampleOptions {
  seed: number;
  /** The report month, `MM-YYYY` as in the notification. */
  month: string;
  rows: number;
  variant?: SalesHeaderVariant;
  tracks?: Array<{ artist: string; title: string; isrc: string; upc: string }>;
}

export interface SalesSampleTotals {
  rows: number;
  grossNano: bigint;
  netNano: bigint;
  quantity: number;
  /** Net per store name. */
  netByStore: Map<string, bigint>;
}

export interface SalesSample {
  csv: string;
  totals: SalesSampleTotals;
  /** The sale month every line carries, YYYY-MM-01. */
  saleMonth: string;
}

const HEADERS: Record<SalesHeaderVariant, string[]> = {
  earnings: ['Sale Month', 'Store', 'Artist', 'Title', 'ISRC', 'UPC', 'Country', 'Quantity', 'Earnings (USD)'],
  gross_net: [
    'Reporting Month',
    'DSP',
    'Artist Name',
    'Track Title',
    'Release',
    'ISRC',
    'UPC',
    'Territory',
    'Units',
    'Gross Revenue (USD)',
    'Net Revenue (USD)',
    'Notes',
  ],
  no_period: ['Platform', 'Artist', 'Track', 'ISRC', 'Country of Sale', 'Streams', 'Revenue'],
};

const SALES_STORES: ReadonlyArray<readonly [string, number]> = [
  ['Spotify', 0.0035],
  ['Apple Music', 0.0075],
  ['YouTube (Ads)', 0.0008],
  ['TikTok', 0.0004],
  ['Amazon Unlimited (Streaming)', 0.0048],
  ['Deezer', 0.0045],
  ['Tidal', 0.011],
  ['Anghami', 0.002],
];

const DEFAULT_TRACKS = [
  { artist: 'ZONE A0', title: 'Night Drive, Pt. 2', isrc: 'QZTAW2496365', upc: '197368123456' },
  { artist: 'zone.a0 X SXNCTUARY', title: 'He Said "Go"', isrc: 'QZTAW2496366', upc: '197368123457' },
  { artist: 'Pig 1987', title: 'Static Bloom', isrc: 'QZTAW2496367', upc: '1973681234580' },
];

function csvCell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function salesReportSample(opts: SalesSampleOptions): SalesSample {
  const rng = seededRandom(opts.seed);
  const variant = opts.variant ?? 'earnings';
  const header = HEADERS[variant];
  const tracks = opts.tracks ?? DEFAULT_TRACKS;
  const [mm, yyyy] = opts.month.split('-');
  const saleMonth = `${yyyy}-${mm}-01`;
  const totals: SalesSampleTotals = { rows: 0, grossNano: 0n, netNano: 0n, quantity: 0, netByStore: new Map() };
  const lines: string[][] = [];
  for (let r = 0; r < opts.rows; r++) {
    const track = pick(rng, tracks);
    const [store, rate] = pick(rng, SALES_STORES);
    let quantity = Math.max(1, Math.floor(Math.exp(rng() * 8)));
    let net8 = Math.max(1, Math.round(quantity * rate * (0.7 + rng() * 0.6) * 1e8));
    if (rng() < 0.1) {
      quantity = -quantity;
      net8 = -net8;
    }
    const gross8 = variant === 'gross_net' ? Math.round(net8 / 0.85) : net8;
    const roll = rng();
    const country = roll < 0.05 ? 'OU' : roll < 0.1 ? '' : pick(rng, ['US', 'US', 'GB', 'DE', 'BR', 'MX', 'JP']);
    const qtyText =
      Math.abs(quantity) >= 1000 && rng() < 0.5 ? `${quantity < 0 ? '-' : ''}${withSeparators(Math.abs(quantity))}` : String(quantity);
    const cells: Record<string, string> = {
      'Sale Month': `${yyyy}-${mm}`,
      'Reporting Month': `${mm}/${yyyy}`,
      Store: store,
      DSP: store,
      Platform: store,
      Artist: track.artist,
      'Artist Name': track.artist,
      Title: track.title,
      'Track Title': track.title,
      Track: track.title,
      Release: `${track.title.split(',')[0]} - Single`,
      ISRC: track.isrc,
      UPC: track.upc,
      Country: country,
      Territory: country,
      'Country of Sale': country,
      Quantity: qtyText,
      Units: qtyText,
      Streams: qtyText,
      'Earnings (USD)': formatUnits8(net8),
      Revenue: formatUnits8(net8),
      'Gross Revenue (USD)': formatUnits8(gross8),
      'Net Revenue (USD)': formatUnits8(net8),
      Notes: rng() < 0.2 ? 'adjusted, see statement' : '',
    };
    const line = header.map((h) => cells[h]);
    const copies = rng() < 0.05 ? 2 : 1; // identical lines inside one report are separate sales
    for (let c = 0; c < copies; c++) {
      lines.push(line);
      totals.rows++;
      totals.quantity += quantity;
      totals.netNano += BigInt(net8) * 10n;
      totals.grossNano += BigInt(gross8) * 10n;
      totals.netByStore.set(store, (totals.netByStore.get(store) ?? 0n) + BigInt(net8) * 10n);
    }
  }
  const eol = variant === 'no_period' ? '\n' : '\r\n';
  const summary = header.map((h, i) =>
    i === 0
      ? 'Total'
      : h === 'Earnings (USD)' || h === 'Net Revenue (USD)' || h === 'Revenue'
        ? formatUnits8(Number(totals.netNano / 10n))
        : '',
  );
  const body = [header, ...lines, summary].map((cells) => cells.map(csvCell).join(',')).join(eol) + eol;
  return { csv: `\ufeff${body}`, totals, saleMonth };
}
