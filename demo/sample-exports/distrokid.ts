/**
 * Deterministic DistroKid artefacts for the demo and the tests. They reproduce the quirks of
 * the real exports (bare-CR lines, reversals, OU/blank countries, hyphenated ISRCs, empty
 * withheld cells, look-alike charts on the stats pages) so the parsers are exercised on what
 * the portal really produces. Totals are computed from the generated values, never by parsing.
 */
import { seededRandom } from '../seeded-random';
import { addDays, addMonths, pad2 } from '../calendar-days';
import { withSeparators } from '../digit-groups';

export interface BankSampleOptions {
  seed: number;
  rows: number;
  months: string[];
  artists: string[];
  tracks: Array<{ artist: string; title: string; isrc: string; upc: string }>;
  headerVariant?: 'old' | 'new';
  adjustmentRate?: number;
}

export interface BankSampleTotals {
  rows: number;
  grossNano: bigint;
  netNano: bigint;
  quantity: number;
}

export interface StatsSampleOptions {
  seed: number;
  endDate: string;
  days?: number;
}

type Rng = () => number;
const pick = <T>(rng: Rng, list: readonly T[]): T => list[Math.floor(rng() * list.length)];

/** Store, share of rows, USD per unit, and whether units are downloads (few per row). */
const STORES: ReadonlyArray<readonly [string, number, number, boolean]> = [
  ['Spotify', 34, 0.0035, false],
  ['YouTube (Ads)', 9, 0.0008, false],
  ['YouTube (Red)', 4, 0.006, false],
  ['YouTube (Audio)', 5, 0.0012, false],
  ['Apple Music', 12, 0.0075, false],
  ['iTunes Songs', 2, 0.69, true],
  ['iTunes Match', 1, 0.004, false],
  ['TikTok', 8, 0.0004, false],
  ['Facebook', 4, 0.0006, false],
  ['Tidal', 2, 0.011, false],
  ['Deezer', 5, 0.0045, false],
  ['Amazon Unlimited (Streaming)', 5, 0.0048, false],
  ['Amazon Prime (Streaming)', 3, 0.0032, false],
  ['Pandora', 3, 0.0017, false],
  ['NetEase', 2, 0.0009, false],
  ['Flo', 1, 0.0021, false],
];
const STORE_WEIGHT = STORES.reduce((s, x) => s + x[1], 0);
const COUNTRIES = ['US', 'US', 'US', 'GB', 'DE', 'FR', 'BR', 'MX', 'CA', 'AU', 'JP', 'SE', 'NL', 'IN', 'ES', 'IT', 'PL', 'KR', 'TR', 'ID'];

const OLD_HEADER = ['Reporting Date', 'Sale Month', 'Store', 'Artist', 'Title', 'ISRC', 'UPC', 'Quantity', 'Team Percentage', 'Song/Album', 'Country of Sale', 'Songwriter Royalties Withheld', 'Earnings (USD)'];
const NEW_HEADER = [...OLD_HEADER.slice(0, 11), 'Songwriter Royalties Withheld (USD)', 'Earnings (USD)', 'Date Inserted', 'Source Type', 'Recoup (USD)'];

export function bankDetailsHeader(variant: 'old' | 'new' = 'old'): string[] {
  return [...(variant === 'new' ? NEW_HEADER : OLD_HEADER)];
}

interface GeneratedRow {
  cells: string[];
  quantity: number;
  grossNano: bigint;
  netNano: bigint;
}

function* generateRows(opts: BankSampleOptions): Generator<GeneratedRow> {
  const rng = seededRandom(opts.seed);
  const tracks = opts.tracks.length > 0 ? opts.tracks : syntheticTracks(opts.artists);
  if (tracks.length === 0 || opts.months.length === 0) throw new Error('sample needs at least one track (or artist) and one month');
  const adjustmentRate = opts.adjustmentRate ?? 0.15;
  const isNew = opts.headerVariant === 'new';
  for (let r = 0; r < opts.rows; r++) {
    const track = pick(rng, tracks);
    const saleMonth = pick(rng, opts.months);
    const reportingDate = `${addMonths(saleMonth, 2)}-${pad2(1 + Math.floor(rng() * 28))}`;
    const [store, , rate, download] = pickStore(rng);
    const album = download && rng() < 0.25;
    let quantity = download ? 1 + Math.floor(rng() * 3) : Math.max(1, Math.floor(Math.exp(rng() * 7.5)));
    let earnings8 = Math.max(1, Math.round(quantity * rate * (album ? 8 : 1) * (0.7 + rng() * 0.6) * 1e8));
    if (rng() < adjustmentRate) {
      quantity = -quantity;
      earnings8 = -earnings8;
    }
    const split = rng() < 0.1;
    // Withheld follows the sign of the earnings so a reversal also reverses what was withheld.
    const withheld8 = split ? Math.round(earnings8 * (0.05 + rng() * 0.2)) : 0;
    const roll = rng();
    const country = roll < 0.03 ? 'OU' : roll < 0.05 ? '' : pick(rng, COUNTRIES);
    const isrc = album ? '' : rng() < 0.01 ? hyphenateIsrc(track.isrc) : track.isrc;
    const withheldCell = !split && rng() < 0.01 ? '' : formatUnits8(withheld8);
    // An album line is titled with the release, not a track, as on real statements.
    const title = album ? `Release ${track.upc}` : track.title;
    const cells = [reportingDate, saleMonth, store, track.artist, title, isrc, track.upc, String(quantity), split ? '50' : '100', album ? 'Album' : 'Song', country, withheldCell, formatUnits8(earnings8)];
    if (isNew) cells.push(reportingDate, download ? 'Download' : 'Streaming', rng() < 0.9 ? '0' : '');
    const grossNano = BigInt(earnings8) * 10n;
    // 8-decimal amounts are multiples of 10 nano, so halving them is exact.
    const netNano = (split ? grossNano / 2n : grossNano) - BigInt(withheld8) * 10n;
    yield { cells, quantity, grossNano, netNano };
  }
}

/** The TSV as the portal serves it: header first, every line ended by a bare CR, ~256 KB per chunk. */
export function* bankDetailsChunks(opts: BankSampleOptions): Generator<string> {
  const target = 256 * 1024;
  let parts: string[] = [bankDetailsHeader(opts.headerVariant).join('\t'), '\r'];
  let size = 0;
  for (const row of generateRows(opts)) {
    const text = row.cells.join('\t');
    parts.push(text, '\r');
    size += text.length + 1;
    if (size >= target) {
      yield parts.join('');
      parts = [];
      size = 0;
    }
  }
  if (parts.length > 0) yield parts.join('');
}

export function bankDetailsTotals(opts: BankSampleOptions): BankSampleTotals {
  const totals: BankSampleTotals = { rows: 0, grossNano: 0n, netNano: 0n, quantity: 0 };
  for (const row of generateRows(opts)) {
    totals.rows++;
    totals.grossNano += row.grossNano;
    totals.netNano += row.netNano;
    totals.quantity += row.quantity;
  }
  return totals;
}

function pickStore(rng: Rng): readonly [string, number, number, boolean] {
  let x = rng() * STORE_WEIGHT;
  for (const s of STORES) {
    x -= s[1];
    if (x < 0) return s;
  }
  return STORES[0];
}

function syntheticTracks(artists: string[]): BankSampleOptions['tracks'] {
  return artists.flatMap((artist, a) =>
    [0, 1, 2].map((t) => ({ artist, title: `Track ${t + 1}`, isrc: `QZTAW24${String(a * 10 + t).padStart(5, '0')}`, upc: `19${String(a * 10 + t).padStart(10, '0')}` })),
  );
}

const hyphenateIsrc = (isrc: string): string => `${isrc.slice(0, 2)}-${isrc.slice(2, 5)}-${isrc.slice(5, 7)}-${isrc.slice(7)}`;

function formatUnits8(units: number): string {
  const abs = Math.abs(units);
  const whole = Math.floor(abs / 1e8);
  return `${units < 0 ? '-' : ''}${whole}.${String(abs - whole * 1e8).padStart(8, '0')}`;
}

/** A plausible daily series: growth, weekly rhythm, noise, and a partial last day. */
function dailySeries(rng: Rng, endDate: string, days: number, base: number): Array<{ date: string; value: number }> {
  const out: Array<{ date: string; value: number }> = [];
  for (let k = days - 1; k >= 0; k--) {
    const date = addDays(endDate, -k);
    const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
    const level = base * (1 + (days - k) / days) * (weekday === 5 || weekday === 6 ? 1.15 : 1) * (0.8 + rng() * 0.4);
    out.push({ date, value: Math.round(k === 0 ? level * 0.35 : level) });
  }
  return out;
}

function sumBy(series: Array<{ date: string; value: number }>, key: (date: string) => string): Array<{ key: string; value: number }> {
  const sums = new Map<string, number>();
  for (const p of series) sums.set(key(p.date), (sums.get(key(p.date)) ?? 0) + p.value);
  return [...sums].map(([k, value]) => ({ key: k, value }));
}

const mondayOf = (date: string): string => addDays(date, -((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7));

function amChart(div: string, id: string, points: Array<{ key: string; value: number }>, rng: Rng, trailingCommas: boolean): string {
  // Some values are written as strings with separators and the configs hold callbacks, as on the live page.
  const rows = points.map((p) => `\t\t\t{"category": "${p.key}", "column-1": ${p.value >= 1000 && rng() < 0.05 ? `"${withSeparators(p.value)}"` : p.value}}`);
  const comma = trailingCommas ? ',' : '';
  return `AmCharts.makeChart("${div}", {
\t"type": "serial",
\t"categoryField": "category",
\t"dataDateFormat": "YYYY-MM-DD",
\t"id": "${id}",
\t"theme": "light",
\t"categoryAxis": {"gridPosition": "start", "parseDates": true, "labelFunction": function (value, date) { return date ? "{" + value + "}" : ""; }},
\t"chartCursor": {"enabled": true, "categoryBalloonDateFormat": "MMM DD"},
\t"graphs": [{"balloonText": "[[value]] streams on [[category]]", "bullet": "round", "id": "AmGraph-1", "title": "Streams", "valueField": "column-1"}],
\t"valueAxes": [{"id": "ValueAxis-1", "title": ""}],
\t"dataProvider": [
${rows.join(',\n')}${comma}
\t]${comma}
});`;
}

export function streamsStatsHtml(opts: StatsSampleOptions): { html: string; series: Array<{ date: string; streams: number }> } {
  const rng = seededRandom(opts.seed);
  const days = opts.days ?? 365;
  const daily = dailySeries(rng, opts.endDate, days, 250 + rng() * 500);
  const asPoints = (s: typeof daily): Array<{ key: string; value: number }> => s.map((p) => ({ key: p.date, value: p.value }));
  // Decoys come first and share field names with the real chart, as on the live page.
  const charts = [
    amChart('chartdivWeekly', 'trendWeekly', sumBy(daily, mondayOf), rng, false),
    amChart('chartdiv60', 'trend60day', asPoints(daily.slice(-60)), rng, true),
    amChart('chartdiv365', 'trend365day', asPoints(daily), rng, true),
    amChart('chartdivMonthly', 'trendMonthly', sumBy(daily, (d) => d.slice(0, 7)), rng, false),
  ];
  const html = page(
    'DistroKid | Stats',
    `<div class="stats-nav"><a href="/stats/?data=streams" class="active">Streams</a> <a href="/stats/applemusic/">Apple Music</a></div>
<div id="chartdivWeekly" style="height:300px"></div>
<div id="chartdiv60" style="height:300px"></div>
<div id="chartdiv365" style="height:300px"></div>
<div id="chartdivMonthly" style="height:300px"></div>
<p>Don't see today's numbers? Stores report with a delay of 1–2 days.</p>`,
    `var statsConfig = {"artist": "all", "template": "{{store}}: {{count}}"}; // { not a chart }
${charts.join('\n')}`,
  );
  return { html, series: daily.map((p) => ({ date: p.date, streams: p.value })) };
}

export function appleMusicStatsHtml(opts: StatsSampleOptions): { html: string; series: Array<{ date: string; plays: number }> } {
  const rng = seededRandom(opts.seed);
  const days = opts.days ?? 365;
  const daily = dailySeries(rng, opts.endDate, days, 20 + rng() * 40);
  const count = (scale: number): number => Math.round(scale * (0.5 + rng()));
  const labelled = (labels: string[], scale: number): Array<{ field: string; value: number }> => labels.map((field) => ({ field, value: count(scale) }));
  // offline1year is a longer daily series with the same keys: "the longest array" would be wrong.
  const offline = dailySeries(rng, opts.endDate, days + 30, 3).map((p) => ({ field: p.date, value: p.value }));
  const chartData = {
    byMonth: sumBy(daily, (d) => d.slice(0, 7)).map((p) => ({ field: p.key, value: p.value })),
    tracks1year: labelled(['Night Drive', 'Static Bloom', 'Low Orbit', 'Paper Moons'], 2000),
    playlists1year: labelled(['New Music Daily', 'Chill Mix', 'Library'], 500),
    last365days: daily.map((p) => ({ field: p.date, value: p.value })),
    devices1year: labelled(['iPhone', 'Mac', 'iPad', 'Other'], 900),
    gender1year: labelled(['Female', 'Male', 'Unknown'], 1200),
    age1year: labelled(['18-24', '25-34', '35-44', '45+'], 800),
    listening1year: labelled(['Full plays', 'Partial plays'], 3000),
    sources1year: labelled(['Library', 'Radio', 'Search', 'Playlists'], 1000),
    byWeek: sumBy(daily, mondayOf).map((p) => ({ field: p.key, value: p.value })),
    offline1year: offline,
    types1year: labelled(['Song', 'Album'], 1500),
    country1year: labelled(['US', 'GB', 'DE', 'BR', 'JP'], 700),
    albums1year: labelled(['Night Drive - Single', 'Static Bloom EP'], 1500),
  };
  const body = Object.entries(chartData)
    .map(([key, rows]) => `\t"${key}": {"title": "${key}", "dataProvider": [\n${rows.map((r) => `\t\t{"field": "${r.field}", "value": ${r.value}}`).join(',\n')}\n\t]}`)
    .join(',\n');
  const html = page(
    'DistroKid | Apple Music stats',
    `<div class="stats-nav"><a href="/stats/?data=streams">Streams</a> <a href="/stats/applemusic/" class="active">Apple Music</a></div>
<div id="chart-last365days" style="height:300px"></div>`,
    `var chartData = {\n${body}\n};
Object.keys(chartData).forEach(function (k) { if (k === "last365days") { AmCharts.makeChart("chart-" + k, {"type": "serial", "dataProvider": chartData[k].dataProvider}); } });`,
  );
  return { html, series: daily.map((p) => ({ date: p.date, plays: p.value })) };
}

function page(title: string, body: string, script: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${title}</title>
<style>.stats-nav a { margin-right: 1em; } .chart { font-family: 'Helvetica Neue', sans-serif; }</style>
<script src="https://www.amcharts.com/lib/3/amcharts.js"></script>
<script src="https://www.amcharts.com/lib/3/serial.js"></script>
</head>
<body>
<header><a href="/">DistroKid</a> <a href="/bank/">Bank</a> <a href="/stats/">Stats</a></header>
<main>
${body}
</main>
<script type="text/javascript">
${script}
</script>
</body>
</html>
`;
}
