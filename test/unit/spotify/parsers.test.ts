/** Spotify for Artists file names, counts, the audience CSV and the songs JSON, without a database. */
import { splitCsvLine } from '../../../src/ingest/common/csv-reader';
import { parseAudienceCsv } from '../../../src/ingest/spotify/audience.parser';
import { INVALID_COUNT, parseCount } from '../../../src/ingest/spotify/counts';
import { parseAudienceFileName, parseSongsFileName } from '../../../src/ingest/spotify/file-names';
import { parseSongsJson } from '../../../src/ingest/spotify/songs.parser';
import { reasonOf } from '../distrokid/helpers';

const ID = '62owJQCD2XzVB2o19CVsFM';

describe('Spotify file names', () => {
  it.each([
    [`spotify_audience_${ID}_zone.a0_20250601_120000.csv`, { spotifyId: ID, artistName: 'zone.a0' }],
    [`spotify_audience_${ID}_Zone A0_20250601_120000.csv`, { spotifyId: ID, artistName: 'Zone A0' }],
    [`spotify_audience_${ID}_zone_a0_20250601_120000_2.csv`, { spotifyId: ID, artistName: 'zone_a0' }],
    [`spotify_audience_${ID}_20250601_120000.csv`, { spotifyId: ID, artistName: null }],
    ['spotify_audience_zone.a0_20250601_120000.csv', { spotifyId: null, artistName: null }],
    ['ZONE A0-audience-timeline.csv', { spotifyId: null, artistName: 'ZONE A0' }],
    ['ZONE_A0-audience-timeline_20250601_120000.csv', { spotifyId: null, artistName: 'ZONE_A0' }],
  ])('audience %s', (name, expected) => {
    expect(parseAudienceFileName(name)).toEqual(expected);
  });

  it.each([
    [
      `spotify_songs_${ID}_zone.a0_28day_20250601_120000.json`,
      { spotifyId: ID, artistName: 'zone.a0', period: '28day', periodText: '28day' },
    ],
    [`spotify_songs_${ID}_zone_a0_all_20250601_120000.json`, { spotifyId: ID, artistName: 'zone_a0', period: 'all', periodText: 'all' }],
    [
      `spotify_songs_${ID}_zone.a0_1YEAR_20250601_120000.json`,
      { spotifyId: ID, artistName: 'zone.a0', period: '1year', periodText: '1YEAR' },
    ],
    [`spotify_songs_${ID}_7day_20250601_120000.json`, { spotifyId: ID, artistName: null, period: '7day', periodText: '7day' }],
    [
      `spotify_songs_${ID}_zone.a0_3day_20250601_120000.json`,
      { spotifyId: ID, artistName: 'zone.a0_3day', period: null, periodText: '3day' },
    ],
    [`spotify_songs_${ID}_zone.a0_20250601_120000.json`, { spotifyId: ID, artistName: 'zone.a0', period: null, periodText: 'zone.a0' }],
  ])('songs %s', (name, expected) => {
    expect(parseSongsFileName(name)).toEqual(expected);
  });
});

describe('parseCount', () => {
  it.each([
    [12, 12n],
    ['12,345', 12345n],
    [' 1,234,567 ', 1234567n],
    ['0', 0n],
    ['', null],
    ['NaN', null],
    [null, null],
    [undefined, null],
    [Number.NaN, null],
    ['12,34', INVALID_COUNT],
    ['1.5', INVALID_COUNT],
    [-3, INVALID_COUNT],
    ['-3', INVALID_COUNT],
    [1.5, INVALID_COUNT],
    [true, INVALID_COUNT],
    ['12k', INVALID_COUNT],
  ])('%p → %p', (input, expected) => {
    expect(parseCount(input)).toBe(expected);
  });
});

describe('audience CSV', () => {
  it('splits quoted cells with separators and doubled quotes', () => {
    expect(splitCsvLine('2025-01-01,"1,234","a ""b""",')).toEqual(['2025-01-01', '1,234', 'a "b"', '']);
    expect(splitCsvLine('"open')).toBeNull();
  });

  it('reads columns by name in any order and case, with BOM, CR line ends, empty cells and NaN', () => {
    const text = '\uFEFFFollowers,Date,Streams,Listeners\r900,2025-01-02,"1,500",NaN\r,2025-01-01,12,7\r\r';
    expect(parseAudienceCsv(text, 'f')).toEqual([
      { line: 3, date: '2025-01-01', listeners: 7, streams: 12, followers: null },
      { line: 2, date: '2025-01-02', listeners: null, streams: 1500, followers: 900 },
    ]);
  });

  it('names a renamed column as schema drift', async () => {
    const r = await reasonOf(() => parseAudienceCsv('date,listeners,plays,followers\n2025-01-01,1,2,3\n', 'f'));
    expect(r).toMatchObject({ code: 'SCHEMA_DRIFT', field: 'streams', line: 1 });
    expect(r.message).toContain('unexpected plays');
  });

  it('refuses a count too large for the column', async () => {
    const r = await reasonOf(() => parseAudienceCsv('date,listeners,streams,followers\n2025-01-01,1,3000000000,3\n', 'f'));
    expect(r).toMatchObject({ code: 'BAD_VALUE', line: 2, column: 3, field: 'streams' });
  });
});

describe('songs JSON', () => {
  const song = {
    id: 'x',
    trackName: ' Night Drive ',
    trackUri: 'spotify:track:x',
    releaseDate: '2024-01-01',
    numStreams: '12,345',
    numListeners: 700,
    numSavers: null,
    isDisabled: 'true',
  };

  it('reads counts as numbers or grouped strings, missing figures as NULL', () => {
    expect(parseSongsJson(JSON.stringify({ songs: [song] }), 'f')).toEqual([
      {
        index: 0,
        spotifyTrackId: 'x',
        trackUri: 'spotify:track:x',
        title: 'Night Drive',
        releaseDate: '2024-01-01',
        streams: 12345n,
        listeners: 700n,
        savers: null,
        canvasViews: null,
        isDisabled: true,
      },
    ]);
  });

  it('rejects an untitled song and an unreadable disabled flag, naming the record', async () => {
    expect(await reasonOf(() => parseSongsJson(JSON.stringify({ songs: [song, { ...song, trackName: '' }] }), 'f'))).toMatchObject({
      code: 'BAD_VALUE',
      field: 'songs[1].trackName',
    });
    expect(await reasonOf(() => parseSongsJson(JSON.stringify({ songs: [{ ...song, isDisabled: 'maybe' }] }), 'f'))).toMatchObject({
      code: 'BAD_VALUE',
      field: 'songs[0].isDisabled',
    });
  });

  it('reports where truncated JSON stops', async () => {
    const r = await reasonOf(() => parseSongsJson('{"songs": [\n  {"trackName": "a",\n', 'f'));
    expect(r).toMatchObject({ code: 'BAD_VALUE', line: 3 });
  });
});
