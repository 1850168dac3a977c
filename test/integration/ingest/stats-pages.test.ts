/**
 * DistroKid statistics pages (streams trend365day, Apple Music last365days) into `streams`, on
 * SQLite and PostgreSQL: exact series, decoys ignored, later pages upsert, days never deleted.
 */
import fs from 'node:fs';
import path from 'node:path';
import { appleMusicStatsHtml, streamsStatsHtml } from '../../../demo/sample-exports/distrokid-stats-pages';
import { realStreamsStatsHtml, signedOutLandingHtml, streamsCaptures } from '../../../demo/sample-exports/distrokid-streams-page';
import { describeEachDatabase } from '../../helpers/databases';
import { type Harness, openHarness, q, statuses } from './helpers';

type Day = { date: string; streams: number };

async function series(h: Harness, platform: string): Promise<Day[]> {
  const rows = await q<{ date: string; streams: number | string; track_id: unknown; artist_id: unknown; country: unknown }>(
    h.ds,
    `SELECT CAST(s.date AS TEXT) AS date, s.streams, s.track_id, s.artist_id, s.country
     FROM streams s JOIN platforms p ON p.id = s.platform_id WHERE s.source = 'distrokid' AND p.code = ? ORDER BY s.date`,
    [platform],
  );
  for (const r of rows) expect([r.track_id, r.artist_id, r.country]).toEqual([null, null, null]);
  return rows.map((r) => ({ date: r.date, streams: Number(r.streams) }));
}

async function streamCount(h: Harness): Promise<number> {
  const [r] = await q<{ n: number | string }>(h.ds, 'SELECT COUNT(*) AS n FROM streams');
  return Number(r.n);
}

function addDays(date: string, n: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** A streams page written by hand in the portal's amCharts style, with decoys that share the field names. */
function streamsPage(days: Day[], opts: { with365?: boolean } = {}): string {
  const chart = (div: string, id: string, points: Day[]) => `AmCharts.makeChart("${div}", {
\t"type": "serial",
\t"categoryField": "category",
\t"id": "${id}",
\t"graphs": [{"id": "AmGraph-1", "valueField": "column-1"}],
\t"dataProvider": [
${points.map((p) => `\t\t{"category": "${p.date}", "column-1": ${p.streams}}`).join(',\n')}
\t]
});`;
  const weekly = [{ date: days[0].date, streams: days.reduce((s, d) => s + d.streams, 0) }];
  const charts = [
    chart('chartdivWeekly', 'trendWeekly', weekly),
    chart(
      'chartdiv60',
      'trend60day',
      days.slice(-60).map((d) => ({ ...d, streams: d.streams * 7 })),
    ),
  ];
  if (opts.with365 !== false) charts.push(chart('chartdiv365', 'trend365day', days));
  return `<!DOCTYPE html>\n<html><head><title>DistroKid | Stats</title></head><body>\n<div id="chartdiv365"></div>\n<script>\n${charts.join('\n')}\n</script></body></html>\n`;
}

describeEachDatabase('DistroKid statistics pages → streams', (kind) => {
  let h: Harness;
  beforeEach(async () => {
    h = await openHarness(kind);
  });
  afterEach(async () => {
    await h?.close();
  });

  it('loads exactly the trend365day series of the streams page into platform spotify, ignoring the decoy charts', async () => {
    const page = streamsStatsHtml({ seed: 5, endDate: '2025-03-31' });
    expect(page.series).toHaveLength(365);
    const [s] = await h.ingest([h.input('streams_stats_20250331_180000.html', page.html)]);
    expect(s).toMatchObject({
      status: 'loaded',
      service: 'distrokid',
      stream: 'streams_stats',
      rowsRead: 365,
      rowsLoaded: 365,
      rowsSkipped: 0,
    });
    expect(await series(h, 'spotify')).toEqual(page.series);
    expect(await streamCount(h)).toBe(365);
  });

  it('loads the real page (SVG first, chart object without id) exactly, and recognises it by content under another name', async () => {
    const [capture] = streamsCaptures({ seed: 15, endDates: ['2025-05-14'] });
    const html = realStreamsStatsHtml({ seed: 15, series: capture.series });
    const [named, unnamed] = await h.ingest([
      h.input('streams_stats_20250514_180000.html', html),
      h.input('Stats (1).html', html.replace('Sign out', 'Sign out ')),
    ]);
    expect(named).toMatchObject({
      status: 'loaded',
      service: 'distrokid',
      stream: 'streams_stats',
      rowsRead: capture.series.length,
      rowsLoaded: capture.series.length,
    });
    expect(unnamed).toMatchObject({
      status: 'loaded',
      service: 'distrokid',
      stream: 'streams_stats',
      rowsRead: capture.series.length,
      rowsLoaded: 0,
    });
    expect(await series(h, 'spotify')).toEqual(capture.series);
  });

  it('loads a CRLF copy of a page as the same days: nothing changes', async () => {
    const [capture] = streamsCaptures({ seed: 16, endDates: ['2025-05-14'] });
    await h.ingest([h.input('streams_stats_20250514_180000.html', realStreamsStatsHtml({ seed: 16, series: capture.series }))]);
    const [copy] = await h.ingest([
      h.input('streams_stats_20250514_180000 (crlf).html', realStreamsStatsHtml({ seed: 16, series: capture.series, crlf: true })),
    ]);
    expect(copy).toMatchObject({ status: 'loaded', rowsRead: capture.series.length, rowsLoaded: 0, rowsSkipped: capture.series.length });
    expect(await series(h, 'spotify')).toEqual(capture.series);
  });

  it('quarantines a page saved while signed out as NOT_SIGNED_IN naming the public page, routed by its name to streams_stats', async () => {
    const [s] = await h.ingest([h.input('streams_stats_20250514_180000.html', signedOutLandingHtml())]);
    expect(s).toMatchObject({ status: 'quarantined', service: 'distrokid', stream: 'streams_stats' });
    expect(s.reason).toMatchObject({ code: 'NOT_SIGNED_IN', file: s.landingFile });
    expect(s.reason?.found).toContain('Upload & sell your music');
    const reasonFile = path.join(h.lakeDir, 'quarantine', 'distrokid', 'streams_stats_20250514_180000.html.reason.json');
    expect(JSON.parse(fs.readFileSync(reasonFile, 'utf8'))).toMatchObject({ code: 'NOT_SIGNED_IN' });
    expect(await streamCount(h)).toBe(0);
  });

  it('loads chartData.last365days of the Apple Music page into platform apple_music (not the longer offline1year)', async () => {
    const page = appleMusicStatsHtml({ seed: 6, endDate: '2025-03-31' });
    const [s] = await h.ingest([h.input('applemusic_stats_20250331_180000.html', page.html)]);
    expect(s).toMatchObject({ status: 'loaded', service: 'distrokid', stream: 'applemusic_stats', rowsRead: 365, rowsLoaded: 365 });
    expect(await series(h, 'apple_music')).toEqual(page.series.map((d) => ({ date: d.date, streams: d.plays })));
    expect(await streamCount(h)).toBe(365);
  });

  it('keeps the two pages of one batch apart', async () => {
    const streams = streamsStatsHtml({ seed: 8, endDate: '2025-02-28', days: 90 });
    const apple = appleMusicStatsHtml({ seed: 9, endDate: '2025-02-28', days: 90 });
    const summaries = await h.ingest([
      h.input('streams_stats_20250228_180000.html', streams.html),
      h.input('applemusic_stats_20250228_180000.html', apple.html),
    ]);
    expect(statuses(summaries)).toEqual(['streams_stats_20250228_180000.html: loaded', 'applemusic_stats_20250228_180000.html: loaded']);
    expect(await series(h, 'spotify')).toEqual(streams.series);
    expect(await series(h, 'apple_music')).toEqual(apple.series.map((d) => ({ date: d.date, streams: d.plays })));
  });

  it('updates the partial last day from a later page and keeps the older days the new page no longer covers', async () => {
    const first = streamsStatsHtml({ seed: 12, endDate: '2025-03-10', days: 40 });
    const [s1] = await h.ingest([h.input('streams_stats_20250310_180000.html', first.html)]);
    expect(s1).toMatchObject({ status: 'loaded', rowsLoaded: 40 });
    expect(await series(h, 'spotify')).toEqual(first.series);

    // Ten days later: the window moved by ten days, the partial 2025-03-10 is now complete (higher).
    const lastDay = first.series[39];
    const corrected = lastDay.streams * 3 + 1;
    const newDays: Day[] = Array.from({ length: 10 }, (_, i) => ({ date: addDays('2025-03-10', i + 1), streams: 500 + i * 11 }));
    const secondSeries: Day[] = [...first.series.slice(10, 39), { date: lastDay.date, streams: corrected }, ...newDays];
    expect(secondSeries).toHaveLength(40);
    const [s2] = await h.ingest([h.input('streams_stats_20250320_180000.html', streamsPage(secondSeries))]);
    expect(s2).toMatchObject({ status: 'loaded', rowsRead: 40, rowsLoaded: 11, rowsSkipped: 29 });

    const expected = [...first.series.slice(0, 10), ...secondSeries];
    const stored = await series(h, 'spotify');
    expect(stored).toEqual(expected);
    expect(stored).toHaveLength(50);
    expect(stored.find((d) => d.date === '2025-03-10')!.streams).toBe(corrected);
    expect(stored.slice(0, 10)).toEqual(first.series.slice(0, 10));
  });

  it('never lets an older extraction, loaded late, overwrite the days a newer one already gave', async () => {
    const newer: Day[] = Array.from({ length: 20 }, (_, i) => ({ date: addDays('2025-03-01', i), streams: 1000 + i }));
    const older: Day[] = Array.from({ length: 20 }, (_, i) => ({ date: addDays('2025-02-20', i), streams: 10 + i }));
    await h.ingest([h.input('streams_stats_20250321_120000.html', streamsPage(newer))]);
    const [late] = await h.ingest([h.input('streams_stats_20250311_120000.html', streamsPage(older))]);
    expect(late.status).toBe('loaded');
    const stored = await series(h, 'spotify');
    // Days only the older page has are added; days both cover keep the newer page's values.
    expect(stored).toEqual([...older.filter((d) => d.date < '2025-03-01'), ...newer]);
  });

  it('quarantines a streams page without trend365day as MISSING_SECTION', async () => {
    const days: Day[] = Array.from({ length: 70 }, (_, i) => ({ date: addDays('2025-01-01', i), streams: 100 + i }));
    const [s] = await h.ingest([h.input('streams_stats_20250312_180000.html', streamsPage(days, { with365: false }))]);
    expect(s.status).toBe('quarantined');
    expect(s.reason).toMatchObject({ code: 'MISSING_SECTION', field: 'trend365day', file: s.landingFile });
    expect(await streamCount(h)).toBe(0);
  });

  it('quarantines an Apple Music page without last365days as MISSING_SECTION', async () => {
    const page = appleMusicStatsHtml({ seed: 6, endDate: '2025-03-31' });
    const html = page.html.replace('"last365days": {', '"lastYearDays": {');
    expect(html).not.toBe(page.html);
    const [s] = await h.ingest([h.input('applemusic_stats_20250331_180000.html', html)]);
    expect(s.status).toBe('quarantined');
    expect(s.reason).toMatchObject({ code: 'MISSING_SECTION', field: 'chartData.last365days' });
    expect(await streamCount(h)).toBe(0);
  });
});
