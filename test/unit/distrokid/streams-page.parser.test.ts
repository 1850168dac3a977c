/**
 * The streams statistics page as real saves of it look: rendered SVG first, the chart object
 * without an id (its graph has it), dataProvider on the chart, sibling charts of the same shape,
 * CRLF copies, and the public page a signed-out save holds.
 */
import { looksLikeStreamsStats, parseStreamsStatsHtml } from '../../../src/ingest/distrokid/stats-pages.parser';
import { realStreamsStatsHtml, signedOutLandingHtml, streamsCaptures } from '../../../demo/sample-exports/distrokid-streams-page';
import { RECOGNITION_HEAD_BYTES } from '../../../src/ingest/registry';
import { reasonOf } from './helpers';

const capture = streamsCaptures({ seed: 21, endDates: ['2025-05-14'] })[0];

/** A minimal page in the real shape, written by hand: one sibling first, then the streams chart. */
function handPage(streamsChart: string): string {
  return `<html><head><title>DistroKid | Stats</title></head><body><a href="/signout">Sign out</a>
<div id="trend365day"><svg><path aria-label="trend365day Sep 20, 2024 1,490"></path></svg></div>
<script>var trend60day = AmCharts.makeChart("trend60day", {"type": "serial", "graphs": [{"id": "trend60day", "valueField": "column-1"}], "dataProvider": [{"category": "2024-09-20", "column-1": 77777}]});</script>
<script>${streamsChart}</script></body></html>`;
}

describe('parseStreamsStatsHtml on the real page', () => {
  it('reads trend365day from the ~400 KB saved DOM whose SVG comes first, not the sibling charts', () => {
    const html = realStreamsStatsHtml({ seed: 4, series: capture.series });
    expect(capture.series.length).toBeGreaterThanOrEqual(271);
    expect(capture.series.length).toBeLessThanOrEqual(360);
    expect(html.length).toBeGreaterThan(300_000);
    expect(html.length).toBeLessThan(500_000);
    // The real structure: labels first, chart configuration past the recognition head, no chart-level id.
    expect(html.indexOf('aria-label="trend365day ')).toBeLessThan(html.indexOf('AmCharts.makeChart("trend365day"'));
    expect(html.indexOf('AmCharts.makeChart("trend365day"')).toBeGreaterThan(RECOGNITION_HEAD_BYTES);
    expect(html).toContain('var trend365day = AmCharts.makeChart("trend365day", {"type": "serial", "categoryField": "category"');
    expect(html).toContain(
      '"graphs": [{"fillAlphas": 1, "id": "trend365day", "title": "trend365day", "type": "column", "valueField": "column-1"}]',
    );
    expect(html).toMatch(/aria-label="trend365day [A-Z][a-z]{2} \d{1,2}, \d{4} \d{1,3},\d{3}"/);
    expect(parseStreamsStatsHtml(html, 'streams_stats.html')).toEqual(capture.series);
    expect(looksLikeStreamsStats(html.slice(0, RECOGNITION_HEAD_BYTES))).toBe(true);
  });

  it('reads a CRLF copy of the page the same', () => {
    const html = realStreamsStatsHtml({ seed: 4, series: capture.series, crlf: true });
    expect(html).toContain('\r\n');
    expect(html.replace(/\r\n/g, '')).not.toContain('\n');
    expect(parseStreamsStatsHtml(html, 'f.html')).toEqual(capture.series);
  });

  it("takes the value key from the graph's valueField", () => {
    const html = realStreamsStatsHtml({ seed: 4, series: capture.series.slice(0, 30), valueField: 'column-7' });
    expect(html).not.toContain('"column-1"');
    expect(parseStreamsStatsHtml(html, 'f.html')).toEqual(capture.series.slice(0, 30));
    const hand = handPage(
      `var trend365day = AmCharts.makeChart("trend365day", {"graphs": [{"id": "trend365day", "valueField": "streams"}], "dataProvider": [{"category": "2024-09-20", "column-1": 5, "streams": 1490}]});`,
    );
    expect(parseStreamsStatsHtml(hand, 'f.html')).toEqual([{ date: '2024-09-20', streams: 1490 }]);
  });

  it('finds the chart by its variable, or by the graph id, when the makeChart name differs', () => {
    const byVariable = handPage(
      `var trend365day = AmCharts.makeChart("chartdiv365", {"graphs": [{"id": "g1", "valueField": "v"}], "dataProvider": [{"category": "2024-09-20", "v": 12}]});`,
    );
    expect(parseStreamsStatsHtml(byVariable, 'f.html')).toEqual([{ date: '2024-09-20', streams: 12 }]);
    const byGraphId = handPage(
      `AmCharts.makeChart("chartdiv365", {"categoryField": "day", "graphs": [{"id": "trend365day", "valueField": "v"}], "dataProvider": [{"day": "2024-09-21", "v": "1,013"}]});`,
    );
    expect(parseStreamsStatsHtml(byGraphId, 'f.html')).toEqual([{ date: '2024-09-21', streams: 1013 }]);
  });

  it('quarantines the public page of a signed-out save as NOT_SIGNED_IN naming its title and heading, CRLF or not', async () => {
    for (const html of [signedOutLandingHtml(), signedOutLandingHtml().replace(/\n/g, '\r\n')]) {
      const reason = await reasonOf(() => parseStreamsStatsHtml(html, 'streams_stats.html'));
      expect(reason).toMatchObject({ code: 'NOT_SIGNED_IN', file: 'streams_stats.html' });
      expect(reason.found).toContain('title "DistroKid | Upload & sell your music');
      expect(reason.found).toContain('heading "Upload & sell your music on Spotify');
    }
  });

  it('calls a signed-in page without the chart MISSING_SECTION, not NOT_SIGNED_IN', async () => {
    const html = handPage('var unrelated = 1;');
    expect(await reasonOf(() => parseStreamsStatsHtml(html, 'f.html'))).toMatchObject({ code: 'MISSING_SECTION', field: 'trend365day' });
  });

  it('fails MISSING_SECTION when no graph names the value key', async () => {
    const none = handPage(
      `var trend365day = AmCharts.makeChart("trend365day", {"graphs": [{"id": "trend365day", "type": "column"}], "dataProvider": [{"category": "2024-09-20", "column-1": 5}]});`,
    );
    expect(await reasonOf(() => parseStreamsStatsHtml(none, 'f.html'))).toMatchObject({
      code: 'MISSING_SECTION',
      field: 'trend365day.graphs[].valueField',
    });
    const notAnArray = handPage(
      `var trend365day = AmCharts.makeChart("trend365day", {"graphs": {"id": "trend365day", "valueField": "v"}, "dataProvider": []});`,
    );
    expect(await reasonOf(() => parseStreamsStatsHtml(notAnArray, 'f.html'))).toMatchObject({
      code: 'MISSING_SECTION',
      field: 'trend365day.graphs[].valueField',
    });
    const ambiguous = handPage(
      `var trend365day = AmCharts.makeChart("trend365day", {"graphs": [{"id": "a", "valueField": "x"}, {"id": "b", "valueField": "y"}], "dataProvider": []});`,
    );
    expect(await reasonOf(() => parseStreamsStatsHtml(ambiguous, 'f.html'))).toMatchObject({
      code: 'MISSING_SECTION',
      field: 'trend365day.graphs[].valueField',
    });
  });

  it('fails BAD_VALUE naming the entry when a day lacks the value key', async () => {
    const html =
      handPage(`var trend365day = AmCharts.makeChart("trend365day", {"graphs": [{"id": "trend365day", "valueField": "streams"}], "dataProvider": [{"category": "2024-09-20", "streams": 3},
{"category": "2024-09-21", "column-1": 4}]});`);
    const reason = await reasonOf(() => parseStreamsStatsHtml(html, 'f.html'));
    expect(reason).toMatchObject({
      code: 'BAD_VALUE',
      field: 'trend365day.dataProvider[1].streams',
      found: '(missing)',
      line: html.split('\n').findIndex((l) => l.includes('2024-09-21')) + 1,
    });
  });

  it('fails MISSING_SECTION when the makeChart config has no dataProvider', async () => {
    const html = handPage(
      `var trend365day = AmCharts.makeChart("trend365day", {"graphs": [{"id": "trend365day", "valueField": "column-1"}]});`,
    );
    expect(await reasonOf(() => parseStreamsStatsHtml(html, 'f.html'))).toMatchObject({
      code: 'MISSING_SECTION',
      field: 'trend365day.dataProvider',
    });
  });
});

describe('streamsCaptures (the fixture generator)', () => {
  it('restates four older days of a later capture by thousands, and keeps settled days equal elsewhere', () => {
    const [first, second] = streamsCaptures({ seed: 8, endDates: ['2025-05-01', '2025-05-15'] });
    const before = new Map(first.series.map((d) => [d.date, d.streams]));
    expect(second.restated).toHaveLength(4);
    for (const d of second.series.slice(0, -1)) {
      if (!before.has(d.date) || d.date === first.endDate) continue;
      const delta = d.streams - before.get(d.date)!;
      if (second.restated.includes(d.date)) expect(delta).toBeGreaterThanOrEqual(1000);
      else expect(delta).toBe(0);
    }
    expect(second.restated.every((date) => date < '2025-04-01')).toBe(true);
  });
});
