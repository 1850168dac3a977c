/**
 * Spotify for Artists audience exports into `audience_daily` (never `streams`), on SQLite and
 * PostgreSQL: exact days with NULL for empty cells, artist attribution from the file name,
 * reload idempotency, later extractions correcting overlapping days while older days stay.
 */
import { audienceCsv, audienceFileName, type AudienceSampleDay } from '../../../demo/sample-exports/spotify';
import { describeEachDatabase } from '../../helpers/databases';
import { type Harness, openHarness, statuses } from '../ingest/helpers';
import { addDays, artistNames, audienceRows, count } from './helpers';

const asRows = (artist: string, days: AudienceSampleDay[]) => days.map((d) => ({ artist, ...d }));
const sum = (days: Array<Omit<AudienceSampleDay, 'date'>>, k: 'listeners' | 'streams' | 'followers') =>
  days.reduce((s, d) => s + (d[k] ?? 0), 0);

describeEachDatabase('Spotify for Artists audience → audience_daily', (kind) => {
  let h: Harness;
  beforeEach(async () => {
    h = await openHarness(kind);
  });
  afterEach(async () => {
    await h?.close();
  });

  it('loads a year of days exactly, empty and NaN cells as NULL, and nothing into streams', async () => {
    const sample = audienceCsv({ seed: 3, endDate: '2025-05-31', emptyRate: 0.08 });
    // The fixture really has the quirks: BOM, CRLF, quoted thousands, empty cells and NaN.
    expect(sample.csv.startsWith('\uFEFFdate,listeners,streams,followers\r\n')).toBe(true);
    expect(sample.csv).toMatch(/"\d{1,3},\d{3}"/);
    expect(sample.csv).toMatch(/,,|,\r\n/);
    expect(sample.csv).toContain('NaN');
    expect(sample.days.filter((d) => d.streams === null).length).toBeGreaterThan(0);

    const [s] = await h.ingest([h.input(audienceFileName('zone.a0', '20250601_120000'), sample.csv)]);
    expect(s).toMatchObject({ status: 'loaded', service: 'spotify', stream: 'audience', rowsRead: 365, rowsLoaded: 365, rowsSkipped: 0 });
    const stored = await audienceRows(h);
    expect(stored).toEqual(asRows('zone.a0', sample.days));
    expect(stored[0].date).toBe('2024-06-01');
    expect(sum(stored, 'streams')).toBe(sum(sample.days, 'streams'));
    expect(await count(h, 'streams')).toBe(0);
  });

  it('attributes every spelling of the artist in the file name to one artist', async () => {
    const a = audienceCsv({ seed: 4, endDate: '2025-01-31', days: 31, bom: false, lineEnding: '\n' });
    const b = audienceCsv({ seed: 5, endDate: '2025-02-28', days: 28 });
    const summaries = await h.ingest([
      h.input(audienceFileName('Zone A0', '20250201_090000'), a.csv),
      h.input(audienceFileName('zone_a0', '20250301_090000'), b.csv),
    ]);
    expect(statuses(summaries)).toEqual([
      `${audienceFileName('Zone A0', '20250201_090000')}: loaded`,
      `${audienceFileName('zone_a0', '20250301_090000')}: loaded`,
    ]);
    expect(await artistNames(h)).toEqual(['Zone A0']);
    expect(await audienceRows(h)).toEqual(asRows('Zone A0', [...a.days, ...b.days]));
  });

  it('takes the artist from the portal download name <Artist>-audience-timeline.csv', async () => {
    const a = audienceCsv({ seed: 6, endDate: '2025-01-10', days: 10 });
    const [s] = await h.ingest([h.input('ZONE A0-audience-timeline.csv', a.csv)]);
    expect(s).toMatchObject({ status: 'loaded', service: 'spotify', stream: 'audience', rowsLoaded: 10 });
    expect(await audienceRows(h)).toEqual(asRows('ZONE A0', a.days));
  });

  it('skips the same file loaded again, and a copy under another name', async () => {
    const sample = audienceCsv({ seed: 7, endDate: '2025-03-31', days: 90 });
    await h.ingest([h.input(audienceFileName('zone.a0', '20250401_000000'), sample.csv)]);
    const [again] = await h.ingest([h.input(audienceFileName('zone.a0', '20250401_000000'), sample.csv)]);
    expect(again.status).toBe('skipped');
    const [copy] = await h.ingest([h.input('copies/' + audienceFileName('zone.a0', '20250402_000000'), sample.csv)]);
    expect(copy.status).toBe('skipped');
    expect(await audienceRows(h)).toEqual(asRows('zone.a0', sample.days));
  });

  it('lets a later extraction correct the overlapping days and keeps the older days', async () => {
    const first = audienceCsv({ seed: 8, endDate: '2025-03-31', days: 60, emptyRate: 0 });
    await h.ingest([h.input(audienceFileName('zone.a0', '20250401_000000'), first.csv)]);
    // Thirty days later: a window overlapping the last 30 days, with different (corrected) values.
    const second = audienceCsv({ seed: 9, endDate: '2025-04-30', days: 60, emptyRate: 0 });
    expect(second.days[0].date).toBe(addDays(first.days[30].date, 0));
    const [s] = await h.ingest([h.input(audienceFileName('zone.a0', '20250501_000000'), second.csv)]);
    const changed = second.days.filter((d, i) => i >= 30 || JSON.stringify(d) !== JSON.stringify(first.days[i + 30])).length;
    expect(s).toMatchObject({ status: 'loaded', rowsRead: 60, rowsLoaded: changed, rowsSkipped: 60 - changed });
    const expected = [...first.days.slice(0, 30), ...second.days];
    expect(await audienceRows(h)).toEqual(asRows('zone.a0', expected));

    // An older extraction loaded late adds only days nobody had and overwrites none.
    const older = audienceCsv({ seed: 10, endDate: '2025-02-28', days: 60, emptyRate: 0 });
    const [late] = await h.ingest([h.input(audienceFileName('zone.a0', '20250301_000000'), older.csv)]);
    expect(late.status).toBe('loaded');
    const onlyOlder = older.days.filter((d) => d.date < first.days[0].date);
    expect(await audienceRows(h)).toEqual(asRows('zone.a0', [...onlyOlder, ...expected]));
  });

  it('quarantines an export whose name carries neither a Spotify artist id nor a name (BAD_HEADER) and creates no artist', async () => {
    const sample = audienceCsv({ seed: 11, endDate: '2025-01-31', days: 31 });
    const [s] = await h.ingest([h.input('spotify_audience_not-an-id_20250201_000000.csv', sample.csv)]);
    expect(s.status).toBe('quarantined');
    expect(s.service).toBe('spotify');
    expect(s.reason).toMatchObject({ code: 'BAD_HEADER', expected: 'spotify_audience_<artistId>[_<artist name>]_<YYYYMMDD_HHMMSS>.csv' });
    expect(s.reason!.message).toContain('cannot be attributed');
    expect(await count(h, 'audience_daily')).toBe(0);
    expect(await count(h, 'artists')).toBe(0);
  });
});
