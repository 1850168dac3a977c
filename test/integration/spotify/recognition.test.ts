/**
 * Which stream a Spotify for Artists file goes to, with and without `--service spotify`: by name
 * (`spotify_audience_…`, `spotify_songs_…`, the portal's `…-audience-timeline.csv`) and by
 * content when the name says nothing (it then cannot be attributed and is quarantined, never
 * loaded under a made-up artist).
 */
import { audienceCsv, audienceFileName, songsFileName, songsJson } from '../../../demo/sample-exports/spotify';
import { describeEachDatabase } from '../../helpers/databases';
import { type Harness, openHarness } from '../ingest/helpers';
import { count } from './helpers';

describeEachDatabase('recognition of Spotify for Artists files', (kind) => {
  let h: Harness;
  beforeEach(async () => {
    h = await openHarness(kind);
  });
  afterEach(async () => {
    await h?.close();
  });

  const audience = audienceCsv({ seed: 70, endDate: '2025-05-31', days: 14 });
  const songs = songsJson({ seed: 71, titles: ['Night Drive', 'Glasshouse'], period: '1day' });

  it.each([undefined, 'spotify'] as const)('recognises the named files (service %s)', async (service) => {
    const summaries = await h.ingest(
      [
        h.input(audienceFileName('zone.a0', '20250601_120000'), audience.csv),
        h.input(songsFileName('zone.a0', '1day', '20250601_120000'), songs.json),
        h.input('Zone A0-audience-timeline.csv', audience.csv.replace(/\r\n/g, '\n')),
      ],
      service,
    );
    expect(summaries.map((s) => [s.service, s.stream, s.status])).toEqual([
      ['spotify', 'audience', 'loaded'],
      ['spotify', 'songs', 'loaded'],
      ['spotify', 'audience', 'loaded'],
    ]);
    expect(await count(h, 'audience_daily')).toBe(14);
    expect(await count(h, 'song_metrics')).toBe(2);
  });

  it.each([undefined, 'spotify'] as const)(
    'recognises content under a meaningless name, and refuses to guess its artist (service %s)',
    async (service) => {
      const [a, s] = await h.ingest(
        [h.input('export_20250601_120000.csv', audience.csv), h.input('response_20250601_120000.json', songs.json)],
        service,
      );
      expect([a.service, a.stream, a.status, a.reason?.code]).toEqual(['spotify', 'audience', 'quarantined', 'BAD_HEADER']);
      expect([s.service, s.stream, s.status, s.reason?.code]).toEqual(['spotify', 'songs', 'quarantined', 'BAD_HEADER']);
      expect(await count(h, 'artists')).toBe(0);
    },
  );

  it('does not take a file of another source for spotify', async () => {
    const [s] = await h.ingest([h.input('notes_20250601_120000.csv', 'date,views\n2025-05-01,3\n')], 'spotify');
    expect(s).toMatchObject({ status: 'quarantined', stream: 'unrecognised', reason: { code: 'UNKNOWN_SOURCE' } });
  });
});
