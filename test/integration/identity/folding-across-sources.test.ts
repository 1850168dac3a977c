/**
 * `Pig 1987`, `PIG1987`, `pig.1987`, `pig_1987` and `PIG-1987` are one artist whichever source
 * writes them (DistroKid statements, Spotify for Artists file names, TikTok handles), on SQLite
 * and PostgreSQL; tracks still match by (artist, title) across sources.
 */
import { audienceCsv, audienceFileName } from '../../../demo/sample-exports/spotify';
import { songsFileName, songsJson } from '../../../demo/sample-exports/spotify';
import { overviewSample } from '../../../demo/sample-exports/tiktok';
import { describeEachDatabase } from '../../helpers/databases';
import { type Harness, nano, OLD_HEADER, openHarness, q, tsv } from '../ingest/helpers';

describeEachDatabase('artist spellings fold to one artist across sources', (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await openHarness(kind);
  });
  afterAll(async () => {
    await h?.close();
  });

  it('loads five spellings from three sources onto one artist, with every spelling as an alias', async () => {
    const lines = [
      { Artist: 'Pig 1987', Title: 'Heaven Nightclub', ISRC: 'QZTAW2400011', 'Earnings (USD)': '0.40000000' },
      { Artist: 'PIG1987', Title: 'Heaven Nightclub', ISRC: 'QZTAW2400011', 'Earnings (USD)': '0.60000001' },
    ];
    const spotify = audienceCsv({ seed: 71, endDate: '2025-02-28', days: 28 });
    const songs = songsJson({ seed: 72, titles: ['HEAVEN NIGHTCLUB'], period: '28day' });
    const tiktok = overviewSample({ seed: 73, startDate: '2025-01-01', days: 14, handle: 'pig_1987', exportedAt: 1736899200 });
    const summaries = await h.ingest([
      h.input('dk_bank_details_20250301_000000.tsv', tsv(OLD_HEADER, lines)),
      h.input(audienceFileName('pig.1987', '20250301_000000'), spotify.csv),
      h.input(songsFileName('PIG-1987', '28day', '20250301_000100'), songs.json),
      h.input(tiktok.fileName, Buffer.from(tiktok.zip)),
    ]);
    expect(summaries.map((s) => s.status)).toEqual(['loaded', 'loaded', 'loaded', 'loaded']);

    const artists = await q<{ id: number | string; name: string }>(h.ds, 'SELECT id, name FROM artists');
    expect(artists.map((a) => a.name)).toEqual(['Pig 1987']);
    const id = Number(artists[0].id);
    const aliases = await q<{ alias: string }>(h.ds, 'SELECT alias FROM artist_aliases WHERE artist_id = ? ORDER BY alias', [id]);
    expect(aliases.map((a) => a.alias).sort()).toEqual(['PIG-1987', 'PIG1987', 'Pig 1987', 'pig.1987', 'pig_1987'].sort());

    const [money] = await q<{ n: string | number }>(h.ds, 'SELECT CAST(SUM(net_nano) AS TEXT) AS n FROM transactions WHERE artist_id = ?', [
      id,
    ]);
    expect(BigInt(money.n)).toBe(nano('0.40000000') + nano('0.60000001'));
    const [days] = await q<{ n: string | number }>(h.ds, 'SELECT COUNT(*) AS n FROM audience_daily WHERE artist_id = ?', [id]);
    expect(Number(days.n)).toBe(spotify.days.length);
    const [social] = await q<{ n: string | number }>(h.ds, 'SELECT COUNT(*) AS n FROM social_daily WHERE artist_id = ?', [id]);
    expect(Number(social.n)).toBe(tiktok.days.length);
    // The Spotify song (no ISRC, title in capitals) lands on the DistroKid track of the same artist and title.
    const tracks = await q<{ id: number | string; isrc: string | null }>(h.ds, 'SELECT id, isrc FROM tracks');
    expect(tracks.map((t) => t.isrc)).toEqual(['QZTAW2400011']);
    const [metric] = await q<{ track_id: number | string }>(h.ds, 'SELECT track_id FROM song_metrics');
    expect(Number(metric.track_id)).toBe(Number(tracks[0].id));
  });

  it('finds the artist through the catalogue search whatever the spelling asked', async () => {
    const { CatalogService } = await import('../../../src/analytics/catalog.service');
    const catalog = new CatalogService(h.ds);
    for (const search of ['pig1987', 'PIG 1987', 'pig-19']) {
      const page = await catalog.artists({ search }, { first: 10, after: null, withCount: false });
      expect({ search, names: page.edges.map((e) => e.node.name) }).toEqual({ search, names: ['Pig 1987'] });
    }
  });
});
