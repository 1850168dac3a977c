/**
 * TooLost Apple analytics → `streams` (apple_music), `platform_daily_metrics` (Shazam
 * recognitions) and `stream_period_totals` (year-to-date per track and per country), on SQLite
 * and PostgreSQL.
 */
import { appleAnalyticsSample, type AppleSampleTrack } from '../../../demo/sample-exports/toolost';
import { describeEachDatabase } from '../../helpers/databases';
import { type Harness, listFiles, openHarness, q } from '../ingest/helpers';
import { count, dailyStreams, periodTotals, type PeriodRow, shazamDays } from './helpers';

const TRACKS: AppleSampleTrack[] = [
  { isrc: 'QZTAW2496365', title: 'Night Drive', release: 'Night Drive - Single' },
  { isrc: 'QZTAW2496366', title: 'Static Bloom', release: 'Static Bloom EP' },
  { isrc: 'QZTAW2496367', title: 'Low Orbit', release: 'Static Bloom EP' },
  // The same recording on a second release: its two rows add up to the track's total.
  { isrc: 'QZTAW2496365', title: 'Night Drive', release: 'Night Drive (Deluxe)' },
];

function expectedPeriodRows(sample: ReturnType<typeof appleAnalyticsSample>, start: string, end: string): PeriodRow[] {
  const titles = new Map([
    ['QZTAW2496365', 'Night Drive'],
    ['QZTAW2496366', 'Static Bloom'],
    ['QZTAW2496367', 'Low Orbit'],
  ]);
  const byTrack = [...sample.trackTotals].map(([isrc, streams]) => ({
    periodStart: start,
    periodEnd: end,
    isrc,
    title: titles.get(isrc)!,
    country: null,
    streams,
  }));
  const byCountry = [...sample.countryTotals].map(([country, streams]) => ({
    periodStart: start,
    periodEnd: end,
    isrc: null,
    title: null,
    country,
    streams,
  }));
  const key = (r: PeriodRow) => `${r.periodEnd}|${r.isrc ?? ''}|${r.country ?? ''}`;
  return [...byTrack, ...byCountry].sort((a, b) => (key(a) < key(b) ? -1 : 1));
}

function sortRows(rows: PeriodRow[]): PeriodRow[] {
  const key = (r: PeriodRow) => `${r.periodEnd}|${r.isrc ?? ''}|${r.country ?? ''}`;
  return [...rows].sort((a, b) => (key(a) < key(b) ? -1 : 1));
}

describeEachDatabase('TooLost Apple analytics → streams, Shazam metrics, period totals', (kind) => {
  let h: Harness;
  beforeEach(async () => {
    h = await openHarness(kind);
  });
  afterEach(async () => {
    await h?.close();
  });

  it('loads daily streams, Shazam recognitions and the year-to-date totals per track and per country', async () => {
    const sample = appleAnalyticsSample({ seed: 31, endDate: '2025-04-06', tracks: TRACKS });
    const [s] = await h.ingest([h.input('toolost_apple_20250406_153000.json', sample.json)]);
    expect(s).toMatchObject({ status: 'loaded', service: 'toolost', stream: 'apple_analytics', rowsSkipped: 0 });
    const periodRows = sample.trackTotals.size + sample.countryTotals.size;
    expect(s.rowsRead).toBe(sample.days.length + sample.shazam.length + TRACKS.length + sample.countryTotals.size);
    expect(s.rowsLoaded).toBe(sample.days.length + sample.shazam.length + periodRows);

    expect(await dailyStreams(h, 'toolost', 'apple_music')).toEqual(sample.days);
    expect(await shazamDays(h)).toEqual(sample.shazam);
    // Shazam is never a stream.
    expect(await count(h, 'streams')).toBe(sample.days.length);
    expect(sortRows(await periodTotals(h))).toEqual(expectedPeriodRows(sample, '2025-01-01', '2025-04-06'));
    // Tracks are resolved by ISRC (the hyphenated one included) and carry their title.
    const tracks = await q<{ isrc: string; title: string }>(h.ds, 'SELECT isrc, title FROM tracks ORDER BY isrc');
    expect(tracks).toEqual([
      { isrc: 'QZTAW2496365', title: 'Night Drive' },
      { isrc: 'QZTAW2496366', title: 'Static Bloom' },
      { isrc: 'QZTAW2496367', title: 'Low Orbit' },
    ]);
    expect(listFiles(`${h.lakeDir}/staging/toolost/apple_analytics`)).toEqual([
      'toolost_apple_20250406_153000.daily.csv',
      'toolost_apple_20250406_153000.period_totals.csv',
    ]);
  });

  it('uses an existing track with the same ISRC instead of creating another', async () => {
    const [dk] = await h.ingest([
      h.input(
        'dk_bank_details_20250401_000000.tsv',
        [
          'Reporting Date\tSale Month\tStore\tArtist\tTitle\tISRC\tUPC\tQuantity\tTeam Percentage\tSong/Album\tCountry of Sale\tSongwriter Royalties Withheld\tEarnings (USD)',
          '2025-03-05\t2025-01\tApple Music\tZONE A0\tNight Drive\tQZTAW2496365\t197368123456\t3\t100\tSong\tUS\t0\t0.02',
        ]
          .map((l) => `${l}\r`)
          .join(''),
      ),
    ]);
    expect(dk.status).toBe('loaded');
    const sample = appleAnalyticsSample({ seed: 32, endDate: '2025-04-06', tracks: TRACKS.slice(0, 2) });
    await h.ingest([h.input('toolost_apple_20250406_153000.json', sample.json)]);
    expect(await count(h, 'tracks')).toBe(2);
    const [row] = await q<{ artist: string }>(
      h.ds,
      `SELECT a.name AS artist FROM stream_period_totals t JOIN tracks tr ON tr.id = t.track_id JOIN artists a ON a.id = tr.primary_artist_id WHERE tr.isrc = 'QZTAW2496365'`,
    );
    expect(row.artist).toBe('ZONE A0');
  });

  it('loads a capture whose streamTotal lags the daily series, from the daily rows', async () => {
    const sample = appleAnalyticsSample({ seed: 33, endDate: '2025-03-01', tracks: TRACKS, totalLag: 17 });
    expect(sample.streamTotal).toBe(sample.days.reduce((t, d) => t + d.streams, 0) - 17);
    const [s] = await h.ingest([h.input('toolost_apple_20250301_120000.json', sample.json)]);
    expect(s.status).toBe('loaded');
    expect(await dailyStreams(h, 'toolost', 'apple_music')).toEqual(sample.days);
  });

  it('skips the same capture again; a later capture corrects the days and adds its own period; older days stay', async () => {
    const first = appleAnalyticsSample({ seed: 34, endDate: '2025-03-10', tracks: TRACKS });
    const second = appleAnalyticsSample({ seed: 35, endDate: '2025-03-20', tracks: TRACKS });
    const lastYear = appleAnalyticsSample({ seed: 36, endDate: '2024-12-31', tracks: TRACKS });
    await h.ingest([
      h.input('toolost_apple_20241231_220000.json', lastYear.json),
      h.input('toolost_apple_20250310_120000.json', first.json),
    ]);
    const [again] = await h.ingest([h.input('again/toolost_apple_20250310_120000.json', first.json)]);
    expect(again.status).toBe('skipped');
    const [s] = await h.ingest([h.input('toolost_apple_20250320_120000.json', second.json)]);
    expect(s.status).toBe('loaded');

    expect(await dailyStreams(h, 'toolost', 'apple_music')).toEqual([...lastYear.days, ...second.days]);
    const shazamDates = new Set(second.shazam.map((d) => d.date));
    // A Shazam day the later capture does not list keeps its earlier value.
    const expectedShazam = [...lastYear.shazam, ...first.shazam.filter((d) => !shazamDates.has(d.date)), ...second.shazam].sort((a, b) =>
      a.date < b.date ? -1 : 1,
    );
    expect(await shazamDays(h)).toEqual(expectedShazam);
    // Period totals are per (start, end): each capture's year-to-date totals stand as they are.
    expect(sortRows(await periodTotals(h))).toEqual(
      sortRows([
        ...expectedPeriodRows(lastYear, '2024-01-01', '2024-12-31'),
        ...expectedPeriodRows(first, '2025-01-01', '2025-03-10'),
        ...expectedPeriodRows(second, '2025-01-01', '2025-03-20'),
      ]),
    );
  });

  it('replaces the period totals of a capture taken later on the same day', async () => {
    const morning = appleAnalyticsSample({ seed: 37, endDate: '2025-03-10', tracks: TRACKS });
    const evening = appleAnalyticsSample({ seed: 38, endDate: '2025-03-10', tracks: TRACKS });
    await h.ingest([
      h.input('toolost_apple_20250310_080000.json', morning.json),
      h.input('toolost_apple_20250310_200000.json', evening.json),
    ]);
    expect(sortRows(await periodTotals(h))).toEqual(expectedPeriodRows(evening, '2025-01-01', '2025-03-10'));
  });
});
