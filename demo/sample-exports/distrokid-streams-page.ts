/**
 * DistroKid's streams statistics page as a real save of it looks (docs/SOURCES.md#distrokid-streams-statistics-page, "Streams statistics
 * page"): a ~400 KB saved DOM whose rendered amCharts SVG comes first (one `aria-label` per
 * column, counts with thousands separators), then the site's other scripts, then one script per
 * chart `var trendX = AmCharts.makeChart("trendX", {…})` where the chart object has no `id` (the
 * graph has it) and `dataProvider` sits on the chart. 271–360 days; later captures restate older
 * days, not only the partial last one. Expected series are returned beside each page, taken from
 * the generated values, never by parsing the page.
 */
import { seededRandom } from '../seeded-random';
import { addDays } from '../calendar-days';
import { withSeparators } from '../digit-groups';

export interface StreamsDayValue {
  date: string;
  streams: number;
}

export interface RealStreamsPageOptions {
  seed: number;
  /** The daily series of the trend365day chart, oldest first. */
  series: StreamsDayValue[];
  /** The value key of every chart's graph; the portal writes "column-1". */
  valueField?: string;
  crlf?: boolean;
}

export interface StreamsCapture {
  /** Last day of the capture (its partial day). */
  endDate: string;
  series: StreamsDayValue[];
  /** The days this capture restated against the truth (what a later capture changed). */
  restated: string[];
}

export interface StreamsCapturesOptions {
  seed: number;
  /** Last day of each capture, in capture order (oldest capture first). */
  endDates: string[];
  /** Days per capture; default 271–360 from the seed. */
  days?: number;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A day's settled count: a function of (seed, date) only, so overlapping captures agree unless restated. */
function settledStreams(seed: number, date: string): number {
  const rng = seededRandom(seed * 7_919 + Number(date.replace(/-/g, '')));
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  const spike = rng() < 0.04 ? 3 + rng() * 4 : 1;
  return Math.round((400 + rng() * 900) * (weekday === 5 || weekday === 6 ? 1.2 : 1) * spike);
}

/**
 * Successive captures of the page: each covers `days` days up to its end date, its last day is
 * partial, and every capture after the first restates four days in the middle of its series by
 * thousands of streams, as DistroKid did on a capture two weeks after another.
 */
export function streamsCaptures(opts: StreamsCapturesOptions): StreamsCapture[] {
  const length = opts.days ?? 271 + Math.floor(seededRandom(opts.seed)() * 90);
  return opts.endDates.map((endDate, k) => {
    const rng = seededRandom(opts.seed * 31 + k);
    const series: StreamsDayValue[] = [];
    for (let i = length - 1; i >= 0; i--) {
      const date = addDays(endDate, -i);
      const settled = settledStreams(opts.seed, date);
      series.push({ date, streams: i === 0 ? Math.round(settled * (0.2 + rng() * 0.3)) : settled });
    }
    const restated: string[] = [];
    if (k > 0) {
      const from = Math.floor(length / 2) - 2 + Math.floor(rng() * 20) - 10;
      for (let j = 0; j < 4; j++) {
        const day = series[from + j];
        day.streams += 1_000 + Math.floor(rng() * 4_000);
        restated.push(day.date);
      }
    }
    return { endDate, series, restated };
  });
}

/** `2024-09-20` → `Sep 20, 2024`, as amCharts' balloon and aria labels write it. */
function labelDate(category: string): string {
  if (category.length === 7) return `${MONTHS[Number(category.slice(5, 7)) - 1]} ${category.slice(0, 4)}`;
  return `${MONTHS[Number(category.slice(5, 7)) - 1]} ${Number(category.slice(8, 10))}, ${category.slice(0, 4)}`;
}

interface Point {
  category: string;
  value: number;
}

/** The rendered chart inside its container: grid, one column per point with its aria label, axis labels. */
function renderedChart(name: string, points: Point[]): string {
  const width = 1100;
  const height = 300;
  const max = Math.max(1, ...points.map((p) => p.value));
  const step = width / Math.max(1, points.length);
  const grid = Array.from({ length: 6 }, (_, g) => {
    const y = Math.round((height * g) / 5);
    return `<g><path cs="100,100" d="M0.5,${y}.5 L${width}.5,${y}.5 " fill="none" stroke-width="1" stroke-opacity="0.1" stroke="#000000"></path></g>`;
  }).join('');
  const columns = points
    .map((p, i) => {
      const h = Math.max(1, Math.round((p.value / max) * (height - 20)));
      const x = Math.round(i * step);
      return `<g transform="translate(${x},${height - h})" visibility="visible"><path cs="100,100" d="M0.5,${h}.5 L0.5,0.5 L${Math.max(1, Math.round(step) - 1)}.5,0.5 L${Math.max(1, Math.round(step) - 1)}.5,${h}.5 L0.5,${h}.5 Z" fill="#00b4e6" stroke="#00b4e6" fill-opacity="1" stroke-width="1" stroke-opacity="0" aria-label="${name} ${labelDate(p.category)} ${withSeparators(p.value)}" role="menuitem" class="amcharts-graph-column amcharts-graph-graphAuto"></path></g>`;
    })
    .join('');
  // gridPosition "start": a tick and a faint grid line at every category.
  const ticks = points
    .map(
      (_, i) =>
        `<g><path cs="100,100" d="M${Math.round(i * step)}.5,0.5 L${Math.round(i * step)}.5,${height}.5 M${Math.round(i * step)}.5,${height}.5 L${Math.round(i * step)}.5,${height + 5}.5" fill="none" stroke-width="1" stroke-opacity="0.05" stroke="#000000" class="amcharts-axis-grid"></path></g>`,
    )
    .join('');
  const labels = points
    .filter((_, i) => i % 14 === 0)
    .map(
      (p, i) =>
        `<text y="6" fill="#888888" font-family="Lato" font-size="11px" opacity="1" text-anchor="middle" transform="translate(${Math.round(i * 14 * step)},${height + 12})"><tspan y="6" x="0">${labelDate(p.category).replace(/, \d{4}$/, '')}</tspan></text>`,
    )
    .join('');
  return `<div id="${name}" class="stats-chart" style="width: 100%; height: ${height + 40}px; overflow: hidden; text-align: left;"><div class="amcharts-main-div" style="position: relative;"><div class="amcharts-chart-div" style="overflow: hidden; position: relative; text-align: left; width: ${width}px; height: ${height + 40}px; padding: 0px;"><svg version="1.1" style="position: absolute; width: ${width}px; height: ${height + 40}px; top: 0px; left: 0px;"><desc>JavaScript chart by amCharts 3.21.15</desc><g><rect width="${width}" height="${height + 40}" fill="#FFFFFF" stroke="#000000" fill-opacity="0" stroke-width="0" stroke-opacity="0"></rect></g><g class="amcharts-category-axis">${grid}${ticks}</g><g class="amcharts-graph-column amcharts-graph-${name}">${columns}</g><g class="amcharts-axis-labels">${labels}</g></svg><a href="http://www.amcharts.com" title="JavaScript charts" style="position: absolute; text-decoration: none; color: rgb(0, 0, 0); font-family: Lato; font-size: 11px; opacity: 0.7; display: block; left: 5px; top: 5px;">JS chart by amCharts</a></div><div class="amcharts-balloon-div" style="position: absolute; visibility: hidden;"></div></div></div>`;
}

/** One chart's configuration script, with the keys and order of the live page. */
function chartScript(name: string, points: Point[], valueField: string): string {
  const config = {
    type: 'serial',
    categoryField: 'category',
    startDuration: 1,
    fontFamily: 'Lato',
    categoryAxis: {
      gridPosition: 'start',
      labelRotation: 45,
      parseDates: name !== 'trendMonthly',
      minPeriod: name === 'trendMonthly' ? 'MM' : 'DD',
    },
    chartCursor: { enabled: true, categoryBalloonDateFormat: 'MMM DD, YYYY' },
    trendLines: [],
    graphs: [{ fillAlphas: 1, id: name, title: name, type: 'column', valueField }],
    guides: [],
    valueAxes: [{ id: 'ValueAxis-1', title: 'Streams' }],
    allLabels: [],
    balloon: {},
    titles: [],
    dataProvider: points.map((p) => ({ category: p.category, [valueField]: p.value })),
  };
  // The live page writes the object with a space after each colon and comma.
  const json = JSON.stringify(config).replace(/":/g, '": ').replace(/,"/g, ', "').replace(/,\{/g, ', {');
  return `<script type="text/javascript">\nvar ${name} = AmCharts.makeChart("${name}", ${json});\n</script>`;
}

/** Scripts of the page that are not charts; braces, quotes and chart-like words must not mislead a reader. */
function otherScripts(rng: () => number): string {
  const releases = Array.from({ length: 480 }, (_, i) => ({
    id: 1_000_000 + Math.floor(rng() * 8_999_999),
    title: `Release ${i + 1}`,
    upc: `19866720${String(i).padStart(4, '0')}`,
    stores: ['spotify', 'applemusic', 'tiktok', 'youtube', 'deezer', 'tidal', 'amazon'].filter(() => rng() < 0.8),
    artwork: `https://s3.amazonaws.com/gather.fandalism.com/art${Math.floor(rng() * 1e9)}--600x600.jpg`,
    note: 'chart: {"id": "not-a-chart"}',
  }));
  return `<script type="text/javascript">
window.intercomSettings = {"app_id": "w1tdxqh7", "hide_default_launcher": true};
var dkReleases = ${JSON.stringify(releases)};
function showStatsTab(name) { $(".stats-tab").removeClass("active"); $("#tab-" + name).addClass("active"); return "{" + name + "}"; }
$(function () { $("[data-stats-tab]").on("click", function () { showStatsTab($(this).data("stats-tab")); }); });
</script>
<script type="text/javascript">
(function (i, s, o, g, r, a, m) { i["GoogleAnalyticsObject"] = r; i[r] = i[r] || function () { (i[r].q = i[r].q || []).push(arguments); }; })(window, document, "script", "//www.google-analytics.com/analytics.js", "ga");
ga("create", "UA-0000000-1", "auto"); ga("send", "pageview");
</script>`;
}

function mondayOf(date: string): string {
  return addDays(date, -((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7));
}

function sumBy(series: StreamsDayValue[], key: (date: string) => string): Point[] {
  const sums = new Map<string, number>();
  for (const d of series) sums.set(key(d.date), (sums.get(key(d.date)) ?? 0) + d.streams);
  return [...sums].map(([category, value]) => ({ category, value }));
}

/** The saved streams statistics page for a given trend365day series. */
export function realStreamsStatsHtml(opts: RealStreamsPageOptions): string {
  const rng = seededRandom(opts.seed);
  const valueField = opts.valueField ?? 'column-1';
  const daily: Point[] = opts.series.map((d) => ({ category: d.date, value: d.streams }));
  // Siblings share the shape; trend60day even repeats the last 60 days with the same values.
  const charts: Array<[string, Point[]]> = [
    ['trend60day', daily.slice(-60)],
    ['trend365day', daily],
    ['trendWeekly', sumBy(opts.series, mondayOf)],
    ['trendMonthly', sumBy(opts.series, (d) => d.slice(0, 7))],
  ];
  const html = `<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>DistroKid | Stats</title>
<link rel="stylesheet" href="https://distrokid.com/css/dk.min.css?v=4121">
<script src="https://ajax.googleapis.com/ajax/libs/jquery/3.6.0/jquery.min.js"></script>
<script src="https://www.amcharts.com/lib/3/amcharts.js"></script>
<script src="https://www.amcharts.com/lib/3/serial.js"></script>
</head>
<body class="stats-page">
<header><a href="/">DistroKid</a> <a href="/dashboard/">My Music</a> <a href="/bank/">Bank</a> <a href="/stats/">Stats</a> <a href="/signout">Sign out</a></header>
<main>
<h1>Stats</h1>
<div class="stats-tabs"><a data-stats-tab="streams" class="stats-tab active" href="/stats/?data=streams">Streams</a> <a class="stats-tab" href="/stats/applemusic/">Apple Music</a></div>
${charts.map(([name, points]) => `<h3>${name === 'trend60day' ? 'Last 60 days' : name === 'trend365day' ? 'Last 365 days' : name === 'trendWeekly' ? 'Weekly' : 'Monthly'}</h3>\n${renderedChart(name, points)}`).join('\n')}
<p class="small">Don't see today's numbers? Stores report with a delay of 1–2 days.</p>
</main>
<footer><a href="/help/">Help</a> · <a href="/terms/">Terms</a></footer>
${otherScripts(rng)}
${charts.map(([name, points]) => chartScript(name, points, valueField)).join('\n')}
</body></html>
`;
  return opts.crlf ? html.replace(/\n/g, '\r\n') : html;
}

/** DistroKid's public landing page, which is what a page saved while signed out holds. */
export function signedOutLandingHtml(): string {
  return `<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8"><title>DistroKid | Upload &amp; sell your music on Spotify, Apple Music, TikTok and more</title>
</head>
<body class="home">
<header><a href="/">DistroKid</a> <a href="/signin">Sign in</a> <a class="btn" href="/signup">Get started</a></header>
<main>
<h1>Upload &amp; sell your music<br>on Spotify, Apple Music, TikTok and more</h1>
<p>Keep 100% of your earnings. Unlimited uploads for one low yearly fee.</p>
<div id="trend-promo"><img src="/img/stats-preview.png" alt="Daily streams stats preview"></div>
</main>
<script type="text/javascript">window.intercomSettings = {"app_id": "w1tdxqh7"};</script>
</body></html>
`;
}
