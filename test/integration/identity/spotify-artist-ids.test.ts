/**
 * Spotify for Artists files named by artist id only (`spotify_audience_<id>_<ts>.csv`, as the real
 * exports are): an unknown id loads under a placeholder artist, linking it later moves every fact
 * to the real artist; a configured id loads straight onto its artist; the older names-in-file form
 * records the link. On SQLite and PostgreSQL, expectations from the generators.
 */
import { createLogger } from '../../../src/config/logger';
import { ArtistIdentityService } from '../../../src/ingest/identity/identity-service';
import { IdentityError } from '../../../src/errors/identity-error';
import { IngestService } from '../../../src/ingest/ingest-service';
import { audienceCsv, audienceFileName, songsFileName, songsJson, type AudienceSampleDay } from '../../../demo/sample-exports/spotify';
import { describeEachDatabase } from '../../helpers/databases';
import { type Harness, OLD_HEADER, openHarness, q, tsv } from '../ingest/helpers';
import { overviewSample } from '../../../demo/sample-exports/tiktok';
import { audienceRows, songRows } from '../spotify/helpers';

const ID = '1Eu67EqPy2NutiM0lqCarw';
const OTHER_ID = '62owJQCD2XzVB2o19CVsFM';
const idOnlySongs = (period: string, stamp: string, id = ID) => `spotify_songs_${id}_${period}_${stamp}.json`;
const asRows = (artist: string, days: AudienceSampleDay[]) => days.map((d) => ({ artist, ...d }));

interface ArtistRow {
  id: number;
  name: string;
  placeholder: boolean;
}

async function artists(h: Harness): Promise<ArtistRow[]> {
  const rows = await q<{ id: number | string; name: string; is_placeholder: boolean | number }>(
    h.ds,
    'SELECT id, name, is_placeholder FROM artists ORDER BY id',
  );
  return rows.map((r) => ({ id: Number(r.id), name: r.name, placeholder: Boolean(Number(r.is_placeholder)) }));
}

async function links(h: Harness): Promise<Array<{ kind: string; externalId: string; artist: string }>> {
  const rows = await q<{ kind: string; external_id: string; name: string }>(
    h.ds,
    'SELECT e.kind, e.external_id, a.name FROM artist_external_ids e JOIN artists a ON a.id = e.artist_id ORDER BY e.kind, e.external_id',
  );
  return rows.map((r) => ({ kind: r.kind, externalId: r.external_id, artist: r.name }));
}

describeEachDatabase('Spotify artist ids → artists', (kind) => {
  let h: Harness;
  let identities: ArtistIdentityService;
  beforeEach(async () => {
    h = await openHarness(kind);
    identities = new ArtistIdentityService(h.ds);
  });
  afterEach(async () => {
    await h?.close();
  });

  it('loads an id-only audience file under a placeholder named after the id, flagged as such', async () => {
    const sample = audienceCsv({ seed: 21, endDate: '2025-06-30', days: 60 });
    const name = audienceFileName(null, '20250701_070222', ID);
    expect(name).toBe(`spotify_audience_${ID}_20250701_070222.csv`);
    const [s] = await h.ingest([h.input(name, sample.csv)]);
    expect(s).toMatchObject({ status: 'loaded', stream: 'audience', rowsLoaded: 60 });
    expect(await artists(h)).toEqual([{ id: expect.any(Number), name: `spotify:${ID}`, placeholder: true }]);
    expect(await links(h)).toEqual([{ kind: 'spotify', externalId: ID, artist: `spotify:${ID}` }]);
    expect(await audienceRows(h)).toEqual(asRows(`spotify:${ID}`, sample.days));
    expect((await identities.links({ placeholdersOnly: true })).map((l) => l.externalId)).toEqual([ID]);
  });

  it('linking the id merges the placeholder into the real artist: audience days and songs move, later files load straight onto it', async () => {
    // The real artist exists from another Spotify file (names-in-file form, another id) before the id-only files arrive.
    const theirs = audienceCsv({ seed: 22, endDate: '2025-03-31', days: 31, emptyRate: 0 });
    const placeholderDays = audienceCsv({ seed: 23, endDate: '2025-06-30', days: 45 });
    const songs = songsJson({ seed: 24, titles: ['Heaven Nightclub', 'Night Drive', 'Glass'], period: '28day' });
    const loaded = await h.ingest([
      h.input(audienceFileName('PIG1987', '20250401_080000', OTHER_ID), theirs.csv),
      h.input(audienceFileName(null, '20250701_070222', ID), placeholderDays.csv),
      h.input(idOnlySongs('28day', '20250701_070300'), songs.json),
    ]);
    expect(loaded.map((s) => s.status)).toEqual(['loaded', 'loaded', 'loaded']);
    expect((await artists(h)).map((a) => [a.name, a.placeholder])).toEqual([
      ['PIG1987', false],
      [`spotify:${ID}`, true],
    ]);

    const out = await identities.link('spotify', ID, { name: 'Pig 1987', create: false }, 'test');
    expect(out).toMatchObject({ change: 'merged', artist: { name: 'PIG1987' }, mergedPlaceholder: { name: `spotify:${ID}` } });
    expect(out.mergedPlaceholder!.counts).toMatchObject({ audienceDays: 45, externalIds: 1, tracks: 3 });
    expect(await artists(h)).toEqual([{ id: out.artist.id, name: 'PIG1987', placeholder: false }]);
    expect(await links(h)).toEqual([
      { kind: 'spotify', externalId: ID, artist: 'PIG1987' },
      { kind: 'spotify', externalId: OTHER_ID, artist: 'PIG1987' },
    ]);
    expect(await audienceRows(h)).toEqual(asRows('PIG1987', [...theirs.days, ...placeholderDays.days]));
    const stored = await songRows(h);
    expect(stored.map((r) => [r.artist, r.title, r.streams])).toEqual(
      songs.songs.map((s) => ['PIG1987', s.title, s.streams.toString()]).sort((a, b) => String(a[1]).localeCompare(String(b[1]))),
    );
    expect(await identities.links({ placeholdersOnly: true })).toEqual([]);

    // A later id-only file goes straight to the artist: no new placeholder.
    const later = audienceCsv({ seed: 25, endDate: '2025-07-31', days: 31 });
    const [s] = await h.ingest([h.input(audienceFileName(null, '20250801_070222', ID), later.csv)]);
    expect(s.status).toBe('loaded');
    expect((await artists(h)).map((a) => a.name)).toEqual(['PIG1987']);
    // Linking again is a no-op.
    expect((await identities.link('spotify', ID, { artistId: out.artist.id }, 'test')).change).toBe('unchanged');
  });

  it('links an id to an artist the warehouse does not know yet by turning its placeholder into that artist', async () => {
    const sample = audienceCsv({ seed: 26, endDate: '2025-06-30', days: 20 });
    await h.ingest([h.input(audienceFileName(null, '20250701_070222', ID), sample.csv)]);
    const [placeholder] = await artists(h);
    const out = await identities.link('spotify', ID, { name: 'ZONE A0', create: false }, 'test');
    expect(out.change).toBe('renamed');
    expect(await artists(h)).toEqual([{ id: placeholder.id, name: 'ZONE A0', placeholder: false }]);
    expect(await audienceRows(h)).toEqual(asRows('ZONE A0', sample.days));
    // The new artist's spellings resolve to it: a names-in-file export of `zone.a0` lands on the same artist.
    await h.ingest([
      h.input(audienceFileName('zone.a0', '20250801_000000', OTHER_ID), audienceCsv({ seed: 27, endDate: '2025-07-31', days: 5 }).csv),
    ]);
    expect((await artists(h)).map((a) => a.name)).toEqual(['ZONE A0']);
  });

  it('loads a configured id (SPOTIFY_ARTIST_IDS=<id>=<name>) straight onto its artist, songs included', async () => {
    const service = new IngestService(h.ds, h.lakeDir, createLogger('silent'), {
      configuredLinks: [{ kind: 'spotify', externalId: ID, artistName: 'Pig 1987' }],
    });
    const sample = audienceCsv({ seed: 28, endDate: '2025-06-30', days: 30 });
    const songs = songsJson({ seed: 29, titles: ['Heaven Nightclub'], period: '7day' });
    const summaries = await service.ingest([
      h.input(audienceFileName(null, '20250701_070222', ID), sample.csv),
      h.input(idOnlySongs('7day', '20250701_070300'), songs.json),
    ]);
    expect(summaries.map((s) => s.status)).toEqual(['loaded', 'loaded']);
    expect(await artists(h)).toEqual([{ id: expect.any(Number), name: 'Pig 1987', placeholder: false }]);
    expect(await audienceRows(h)).toEqual(asRows('Pig 1987', sample.days));
    expect((await songRows(h)).map((r) => [r.artist, r.title, r.streams])).toEqual([
      ['Pig 1987', 'Heaven Nightclub', songs.songs[0].streams.toString()],
    ]);
  });

  it('a configured id that was loaded under a placeholder merges it at the next load', async () => {
    const first = audienceCsv({ seed: 30, endDate: '2025-05-31', days: 10 });
    await h.ingest([h.input(audienceFileName(null, '20250601_070222', ID), first.csv)]);
    const service = new IngestService(h.ds, h.lakeDir, createLogger('silent'), {
      configuredLinks: [{ kind: 'spotify', externalId: ID, artistName: 'PIG1987' }],
    });
    await service.ingest([]);
    expect((await artists(h)).map((a) => [a.name, a.placeholder])).toEqual([['PIG1987', false]]);
    expect(await audienceRows(h)).toEqual(asRows('PIG1987', first.days));
  });

  it('the names-in-file form records the link, and a name beside a placeholder id merges the placeholder', async () => {
    const a = audienceCsv({ seed: 31, endDate: '2025-04-30', days: 10, emptyRate: 0 });
    const b = audienceCsv({ seed: 32, endDate: '2025-05-31', days: 10, emptyRate: 0 });
    await h.ingest([h.input(audienceFileName(null, '20250501_000000', OTHER_ID), a.csv)]);
    expect((await artists(h)).map((x) => x.placeholder)).toEqual([true]);
    await h.ingest([h.input(audienceFileName('Zone A0', '20250601_000000', OTHER_ID), b.csv)]);
    expect((await artists(h)).map((x) => [x.name, x.placeholder])).toEqual([['Zone A0', false]]);
    expect(await links(h)).toEqual([{ kind: 'spotify', externalId: OTHER_ID, artist: 'Zone A0' }]);
    expect(await audienceRows(h)).toEqual(asRows('Zone A0', [...a.days, ...b.days]));
    // Songs with the id and a name (the extractor's form) follow the link too.
    const songs = songsJson({ seed: 33, titles: ['Glass'], period: 'all' });
    await h.ingest([h.input(songsFileName('zone_a0', 'all', '20250601_000100', OTHER_ID), songs.json)]);
    expect((await songRows(h)).map((r) => r.artist)).toEqual(['Zone A0']);
  });

  it("folds the placeholder's song tracks into the artist's ISRC'd tracks of the same title when linked", async () => {
    const songs = songsJson({ seed: 36, titles: ['HEAVEN NIGHTCLUB', 'Unreleased Demo'], period: '1year' });
    await h.ingest([
      h.input(
        'dk_bank_details_20250301_000000.tsv',
        tsv(OLD_HEADER, [{ Artist: 'PIG1987', Title: 'Heaven Nightclub', ISRC: 'QZTAW2400021', 'Earnings (USD)': '0.10000000' }]),
      ),
      h.input(idOnlySongs('1year', '20250701_070300'), songs.json),
    ]);
    expect(await q(h.ds, 'SELECT id FROM tracks')).toHaveLength(3);
    const out = await identities.link('spotify', ID, { name: 'PIG1987', create: false }, 'test');
    expect(out.mergedPlaceholder!.counts.tracksFolded).toBe(1);
    const tracks = await q<{ title: string; isrc: string | null; artist: string }>(
      h.ds,
      'SELECT t.title, t.isrc, a.name AS artist FROM tracks t JOIN artists a ON a.id = t.primary_artist_id ORDER BY t.title',
    );
    expect(tracks).toEqual([
      { title: 'Heaven Nightclub', isrc: 'QZTAW2400021', artist: 'PIG1987' },
      { title: 'Unreleased Demo', isrc: null, artist: 'PIG1987' },
    ]);
    const metrics = await q<{ title: string; streams: string | number }>(
      h.ds,
      'SELECT t.title, CAST(m.streams AS TEXT) AS streams FROM song_metrics m JOIN tracks t ON t.id = m.track_id ORDER BY t.title',
    );
    expect(metrics.map((m) => [m.title, String(m.streams)])).toEqual([
      ['Heaven Nightclub', songs.songs[0].streams.toString()],
      ['Unreleased Demo', songs.songs[1].streams.toString()],
    ]);
    const credits = await q(h.ds, 'SELECT track_id, artist_id FROM track_artists');
    expect(credits).toHaveLength(2);
  });

  it('attributes TikTok days of a configured handle (TIKTOK_ACCOUNTS=<handle>=<Artist>) to that artist, else by the handle as a name', async () => {
    const service = new IngestService(h.ds, h.lakeDir, createLogger('silent'), {
      configuredLinks: [{ kind: 'tiktok', externalId: 'zone.a0.official', artistName: 'ZONE A0' }],
    });
    const linked = overviewSample({ seed: 37, startDate: '2025-01-01', days: 7, handle: 'zone.a0.official', exportedAt: 1736899200 });
    const unlinked = overviewSample({ seed: 38, startDate: '2025-01-01', days: 5, handle: 'pig_1987', exportedAt: 1736899200 });
    const summaries = await service.ingest([
      h.input(linked.fileName, Buffer.from(linked.zip)),
      h.input(unlinked.fileName, Buffer.from(unlinked.zip)),
    ]);
    expect(summaries.map((s) => s.status)).toEqual(['loaded', 'loaded']);
    const days = await q<{ account: string; name: string; n: number | string }>(
      h.ds,
      'SELECT d.account, a.name, COUNT(*) AS n FROM social_daily d JOIN artists a ON a.id = d.artist_id GROUP BY d.account, a.name ORDER BY d.account',
    );
    expect(days.map((d) => [d.account, d.name, Number(d.n)])).toEqual([
      ['pig_1987', 'pig_1987', 5],
      ['zone.a0.official', 'ZONE A0', 7],
    ]);
  });

  it('records merges so chains resolve: A into B, then B into C, leaves both audit rows pointing at C; refuses a placeholder as target', async () => {
    const lines = ['Act One', 'Act Two', 'Act Three'].map((Artist, i) => ({
      Artist,
      Title: `Song ${i}`,
      ISRC: `QZTAW240010${i}`,
      'Earnings (USD)': '1.00000000',
    }));
    await h.ingest([
      h.input('dk_bank_details_20250301_000000.tsv', tsv(OLD_HEADER, lines)),
      h.input(audienceFileName(null, '20250701_070222', ID), audienceCsv({ seed: 39, endDate: '2025-06-30', days: 3 }).csv),
    ]);
    const [one, two, three] = (await artists(h)).filter((a) => !a.placeholder);
    expect((await identities.merge({ name: 'act one' }, { name: 'ACT TWO' }, 'test')).alreadyMerged).toBe(false);
    expect((await identities.merge({ id: two.id }, { id: three.id }, 'test')).alreadyMerged).toBe(false);
    const audit = await q<{ from_artist_id: number | string; into_artist_id: number | string }>(
      h.ds,
      'SELECT from_artist_id, into_artist_id FROM artist_merges ORDER BY from_artist_id',
    );
    expect(audit.map((r) => [Number(r.from_artist_id), Number(r.into_artist_id)])).toEqual([
      [one.id, three.id],
      [two.id, three.id],
    ]);
    // Both merged ids, and both merged spellings, now answer "already merged" into C.
    expect((await identities.merge({ id: one.id }, { id: three.id }, 'test')).alreadyMerged).toBe(true);
    expect((await identities.merge({ name: 'Act-One' }, { name: 'Act Three' }, 'test')).alreadyMerged).toBe(true);
    const [money] = await q<{ n: string }>(h.ds, `SELECT CAST(SUM(net_nano) AS TEXT) AS n FROM transactions WHERE artist_id = ${three.id}`);
    expect(BigInt(money.n)).toBe(3_000_000_000n);

    const placeholder = (await artists(h)).find((a) => a.placeholder)!;
    const err = await identities.merge({ id: three.id }, { id: placeholder.id }, 'test').catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'BAD_USER_INPUT', field: 'into' });
    expect((err as Error).message).toMatch(/placeholder/);
  });

  it('refuses bad links with a coded error naming the field, and changes nothing', async () => {
    await h.ingest([
      h.input(audienceFileName('PIG1987', '20250401_080000', OTHER_ID), audienceCsv({ seed: 34, endDate: '2025-03-31', days: 3 }).csv),
      h.input(audienceFileName('ZONE A0', '20250401_080001', ID), audienceCsv({ seed: 35, endDate: '2025-03-31', days: 3 }).csv),
    ]);
    const before = { artists: await artists(h), links: await links(h) };
    const refused = async (work: () => Promise<unknown>, code: string, field: string, message: RegExp) => {
      const err = await work().then(
        () => null,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(IdentityError);
      expect(err).toMatchObject({ code, field });
      expect((err as Error).message).toMatch(message);
    };
    await refused(
      () => identities.link('soundcloud', ID, { name: 'PIG1987', create: false }, 't'),
      'BAD_USER_INPUT',
      'kind',
      /not a platform/,
    );
    await refused(
      () => identities.link('spotify', 'short', { name: 'PIG1987', create: false }, 't'),
      'BAD_USER_INPUT',
      'externalId',
      /22-character/,
    );
    await refused(
      () => identities.link('spotify', ID, { name: 'Nobody Here', create: false }, 't'),
      'BAD_USER_INPUT',
      'artist',
      /no artist is named/,
    );
    await refused(() => identities.link('spotify', ID, { name: '   ', create: false }, 't'), 'BAD_USER_INPUT', 'artist', /empty/);
    await refused(() => identities.link('spotify', ID, { artistId: 999999 }, 't'), 'BAD_USER_INPUT', 'artist', /no artist has id/);
    await refused(
      () => identities.link('spotify', ID, { name: 'pig 1987', create: false }, 't'),
      'BAD_USER_INPUT',
      'externalId',
      /already linked to "ZONE A0"/,
    );
    await refused(() => identities.unlink('spotify', '0000000000000000000000'), 'NOT_FOUND', 'externalId', /not linked/);
    await refused(
      () => identities.link('tiktok', 'not a handle!', { name: 'PIG1987', create: false }, 't'),
      'BAD_USER_INPUT',
      'externalId',
      /TikTok handle/,
    );
    expect({ artists: await artists(h), links: await links(h) }).toEqual(before);

    // Unlink keeps the facts with the artist; the id is then free to link elsewhere.
    const held = await identities.unlink('spotify', ID);
    expect(held.name).toBe('ZONE A0');
    expect((await audienceRows(h)).filter((r) => r.artist === 'ZONE A0')).toHaveLength(3);
    expect((await identities.link('spotify', ID, { name: 'PIG1987', create: false }, 't')).change).toBe('linked');
  });
});
