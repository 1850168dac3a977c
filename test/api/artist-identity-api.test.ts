/**
 * Artist identities over real HTTP on SQLite and PostgreSQL: an id-only Spotify export loads
 * under a placeholder that pipelineHealth reports, linkArtistExternalId moves it to the real
 * artist (audienceSeries then includes it), mergeArtists moves every fact of one artist into
 * another (totals per artist computed from the fixtures, versioned rows keeping the newest
 * capture), and every bad input answers a coded error naming the field.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createLogger } from '../../src/config/logger';
import { dialectOf } from '../../src/db/dialect';
import { IngestService } from '../../src/ingest/ingest-service';
import { upsertStreams } from '../../src/ingest/load-streams';
import { audienceCsv, audienceFileName, type AudienceSampleDay } from '../../demo/sample-exports/spotify';
import { overviewSample } from '../../demo/sample-exports/tiktok';
import { describeEachDatabase, tempDir } from '../helpers/databases';
import { startTestServer, type TestServer } from '../helpers/server';
import { type Cells, curatedTransactionsText, nano, OLD_HEADER, q, tsv } from '../integration/ingest/helpers';

const ID_PIG = '1Eu67EqPy2NutiM0lqCarw';
const ID_ALT = '62owJQCD2XzVB2o19CVsFM';
const ID_NEW = '4Z8W4fKeB5YxbusRsdQVPb';

// Statement lines written here, so each artist's money is known without the code under test.
const PIG_LINES: Cells[] = [
  {
    Artist: 'PIG1987',
    Title: 'Heaven Nightclub',
    ISRC: 'QZTAW2400001',
    'Earnings (USD)': '1.25000000',
    Store: 'Spotify',
    'Sale Month': '2024-09',
  },
  {
    Artist: 'PIG1987',
    Title: 'Heaven Nightclub',
    ISRC: 'QZTAW2400001',
    'Earnings (USD)': '0.50000001',
    Store: 'Apple Music',
    'Sale Month': '2024-09',
  },
];
const ALT_LINES: Cells[] = [
  // Same store, month and country as PIG1987's first line: after the merge both land on one rollup key and add.
  { Artist: 'P.I.G. 87', Title: 'Glass', ISRC: 'QZTAW2400002', 'Earnings (USD)': '2.00000003', Store: 'Spotify', 'Sale Month': '2024-09' },
  { Artist: 'P.I.G. 87', Title: 'Glass', ISRC: 'QZTAW2400002', 'Earnings (USD)': '-0.30000000', Store: 'Spotify', 'Sale Month': '2024-10' },
];
const net = (lines: Cells[]) => lines.reduce((s, l) => s + nano(l['Earnings (USD)']), 0n);

describeEachDatabase('artist identities over HTTP', (kind) => {
  let server: TestServer;
  let ingest: IngestService;
  let pig: number;
  let alt: number;
  const pigDays = audienceCsv({ seed: 41, endDate: '2025-05-10', days: 10, emptyRate: 0 });
  // ALT's days overlap PIG's last five, captured a month later: on those days ALT's (newer) rows win the merge.
  const altDays = audienceCsv({ seed: 42, endDate: '2025-05-15', days: 10, emptyRate: 0 });
  const placeholderDays = audienceCsv({ seed: 43, endDate: '2025-06-30', days: 20 });
  const tiktok = overviewSample({ seed: 44, startDate: '2025-01-01', days: 30, handle: 'p.i.g.87', exportedAt: 1738368000 });

  const artistId = async (name: string) =>
    Number((await q<{ id: number | string }>(server.ds, 'SELECT id FROM artists WHERE name = ?', [name]))[0]?.id);
  const netOf = async (id: number) =>
    BigInt(
      (
        await q<{ n: string | number | null }>(
          server.ds,
          `SELECT CAST(COALESCE(SUM(net_nano), 0) AS TEXT) AS n FROM transactions WHERE artist_id = ${id}`,
        )
      )[0].n ?? 0,
    );
  const rollupNetOf = async (id: number) =>
    BigInt(
      (
        await q<{ n: string | number | null }>(
          server.ds,
          `SELECT CAST(COALESCE(SUM(net_nano), 0) AS TEXT) AS n FROM revenue_monthly_rollup WHERE artist_id = ${id}`,
        )
      )[0].n ?? 0,
    );
  const countOf = async (table: string, where: string) =>
    Number((await q<{ n: number | string }>(server.ds, `SELECT COUNT(*) AS n FROM ${table} WHERE ${where}`))[0].n);

  beforeAll(async () => {
    server = await startTestServer(kind, {}, { worker: false });
    ingest = new IngestService(server.ds, server.lakeDir, createLogger('silent'));
    const dir = tempDir('identity-api');
    const write = (name: string, content: string | Uint8Array) => {
      fs.writeFileSync(path.join(dir, name), content);
      return path.join(dir, name);
    };
    const summaries = await ingest.ingest([
      write('dk_bank_details_20241101_000000.tsv', tsv(OLD_HEADER, [...PIG_LINES, ...ALT_LINES])),
      write(audienceFileName('PIG1987', '20250601_000000', ID_PIG), pigDays.csv),
      write(audienceFileName('P.I.G. 87', '20250701_000000', ID_ALT), altDays.csv),
      write(tiktok.fileName, tiktok.zip),
    ]);
    expect(summaries.map((s) => s.status)).toEqual(['loaded', 'loaded', 'loaded', 'loaded']);
    pig = await artistId('PIG1987');
    alt = await artistId('P.I.G. 87');
    expect(pig).toBeGreaterThan(0);
    expect(alt).toBeGreaterThan(0);
    // Any loaded file will do as the provenance of the facts written below.
    const summariesFileId = Number(
      (await q<{ id: number | string }>(server.ds, "SELECT MIN(id) AS id FROM source_files WHERE status = 'loaded'"))[0].id,
    );
    // Daily streams keyed by artist: one day where ALT's capture is newer, one where PIG's is.
    await server.ds.transaction(async (m) => {
      const platform = Number((await m.query(`SELECT id FROM platforms WHERE code = 'spotify'`))[0].id);
      const fact = (artist: number, date: string, streams: number) => ({
        source: 'toolost',
        date,
        platformId: platform,
        trackId: null,
        artistId: artist,
        country: null,
        streams,
      });
      await upsertStreams(m, dialectOf(server.ds), [fact(pig, '2025-03-01', 100), fact(pig, '2025-03-02', 50)], {
        sourceFileId: summariesFileId,
        extractedAt: new Date('2025-03-05T00:00:00Z'),
      });
      await upsertStreams(m, dialectOf(server.ds), [fact(alt, '2025-03-01', 70)], {
        sourceFileId: summariesFileId,
        extractedAt: new Date('2025-03-10T00:00:00Z'),
      });
      await upsertStreams(m, dialectOf(server.ds), [fact(alt, '2025-03-02', 999)], {
        sourceFileId: summariesFileId,
        extractedAt: new Date('2025-03-01T00:00:00Z'),
      });
      await m.query(
        `INSERT INTO campaigns (platform_id, external_id, name, artist_id, created_at, updated_at) VALUES (${platform}, '120200000001', 'P.I.G. 87 - GLASS - US', ${alt}, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)`,
      );
    });
  });
  afterAll(async () => {
    await server?.close();
  });

  const health = async () => {
    const res = await server.gql<{ pipelineHealth: Array<{ service: string; reasons: string[]; unlinkedArtistIds: string[] }> }>(
      '{ pipelineHealth { service reasons unlinkedArtistIds } }',
      {},
      server.adminToken,
    );
    expect(res.body.errors).toBeUndefined();
    return res.body.data!.pipelineHealth.find((s) => s.service === 'SPOTIFY')!;
  };

  it('reports an id-only export loaded under a placeholder, and linkArtistExternalId moves it to the artist', async () => {
    const file = path.join(tempDir('identity-api-link'), audienceFileName(null, '20250701_070222', ID_NEW));
    fs.writeFileSync(file, placeholderDays.csv);
    expect((await ingest.ingest([file]))[0].status).toBe('loaded');
    const before = await health();
    expect(before.unlinkedArtistIds).toEqual([ID_NEW]);
    expect(before.reasons).toContain(
      `1 Spotify artist id is not linked to an artist (${ID_NEW}): link it with npm run artists -- link spotify <id> <name>`,
    );

    const listed = await server.gql<{
      artists: {
        edges: Array<{ node: { name: string; isPlaceholder: boolean; externalIds: Array<{ kind: string; externalId: string }> } }>;
      };
    }>('{ artists(first: 50) { edges { node { name isPlaceholder externalIds { kind externalId } } } } }');
    expect(listed.body.errors).toBeUndefined();
    expect(listed.body.data!.artists.edges.map((e) => e.node).filter((n) => n.isPlaceholder)).toEqual([
      { name: `spotify:${ID_NEW}`, isPlaceholder: true, externalIds: [{ kind: 'SPOTIFY', externalId: ID_NEW }] },
    ]);

    const link = `mutation($id: String!, $artist: ID!) { linkArtistExternalId(kind: SPOTIFY, externalId: $id, artist: $artist) { kind externalId change mergedPlaceholder artist { id name externalIds { kind externalId } } } }`;
    const forbidden = await server.gql(link, { id: ID_NEW, artist: String(pig) }, server.viewerToken);
    expect(forbidden.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const res = await server.gql<{ linkArtistExternalId: Record<string, unknown> }>(
      link,
      { id: ID_NEW, artist: String(pig) },
      server.adminToken,
    );
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data!.linkArtistExternalId).toEqual({
      kind: 'SPOTIFY',
      externalId: ID_NEW,
      change: 'MERGED',
      mergedPlaceholder: `spotify:${ID_NEW}`,
      artist: {
        id: String(pig),
        name: 'PIG1987',
        externalIds: [ID_NEW, ID_PIG].sort().map((externalId) => ({ kind: 'SPOTIFY', externalId })),
      },
    });
    const after = await health();
    expect(after.unlinkedArtistIds).toEqual([]);
    expect(after.reasons.join('\n')).not.toContain('not linked');

    const series = await server.gql<{
      audienceSeries: { points: Array<{ period: string; streams: number | null; artist: { name: string } }> };
    }>(
      `query($artist: ID!) { audienceSeries(range: {from: "2025-06-11", to: "2025-06-30"}, grain: DAY, artist: $artist) { points { period streams artist { name } } } }`,
      { artist: String(pig) },
    );
    expect(series.body.errors).toBeUndefined();
    const expected = placeholderDays.days.map((d) => ({ period: d.date, streams: d.streams, artist: { name: 'PIG1987' } }));
    expect(series.body.data!.audienceSeries.points).toEqual(expected);
  });

  it('refuses bad link and unlink inputs with coded errors naming the field', async () => {
    const link = `mutation($kind: ExternalIdKind!, $id: String!, $artist: ID!) { linkArtistExternalId(kind: $kind, externalId: $id, artist: $artist) { change } }`;
    const cases: Array<[Record<string, unknown>, string, string]> = [
      [{ kind: 'SPOTIFY', id: ID_NEW, artist: '999999' }, 'BAD_USER_INPUT', 'artist'],
      [{ kind: 'SPOTIFY', id: ID_NEW, artist: 'PIG1987' }, 'BAD_USER_INPUT', 'artist'],
      [{ kind: 'SPOTIFY', id: 'not-an-id', artist: String(pig) }, 'BAD_USER_INPUT', 'externalId'],
      [{ kind: 'SPOTIFY', id: ID_ALT, artist: String(pig) }, 'BAD_USER_INPUT', 'externalId'],
    ];
    for (const [variables, code, field] of cases) {
      const res = await server.gql(link, variables, server.adminToken);
      expect({ variables, code: res.body.errors?.[0].extensions?.code, field: res.body.errors?.[0].extensions?.field }).toEqual({
        variables,
        code,
        field,
      });
    }
    const badEnum = await server.gql(link, { kind: 'SOUNDCLOUD', id: ID_NEW, artist: String(pig) }, server.adminToken);
    expect(badEnum.body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const unlink = await server.gql(
      `mutation { unlinkArtistExternalId(kind: TIKTOK, externalId: "nobody.here") { id } }`,
      {},
      server.adminToken,
    );
    expect(unlink.body.errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND', field: 'externalId' });
  });

  it('mergeArtists moves every fact into the surviving artist in one go, keeps the newest capture of versioned rows, and is idempotent', async () => {
    const merge = `mutation($from: ID!, $into: ID!) { mergeArtists(from: $from, into: $into) { fromId fromName alreadyMerged into { id name aliases externalIds { externalId } }
      counts { aliases externalIds trackCredits tracks transactions revenueRollupRows streams audienceDays socialDays campaigns } } }`;
    // Bad inputs first: nothing may change.
    const refusals: Array<[Record<string, unknown>, string | null, string, string]> = [
      [{ from: String(alt), into: String(alt) }, server.adminToken, 'BAD_USER_INPUT', 'from'],
      [{ from: String(alt), into: '999999' }, server.adminToken, 'BAD_USER_INPUT', 'into'],
      [{ from: '999999', into: String(pig) }, server.adminToken, 'BAD_USER_INPUT', 'from'],
      [{ from: 'P.I.G. 87', into: String(pig) }, server.adminToken, 'BAD_USER_INPUT', 'from'],
      [{ from: String(alt), into: String(pig) }, server.viewerToken, 'FORBIDDEN', ''],
    ];
    for (const [variables, token, code, field] of refusals) {
      const res = await server.gql(merge, variables, token);
      const ext = res.body.errors?.[0].extensions ?? {};
      expect({ variables, code: ext.code, field: ext.field ?? '' }).toEqual({ variables, code, field });
    }

    const before = {
      pigNet: await netOf(pig),
      altNet: await netOf(alt),
      social: await countOf('social_daily', `artist_id = ${alt}`),
    };
    expect(before.pigNet).toBe(net(PIG_LINES));
    expect(before.altNet).toBe(net(ALT_LINES));
    expect(before.social).toBe(tiktok.days.length);

    const res = await server.gql<{
      mergeArtists: Record<string, unknown> & { into: { aliases: string[]; externalIds: Array<{ externalId: string }> } };
    }>(merge, { from: String(alt), into: String(pig) }, server.adminToken);
    expect(res.body.errors).toBeUndefined();
    const out = res.body.data!.mergeArtists;
    expect(out).toMatchObject({
      fromId: String(alt),
      fromName: 'P.I.G. 87',
      alreadyMerged: false,
      // streams: ALT's newer row of 03-01 moves; its older row of 03-02 is dropped for PIG's newer one.
      counts: {
        transactions: ALT_LINES.length,
        audienceDays: 10,
        socialDays: tiktok.days.length,
        campaigns: 1,
        streams: 1,
        externalIds: 1,
      },
    });
    expect(out.into.aliases).toEqual(expect.arrayContaining(['PIG1987', 'P.I.G. 87', 'p.i.g.87']));
    expect(out.into.externalIds.map((e) => e.externalId).sort()).toEqual([ID_ALT, ID_NEW, ID_PIG].sort());

    // The merged artist is gone; its money, rollups, days and campaigns are the survivor's.
    expect(await countOf('artists', `id = ${alt}`)).toBe(0);
    for (const table of [
      'transactions',
      'revenue_monthly_rollup',
      'audience_daily',
      'streams',
      'social_daily',
      'campaigns',
      'track_artists',
      'artist_aliases',
      'artist_external_ids',
    ]) {
      expect({ table, n: await countOf(table, `artist_id = ${alt}`) }).toEqual({ table, n: 0 });
    }
    expect(await countOf('tracks', `primary_artist_id = ${alt}`)).toBe(0);
    expect(await netOf(pig)).toBe(net(PIG_LINES) + net(ALT_LINES));
    expect(await rollupNetOf(pig)).toBe(net(PIG_LINES) + net(ALT_LINES));
    expect(await countOf('social_daily', `artist_id = ${pig}`)).toBe(tiktok.days.length);

    // Audience days: PIG's own days, ALT's days, and on the five shared days ALT's newer capture.
    const expectedDays = new Map<string, AudienceSampleDay>();
    for (const d of pigDays.days) expectedDays.set(d.date, d);
    for (const d of altDays.days) expectedDays.set(d.date, d);
    const series = await server.gql<{
      audienceSeries: { points: Array<{ period: string; streams: number | null; followers: number | null }> };
    }>(
      `query($artist: ID!) { audienceSeries(range: {from: "2025-05-01", to: "2025-05-15"}, grain: DAY, artist: $artist) { points { period streams followers } } }`,
      { artist: String(pig) },
    );
    expect(series.body.data!.audienceSeries.points).toEqual(
      [...expectedDays.values()].map((d) => ({ period: d.date, streams: d.streams, followers: d.followers })),
    );

    // Daily streams: one row per day, the newer capture's figure (70 and 50), never the sum.
    const streams = await q<{ date: string; streams: number | string; dim_key: string }>(
      server.ds,
      `SELECT CAST(date AS TEXT) AS date, streams, dim_key FROM streams WHERE source = 'toolost' ORDER BY date`,
    );
    expect(streams.map((r) => [String(r.date).slice(0, 10), Number(r.streams), r.dim_key])).toEqual([
      ['2025-03-01', 70, `t-|a${pig}|c-`],
      ['2025-03-02', 50, `t-|a${pig}|c-`],
    ]);

    // The curated datasets were rewritten: the statement lines name the surviving artist only.
    const curated = curatedTransactionsText(server.lakeDir);
    expect(curated).not.toContain('P.I.G. 87');
    expect(curated.split('\n').filter((l) => l.includes(',PIG1987,'))).toHaveLength(PIG_LINES.length + ALT_LINES.length);

    // Repeating the merge changes nothing and says so.
    const again = await server.gql<{ mergeArtists: { alreadyMerged: boolean; counts: unknown } }>(
      merge,
      { from: String(alt), into: String(pig) },
      server.adminToken,
    );
    expect(again.body.data!.mergeArtists).toMatchObject({ alreadyMerged: true, counts: null });
    expect(await netOf(pig)).toBe(net(PIG_LINES) + net(ALT_LINES));

    // The merged artist's spellings resolve to the survivor on the next load.
    const dir = tempDir('identity-api-next');
    const later: Cells[] = [
      {
        Artist: 'P.I.G 87',
        Title: 'Glass',
        ISRC: 'QZTAW2400002',
        'Earnings (USD)': '0.10000000',
        'Sale Month': '2024-11',
        'Reporting Date': '2024-12-05',
      },
    ];
    fs.writeFileSync(`${dir}/dk_bank_details_20241201_000000.tsv`, tsv(OLD_HEADER, later));
    expect((await ingest.ingest([`${dir}/dk_bank_details_20241201_000000.tsv`]))[0].status).toBe('loaded');
    const names = await q<{ name: string }>(server.ds, 'SELECT name FROM artists ORDER BY name');
    expect(names.map((r) => r.name)).toEqual(['PIG1987']);
    expect(await netOf(pig)).toBe(net(PIG_LINES) + net(ALT_LINES) + net(later));
  });
});
