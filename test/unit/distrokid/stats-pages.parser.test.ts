import {
  looksLikeAppleMusicStats,
  looksLikeStreamsStats,
  parseAppleMusicStatsHtml,
  parseStreamsStatsHtml,
} from '../../../src/ingest/distrokid/stats-pages.parser';
import { appleMusicStatsHtml, streamsStatsHtml } from '../../../demo/sample-exports/distrokid-stats-pages';
import { reasonOf } from './helpers';

const chart = (id: string, rows: string, extra = ''): string =>
  `AmCharts.makeChart("div-${id}", {
  "type": "serial",
  "id": "${id}",
  "categoryField": "category",${extra}
  "graphs": [{"id": "AmGraph-1", "valueField": "column-1", "balloonFunction": function (item) { return "{" + item.category + "}"; }}],
  "dataProvider": [
${rows}
  ],
});`;

const decoyRows = `    {"category": "2024-08-23", "column-1": 9999},
    {"category": "2024-08-24", "column-1": 8888}`;

function streamsPage(realRows: string, { real = true, realExtra = '' } = {}): string {
  return `<html><head><style>.x { color: red; }</style></head><body>
<div id="trend365day"></div>
<p>Don't panic: "id": trend365day is only text here</p>
<script>
var labels = {"linkedTo": "trend365day", "tpl": "{{count}} streams"}; // { unbalanced in a comment
${chart('trendWeekly', decoyRows)}
${chart('trend60day', decoyRows)}
${real ? chart('trend365day', realRows, realExtra) : ''}
${chart('trendMonthly', decoyRows)}
</script></body></html>`;
}

describe('parseStreamsStatsHtml', () => {
  it('returns only the trend365day series when decoys with the same keys come first', () => {
    const html = streamsPage(`    {"category": "2024-08-23", "column-1": 40},
    {"category": "2024-08-24", "column-1": "1,234"},
    // the last day is partial
    {'category': '2024-08-25', 'column-1': 7,},`);
    expect(parseStreamsStatsHtml(html, 'streams_stats.html')).toEqual([
      { date: '2024-08-23', streams: 40 },
      { date: '2024-08-24', streams: 1234 },
      { date: '2024-08-25', streams: 7 },
    ]);
    expect(looksLikeStreamsStats(html)).toBe(true);
  });

  it('finds the chart when its id follows the data and keys are unquoted', () => {
    const html = `<script>var c = AmCharts.makeChart("d", {dataProvider: [{category: "2024-01-01", "column-1": 5}], id: 'trend365day'});
var w = AmCharts.makeChart("w", {id: "trendWeekly", dataProvider: [{category: "2024-01-01", "column-1": 50}]});</script>`;
    expect(parseStreamsStatsHtml(html, 'f.html')).toEqual([{ date: '2024-01-01', streams: 5 }]);
  });

  it('finds the chart when its id follows a year of data', () => {
    const { html, series } = streamsStatsHtml({ seed: 9, endDate: '2025-08-22' });
    // Move every chart's id to after its dataProvider.
    const moved = html
      .split('AmCharts.makeChart(')
      .map((part) => {
        const id = /\t"id": "(trend\w+)",\n/.exec(part);
        return id ? part.replace(id[0], '').replace(/\n\t\],?\n/, `\n\t],\n\t"id": "${id[1]}",\n`) : part;
      })
      .join('AmCharts.makeChart(');
    expect(moved.indexOf('"id": "trend365day"')).toBeGreaterThan(moved.indexOf('"dataProvider"', moved.indexOf('makeChart("chartdiv365"')));
    expect(parseStreamsStatsHtml(moved, 'f.html')).toEqual(series);
  });

  it('keeps the last value of a repeated date and sorts by date', () => {
    const html = streamsPage(
      `{"category": "2024-08-24", "column-1": 1}, {"category": "2024-08-23", "column-1": 2}, {"category": "2024-08-24", "column-1": 3}`,
    );
    expect(parseStreamsStatsHtml(html, 'f.html')).toEqual([
      { date: '2024-08-23', streams: 2 },
      { date: '2024-08-24', streams: 3 },
    ]);
  });

  it('fails MISSING_SECTION when only the decoys are present', async () => {
    const reason = await reasonOf(() => parseStreamsStatsHtml(streamsPage('', { real: false }), 'streams_stats.html'));
    expect(reason).toMatchObject({ code: 'MISSING_SECTION', field: 'trend365day', file: 'streams_stats.html' });
  });

  it('fails MISSING_SECTION when the chart has no dataProvider', async () => {
    const html = '<script>AmCharts.makeChart("d", {"id": "trend365day", "type": "serial"});</script>';
    expect(await reasonOf(() => parseStreamsStatsHtml(html, 'f.html'))).toMatchObject({
      code: 'MISSING_SECTION',
      field: 'trend365day.dataProvider',
    });
  });

  it('fails BAD_VALUE naming the entry and its line on a bad number', async () => {
    const html = streamsPage(`    {"category": "2024-08-23", "column-1": 40},
    {"category": "2024-08-24", "column-1": "forty"}`);
    const lineOfEntry = html.split('\n').findIndex((l) => l.includes('"forty"')) + 1;
    const reason = await reasonOf(() => parseStreamsStatsHtml(html, 'f.html'));
    expect(reason).toMatchObject({ code: 'BAD_VALUE', field: 'trend365day.dataProvider[1].column-1', line: lineOfEntry, found: '"forty"' });
  });

  it('fails BAD_VALUE on an impossible date', async () => {
    const html = streamsPage(`{"category": "2024-02-30", "column-1": 40}`);
    expect(await reasonOf(() => parseStreamsStatsHtml(html, 'f.html'))).toMatchObject({
      code: 'BAD_VALUE',
      field: 'trend365day.dataProvider[0].category',
    });
  });

  it('reads the generated page exactly', () => {
    const { html, series } = streamsStatsHtml({ seed: 3, endDate: '2025-08-22' });
    const parsed = parseStreamsStatsHtml(html, 'f.html');
    expect(parsed).toHaveLength(365);
    expect(parsed).toEqual(series);
    expect(parsed[parsed.length - 1].date).toBe('2025-08-22');
  });
});

describe('parseAppleMusicStatsHtml', () => {
  it('returns last365days, not the longer daily series beside it', () => {
    const { html, series } = appleMusicStatsHtml({ seed: 5, endDate: '2025-09-05' });
    const parsed = parseAppleMusicStatsHtml(html, 'applemusic_stats.html');
    expect(parsed).toEqual(series);
    expect(parsed).toHaveLength(365);
    expect(looksLikeAppleMusicStats(html)).toBe(true);
    expect(looksLikeStreamsStats(html)).toBe(false);
  });

  it('parses a hand-written chartData with JS syntax', () => {
    const html = `<script>
var other = {last365days: {dataProvider: [{field: "2024-01-01", value: 999}]}};
var chartData = {
  byMonth: {dataProvider: [{field: "2024-09", value: 1000}]},
  last365days: {title: "Plays", dataProvider: [{field: "2024-09-06", value: 37}, {field: "2024-09-07", value: "1,001"},]},
  offline1year: {dataProvider: [{field: "2024-09-06", value: 1}, {field: "2024-09-07", value: 2}, {field: "2024-09-08", value: 3}]},
};
</script>`;
    expect(parseAppleMusicStatsHtml(html, 'f.html')).toEqual([
      { date: '2024-09-06', plays: 37 },
      { date: '2024-09-07', plays: 1001 },
    ]);
  });

  it('fails MISSING_SECTION without chartData', async () => {
    const { html } = streamsStatsHtml({ seed: 1, endDate: '2025-01-01', days: 10 });
    expect(await reasonOf(() => parseAppleMusicStatsHtml(html, 'f.html'))).toMatchObject({ code: 'MISSING_SECTION', field: 'chartData' });
    expect(looksLikeAppleMusicStats(html)).toBe(false);
  });

  it('fails MISSING_SECTION without last365days', async () => {
    const html = '<script>var chartData = {"byMonth": {"dataProvider": []}, "last365daysOld": {}};</script>';
    expect(await reasonOf(() => parseAppleMusicStatsHtml(html, 'f.html'))).toMatchObject({
      code: 'MISSING_SECTION',
      field: 'chartData.last365days',
    });
  });

  it('fails BAD_VALUE naming the entry on a negative count', async () => {
    const html =
      '<script>\nvar chartData = {"last365days": {"dataProvider": [\n{"field": "2024-09-06", "value": 3},\n{"field": "2024-09-07", "value": -1}\n]}};</script>';
    expect(await reasonOf(() => parseAppleMusicStatsHtml(html, 'f.html'))).toMatchObject({
      code: 'BAD_VALUE',
      field: 'chartData.last365days.dataProvider[1].value',
      line: 4,
    });
  });
});
