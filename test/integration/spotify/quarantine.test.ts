/**
 * Malformed Spotify for Artists files, each in one batch with valid files: every bad file is
 * quarantined with the right reason (naming line/record and field) while the valid files load,
 * and nothing of a bad file — facts, artists, tracks, raw or staging files — is left behind.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { FileSummary } from '../../../src/ingest/ingest-service';
import { audienceCsv, audienceFileName, songsFileName, songsJson } from '../../../demo/sample-exports/spotify';
import { describeEachDatabase } from '../../helpers/databases';
import { type Harness, listFiles, openHarness, q, statuses } from '../ingest/helpers';
import { artistNames, audienceRows, songRows } from './helpers';

const TITLES = ['Night Drive', 'Static Bloom', 'Glasshouse'];
const GOOD_AUDIENCE = audienceFileName('zone.a0', '20250601_120000');
const GOOD_SONGS = songsFileName('zone.a0', '28day', '20250601_120000');

interface BadCase {
  name: string;
  content: () => string | Buffer;
  code: string;
  line?: number;
  column?: number;
  field?: string;
  found?: string;
}

const audience = (rows: string[], header = 'date,listeners,streams,followers') => `\uFEFF${[header, ...rows].join('\r\n')}\r\n`;
const songs = () => JSON.parse(songsJson({ seed: 50, titles: TITLES, period: '7day' }).json) as { songs: Array<Record<string, unknown>> };

// Each bad file names its own artist, so a leftover artist would show which file leaked.
const BAD: BadCase[] = [
  {
    name: audienceFileName('Bad Renamed', '20250601_120001'),
    content: () => audience(['2025-05-01,10,20,30'], 'date,monthly_listeners,streams,followers'),
    code: 'SCHEMA_DRIFT',
    line: 1,
    field: 'listeners',
  },
  {
    name: audienceFileName('Bad Value', '20250601_120002'),
    content: () => audience(['2025-05-01,10,20,30', '2025-05-02,10,"1,2x4",30']),
    code: 'BAD_VALUE',
    line: 3,
    column: 3,
    field: 'streams',
    found: '1,2x4',
  },
  {
    name: audienceFileName('Bad Date', '20250601_120003'),
    content: () => audience(['2025-05-01,10,20,30', 'May 2,10,20,30']),
    code: 'BAD_VALUE',
    line: 3,
    field: 'date',
    found: 'May 2',
  },
  { name: audienceFileName('Bad Empty', '20250601_120004'), content: () => '', code: 'EMPTY_FILE' },
  {
    name: audienceFileName('Bad Truncated', '20250601_120005'),
    content: () => audience(['2025-05-01,10,20,30', '2025-05-02,10']).replace(/\r\n$/, ''),
    code: 'WRONG_FIELD_COUNT',
    line: 3,
  },
  {
    name: audienceFileName('Bad Binary', '20250601_120006'),
    content: () => Buffer.concat([Buffer.from('date,listeners,streams,followers\r\n'), Buffer.from([0, 1, 2, 255, 0, 17])]),
    code: 'BINARY_CONTENT',
  },
  {
    name: 'spotify_audience_Bad-Not-An-Id_20250601_120007.csv',
    content: () => audience(['2025-05-01,10,20,30']),
    code: 'BAD_HEADER',
    field: 'file name',
  },
  {
    name: songsFileName('Bad Truncated Json', '7day', '20250601_120008'),
    content: () => songsJson({ seed: 51, titles: TITLES, period: '7day' }).json.slice(0, 150),
    code: 'BAD_VALUE',
    line: 1,
  },
  {
    name: songsFileName('Bad Shape', '7day', '20250601_120009'),
    content: () => JSON.stringify(songs().songs),
    code: 'SCHEMA_DRIFT',
    field: 'songs',
  },
  {
    name: songsFileName('Bad Drift', '7day', '20250601_120010'),
    content: () => {
      const doc = songs();
      const { numStreams, ...rest } = doc.songs[1];
      doc.songs[1] = { ...rest, streamCount: numStreams };
      return JSON.stringify(doc);
    },
    code: 'SCHEMA_DRIFT',
    field: 'songs[1].numStreams',
  },
  {
    name: songsFileName('Bad Count', '7day', '20250601_120011'),
    content: () => {
      const doc = songs();
      doc.songs[2].numListeners = '12k';
      return JSON.stringify(doc);
    },
    code: 'BAD_VALUE',
    field: 'songs[2].numListeners',
    found: '"12k"',
  },
  {
    name: songsFileName('Bad Period', '3day', '20250601_120012'),
    content: () => songsJson({ seed: 52, titles: TITLES, period: '7day' }).json,
    code: 'BAD_HEADER',
    field: 'period',
  },
  {
    name: `spotify_songs_62owJQCD2XzVB2o19CVsFM_Bad No Period_20250601_120013.json`,
    content: () => songsJson({ seed: 53, titles: TITLES, period: '7day' }).json,
    code: 'BAD_HEADER',
    field: 'period',
  },
  { name: songsFileName('Bad Empty Json', 'all', '20250601_120014'), content: () => '  \n', code: 'EMPTY_FILE' },
];

describeEachDatabase('quarantine of bad Spotify for Artists files', (kind) => {
  let h: Harness;
  let summaries: FileSummary[];
  const good = {
    audience: audienceCsv({ seed: 60, endDate: '2025-05-31', days: 120 }),
    songs: songsJson({ seed: 61, titles: TITLES, period: '28day' }),
  };

  beforeAll(async () => {
    h = await openHarness(kind);
    const files = [
      h.input(GOOD_AUDIENCE, good.audience.csv),
      ...BAD.map((b) => h.input(b.name, b.content())),
      h.input(GOOD_SONGS, good.songs.json),
    ];
    summaries = await h.ingest(files);
  });
  afterAll(async () => {
    await h?.close();
  });

  const summaryOf = (name: string): FileSummary => summaries.find((s) => path.basename(s.input) === name)!;

  it('loads the valid files and quarantines every bad one', async () => {
    expect(statuses(summaries).map((s) => s.replace(/ \(.*$/, ''))).toEqual([
      `${GOOD_AUDIENCE}: loaded`,
      ...BAD.map((b) => `${b.name}: quarantined`),
      `${GOOD_SONGS}: loaded`,
    ]);
    expect(await audienceRows(h)).toEqual(good.audience.days.map((d) => ({ artist: 'zone.a0', ...d })));
    expect((await songRows(h)).map((r) => [r.title, r.streams]).sort()).toEqual(
      good.songs.songs.map((x) => [x.title, x.streams.toString()]).sort(),
    );
  });

  it.each(BAD.map((b) => [b.code, b.name, b] as const))('%s: %s has the right reason', (_code, name, bad) => {
    const s = summaryOf(name);
    expect(s).toMatchObject({ status: 'quarantined', service: 'spotify' });
    const r = s.reason!;
    expect(r.code).toBe(bad.code);
    expect(r.file).toBe(s.landingFile);
    if (bad.line !== undefined) expect(r.line).toBe(bad.line);
    if (bad.column !== undefined) expect(r.column).toBe(bad.column);
    if (bad.field !== undefined) {
      expect(r.field).toBe(bad.field);
      expect(s.message).toContain(`field "${bad.field}"`);
    }
    if (bad.found !== undefined) expect(r.found).toBe(bad.found);
    expect(fs.existsSync(path.join(h.lakeDir, 'quarantine', 'spotify', path.basename(s.landingFile!)))).toBe(true);
  });

  it('holds nothing of the bad files: no facts, no artists, no tracks, no raw or staging files', async () => {
    expect(await artistNames(h)).toEqual(['zone.a0']);
    const [t] = await q<{ n: number | string }>(h.ds, 'SELECT COUNT(*) AS n FROM tracks');
    expect(Number(t.n)).toBe(TITLES.length);
    const perFile = await q<{ path: string }>(
      h.ds,
      `SELECT DISTINCT f.path FROM source_files f WHERE f.id IN (SELECT source_file_id FROM audience_daily UNION SELECT source_file_id FROM song_metrics) ORDER BY f.path`,
    );
    expect(perFile.map((r) => r.path)).toEqual([summaryOf(GOOD_AUDIENCE).landingFile, summaryOf(GOOD_SONGS).landingFile].sort());
    const stem = (n: string) => n.replace(/\.[^.]+$/, '');
    expect(listFiles(path.join(h.lakeDir, 'raw'))).toEqual([
      `spotify/audience/${stem(GOOD_AUDIENCE)}.ndjson`,
      `spotify/songs/${stem(GOOD_SONGS)}.ndjson`,
    ]);
    expect(listFiles(path.join(h.lakeDir, 'staging'))).toEqual([
      `spotify/audience/${stem(GOOD_AUDIENCE)}.csv`,
      `spotify/songs/${stem(GOOD_SONGS)}.csv`,
    ]);
  });
});
