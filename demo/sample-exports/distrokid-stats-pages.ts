/**
 * DistroKid's stats pages in their simple form (streams and Apple Music), with the look-alike
 * charts the parser must tell apart; the series are returned beside each page, from the generated
 * values, never by parsing. The streams page as a real save looks is distrokid-streams-page.ts.
 */
import { seededRandom } from '../seeded-random';
import { addDays } from '../calendar-days';
import { withSeparators } from '../digit-groups';

export interface StatsSampleOptions {
  seed: number;
  endDate: string;
  days?: number;
}

type Rng = () => number;

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
  const rows = points.map(
    (p) => `\t\t\t{"category": "${p.key}", "column-1": ${p.value >= 1000 && rng() < 0.05 ? `"${withSeparators(p.value)}"` : p.value}}`,
  );
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
    amChart(
      'chartdivMonthly',
      'trendMonthly',
      sumBy(daily, (d) => d.slice(0, 7)),
      rng,
      false,
    ),
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
  const labelled = (labels: string[], scale: number): Array<{ field: string; value: number }> =>
    labels.map((field) => ({ field, value: count(scale) }));
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
    .map(
      ([key, rows]) =>
        `\t"${key}": {"title": "${key}", "dataProvider": [\n${rows.map((r) => `\t\t{"field": "${r.field}", "value": ${r.value}}`).join(',\n')}\n\t]}`,
    )
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
