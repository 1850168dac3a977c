import fs from 'node:fs';
import path from 'node:path';
import { songsFileName, songsJson } from '../../../demo/sample-exports/spotify';
import { describeEachDatabase } from '../../helpers/databases';
import { TRACKS, writeBankExport } from '../../helpers/fixtures';
import { openHarness, type Harness } from '../ingest/helpers';

describeEachDatabase('one catalogue across sources', (kind) => {
  let h: Harness;
  beforeEach(async () => {
    h = await openHarness(kind);
  });
  afterEach(async () => h.close());

  it('lands Spotify for Artists songs (no ISRC, artist spelled zone.a0) on the ISRC tracks DistroKid created', async () => {
    const bank = writeBankExport(h.inputDir, 'dk_bank_details_20250101_000000.tsv', { rows: 600 });
    await h.ingest([bank.file]);
    const before: Array<{ n: number | string }> = await h.ds.query('SELECT COUNT(*) AS n FROM tracks');
    const zoneTitles = TRACKS.filter((t) => t.artist === 'ZONE A0').map((t) => t.title);
    const { json } = songsJson({ seed: 3, period: '28day', titles: zoneTitles });
    const file = path.join(h.inputDir, songsFileName('zone.a0', '28day', '20250201_000000'));
    fs.writeFileSync(file, json);
    const [summary] = await h.ingest([file]);
    expect(summary.status).toBe('loaded');
    const after: Array<{ n: number | string }> = await h.ds.query('SELECT COUNT(*) AS n FROM tracks');
    expect(Number(after[0].n)).toBe(Number(before[0].n));
    const linked: Array<{ isrc: string | null }> = await h.ds.query(
      'SELECT t.isrc FROM song_metrics m JOIN tracks t ON t.id = m.track_id ORDER BY t.isrc',
    );
    expect(linked.map((r) => r.isrc)).toEqual(
      TRACKS.filter((t) => t.artist === 'ZONE A0')
        .map((t) => t.isrc)
        .sort(),
    );
  });
});
