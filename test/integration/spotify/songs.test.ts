/**
 * Spotify for Artists song lists into `song_metrics`, on SQLite and PostgreSQL: one row per
 * (track, period, extraction day) with the generator's exact figures, periods side by side and
 * never summed, tracks resolved by (artist, title), same-day reloads replacing, later days added.
 */
import { SONG_PERIODS } from '../../../src/ingest/spotify/file-names';
import { type SongSample, songsFileName, songsJson } from '../../../demo/sample-exports/spotify';
import { describeEachDatabase } from '../../helpers/databases';
import { type Harness, openHarness, statuses } from '../ingest/helpers';
import { artistNames, count, songRows } from './helpers';

const TITLES = ['Night Drive', 'Static Bloom', 'Glasshouse', 'Low Tide (Interlude)', 'Afterimage', 'Neon Psalm'];

const s = (v: bigint | null) => (v === null ? null : v.toString());
function expectedRows(artist: string, period: string, day: string, songs: SongSample[]) {
  return songs.map((x) => ({
    artist,
    title: x.title,
    period,
    day,
    streams: s(x.streams),
    listeners: s(x.listeners),
    savers: s(x.savers),
    canvasViews: s(x.canvasViews),
    isDisabled: x.isDisabled,
  }));
}
const byTitle = <T extends { title: string }>(rows: T[]) => [...rows].sort((a, b) => (a.title < b.title ? -1 : a.title > b.title ? 1 : 0));

describeEachDatabase('Spotify for Artists songs → song_metrics', (kind) => {
  let h: Harness;
  beforeEach(async () => {
    h = await openHarness(kind);
  });
  afterEach(async () => {
    await h?.close();
  });

  it('loads every time filter of one day side by side, exact figures, one track per title', async () => {
    const samples = SONG_PERIODS.map((period) => ({ period, ...songsJson({ seed: 21, titles: TITLES, period }) }));
    // The fixture has the quirks: counts as strings with separators, null canvas views, disabled songs.
    const all = samples.map((x) => x.json).join('');
    expect(all).toMatch(/"numStreams":"\d{1,3}(,\d{3})+"/);
    expect(all).toMatch(/"numStreams":\d+/);
    expect(all).toContain('"numCanvasViews":null');

    const summaries = await h.ingest(samples.map((x) => h.input(songsFileName('zone.a0', x.period, '20250601_120000'), x.json)));
    expect(statuses(summaries)).toEqual(samples.map((x) => `${songsFileName('zone.a0', x.period, '20250601_120000')}: loaded`));
    for (const sum of summaries)
      expect(sum).toMatchObject({ service: 'spotify', stream: 'songs', rowsRead: TITLES.length, rowsLoaded: TITLES.length });

    const stored = await songRows(h);
    expect(stored).toHaveLength(TITLES.length * SONG_PERIODS.length);
    for (const x of samples) {
      expect(byTitle(stored.filter((r) => r.period === x.period))).toEqual(
        byTitle(expectedRows('zone.a0', x.period, '2025-06-01', x.songs)),
      );
    }
    // Never summed across periods: the all-time total is the 'all' list's own total.
    const allTotal = samples.find((x) => x.period === 'all')!.songs.reduce((t, x) => t + x.streams, 0n);
    const storedAll = stored.filter((r) => r.period === 'all').reduce((t, r) => t + BigInt(r.streams!), 0n);
    expect(storedAll).toBe(allTotal);
    expect(await count(h, 'tracks')).toBe(TITLES.length);
    expect(await artistNames(h)).toEqual(['zone.a0']);
    expect(await count(h, 'streams')).toBe(0);
  });

  it('replaces a period reloaded on the same day (dropped songs removed), leaves the other periods and days alone', async () => {
    const seven = songsJson({ seed: 30, titles: TITLES, period: '7day' });
    const month = songsJson({ seed: 30, titles: TITLES, period: '28day' });
    await h.ingest([
      h.input(songsFileName('zone.a0', '7day', '20250601_080000'), seven.json),
      h.input(songsFileName('zone.a0', '28day', '20250601_080000'), month.json),
      h.input(songsFileName('zone.a0', '7day', '20250531_080000'), seven.json.replace('"songs"', ' "songs"')),
    ]);
    // Later the same day: new figures, and the last song no longer listed.
    const again = songsJson({ seed: 31, titles: TITLES.slice(0, -1), period: '7day' });
    const [r] = await h.ingest([h.input(songsFileName('zone.a0', '7day', '20250601_200000'), again.json)]);
    expect(r).toMatchObject({ status: 'loaded', rowsRead: TITLES.length - 1 });

    const stored = await songRows(h);
    expect(byTitle(stored.filter((x) => x.period === '7day' && x.day === '2025-06-01'))).toEqual(
      byTitle(expectedRows('zone.a0', '7day', '2025-06-01', again.songs)),
    );
    expect(byTitle(stored.filter((x) => x.period === '7day' && x.day === '2025-05-31'))).toEqual(
      byTitle(expectedRows('zone.a0', '7day', '2025-05-31', seven.songs)),
    );
    expect(byTitle(stored.filter((x) => x.period === '28day'))).toEqual(
      byTitle(expectedRows('zone.a0', '28day', '2025-06-01', month.songs)),
    );
    expect(stored).toHaveLength(TITLES.length * 2 + TITLES.length - 1);

    const [same] = await h.ingest([h.input(songsFileName('zone.a0', '7day', '20250601_200000'), again.json)]);
    expect(same.status).toBe('skipped');
  });

  it('resolves titles of every artist spelling to the same tracks, and keeps artists apart', async () => {
    const a = songsJson({ seed: 40, titles: TITLES.slice(0, 3), period: 'all' });
    const b = songsJson({ seed: 41, titles: TITLES.slice(0, 3).map((t) => t.toUpperCase()), period: 'all' });
    const other = songsJson({ seed: 42, titles: TITLES.slice(0, 2), period: 'all' });
    await h.ingest([
      h.input(songsFileName('ZONE A0', 'all', '20250601_120000'), a.json),
      h.input(songsFileName('zone_a0', 'all', '20250602_120000'), b.json),
      h.input(songsFileName('SXNCTUARY', 'all', '20250602_120000', '7dGJo4pcD2V6oG8kP0tJRR'), other.json),
    ]);
    expect(await artistNames(h)).toEqual(['SXNCTUARY', 'ZONE A0']);
    expect(await count(h, 'tracks')).toBe(5);
    const stored = await songRows(h);
    expect(stored.filter((r) => r.artist === 'ZONE A0').map((r) => [r.day, r.title, r.streams])).toEqual([
      ...byTitle(a.songs).map((x) => ['2025-06-01', x.title, x.streams.toString()]),
      ...byTitle(a.songs).map((x) => ['2025-06-02', x.title, b.songs.find((y) => y.title === x.title.toUpperCase())!.streams.toString()]),
    ]);
  });

  it('adds the figures of two songs with one title (single and album version) into one row', async () => {
    const doc = {
      songs: [
        {
          id: 'a',
          trackName: 'Night Drive',
          trackUri: 'spotify:track:a',
          releaseDate: '2024-01-01',
          numStreams: '1,000',
          numListeners: 700,
          numSavers: '10',
          numCanvasViews: null,
          isDisabled: false,
        },
        {
          id: 'b',
          trackName: 'Night Drive',
          trackUri: 'spotify:track:b',
          releaseDate: '2024-03-01',
          numStreams: 2_500,
          numListeners: '1,200',
          numSavers: 5,
          numCanvasViews: '40',
          isDisabled: false,
        },
      ],
    };
    const [r] = await h.ingest([h.input(songsFileName('zone.a0', '1year', '20250601_120000'), JSON.stringify(doc))]);
    expect(r).toMatchObject({ status: 'loaded', rowsRead: 2, rowsLoaded: 1 });
    const [row] = await songRows(h);
    expect(row).toMatchObject({
      title: 'Night Drive',
      streams: '3500',
      listeners: '1900',
      savers: '15',
      canvasViews: '40',
      isDisabled: false,
    });
  });
});
