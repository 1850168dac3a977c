/**
 * Campaign names link to an artist and a track only when a part names a known one; ambiguous or
 * unknown names leave the links empty, and nothing is ever added to the catalogue.
 */
import { describeEachDatabase } from '../../helpers/databases';
import { type Harness, openHarness, q } from '../ingest/helpers';
import { campaigns, counts, seedCatalogue } from './helpers';

describeEachDatabase('Meta Ads campaign names → artist and track', (kind) => {
  let h: Harness;
  afterEach(async () => {
    await h?.close();
  });

  it('links only unambiguous known names', async () => {
    h = await openHarness(kind);
    const cat = await seedCatalogue(h);
    // A second "Paper Moons", by ZONE A0: the title alone no longer says which track.
    const [dup] = await q<{ id: number | string }>(
      h.ds,
      "INSERT INTO tracks (title, title_key, primary_artist_id) VALUES ('Paper Moons', 'paper moons', ?) RETURNING id",
      [cat.artists['ZONE A0']],
    );
    const zoneMoons = Number(dup.id);
    const names: Array<[string, number | null, number | null]> = [
      ['Paper Moons - Streaming - Copy 2', null, null],
      ['PIG1987 - Paper Moons - US 18-34', cat.artists.pig1987, cat.tracks['Paper Moons']],
      ['zone_a0 | Paper Moons | BR', cat.artists['ZONE A0'], zoneMoons],
      ['ZONE A0 - Unknown Song - US', cat.artists['ZONE A0'], null],
      ['Night Drive - Streaming - Copy 2', cat.artists['ZONE A0'], cat.tracks['Night Drive']],
      ['Zone A0 X SXNCTUARY - Static Bloom - Lookalike 1%', cat.artists['ZONE A0'], cat.tracks['Static Bloom']],
      ['Streaming - Copy 2', null, null],
      ['Nightdrive - Conversions', null, null],
    ];
    const page = {
      data: names.map(([name], k) => ({
        campaign_id: String(1000 + k),
        campaign_name: name,
        spend: '1.00',
        impressions: '10',
        date_start: '2025-06-01',
        date_stop: '2025-06-01',
      })),
      paging: {},
    };
    const [s] = await h.ingest([h.input('meta_insights_20250602_000000.json', JSON.stringify(page))]);
    expect(s.status).toBe('loaded');
    const stored = await campaigns(h.ds);
    expect(stored.map((c) => [c.name, c.artist_id, c.track_id])).toEqual(names);
    expect(await counts(h.ds)).toMatchObject({ artists: 2, tracks: 4 });
  });

  it('matches a title whose catalogue form carries a featuring credit, and nothing else: other suffixes stay, two matches link nothing', async () => {
    h = await openHarness(kind);
    const cat = await seedCatalogue(h);
    const pig = cat.artists.pig1987;
    const zone = cat.artists['ZONE A0'];
    // Title keys folded by hand (lower case; dots, dashes, underscores and spaces to one space).
    const track = async (title: string, key: string, primary: number, featured: number | null): Promise<number> => {
      const [row] = await q<{ id: number | string }>(
        h.ds,
        'INSERT INTO tracks (title, title_key, primary_artist_id) VALUES (?, ?, ?) RETURNING id',
        [title, key, primary],
      );
      const id = Number(row.id);
      await q(h.ds, "INSERT INTO track_artists (track_id, artist_id, role) VALUES (?, ?, 'primary')", [id, primary]);
      if (featured !== null)
        await q(h.ds, "INSERT INTO track_artists (track_id, artist_id, role) VALUES (?, ?, 'featured')", [id, featured]);
      return id;
    };
    const heaven = await track('HEAVEN NIGHTCLUB (feat. ZONE A0)', 'heaven nightclub (feat zone a0)', pig, zone);
    const glass = await track('Glass Rooms [feat ZONE A0]', 'glass rooms [feat zone a0]', pig, zone);
    await track('Glass Rooms - Remix', 'glass rooms remix', pig, null);
    await track('Velvet', 'velvet', zone, null);
    await track('Velvet (with pig1987)', 'velvet (with pig1987)', zone, pig);
    await track('Sunday (Live)', 'sunday (live)', pig, null);
    const names: Array<[string, number | null, number | null]> = [
      ['PIG1987 - HEAVEN NIGHTCLUB', pig, heaven],
      ['ZONE A0 - HEAVEN NIGHTCLUB - US 18-34', zone, heaven],
      // Found by title alone, credited to two artists: the track, and no artist guessed.
      ['HEAVEN NIGHTCLUB - Streaming - Copy 2', null, heaven],
      ['PIG1987 - Glass Rooms', pig, glass],
      // "(Live)" names another version: not stripped, so no match.
      ['PIG1987 - Sunday', pig, null],
      // "Velvet" and "Velvet (with pig1987)" both match: ambiguous, no link.
      ['ZONE A0 - Velvet', zone, null],
    ];
    const page = {
      data: names.map(([name], k) => ({
        campaign_id: String(2000 + k),
        campaign_name: name,
        spend: '1.00',
        impressions: '10',
        date_start: '2025-06-01',
        date_stop: '2025-06-01',
      })),
      paging: {},
    };
    const [s] = await h.ingest([h.input('meta_insights_20250602_000000.json', JSON.stringify(page))]);
    expect(s.status).toBe('loaded');
    expect((await campaigns(h.ds)).map((c) => [c.name, c.artist_id, c.track_id])).toEqual(names);
    expect(await counts(h.ds)).toMatchObject({ artists: 2, tracks: 9 });
  });
});
