/**
 * Where ingestion reads each file's capture time, on SQLite and PostgreSQL: the manifest beside
 * the file, the file name (TikTok's unix time included), the folder name, the modification time,
 * or the caller's override; recorded in source_files.captured_at_source and used for the facts'
 * extracted_at. A manifest that cannot say when fails with BAD_MANIFEST and lands nothing;
 * runPipeline over landing takes the manifest. Never the time of loading.
 */
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../../../src/config/config';
import { createLogger } from '../../../src/config/logger';
import { openWarehouse } from '../../../src/db/open-warehouse';
import { streamsStatsHtml } from '../../../demo/sample-exports/distrokid-stats-pages';
import { IngestService } from '../../../src/ingest/ingest-service';
import { overviewSample } from '../../../demo/sample-exports/tiktok';
import { createTestDatabase, describeEachDatabase } from '../../helpers/databases';
import { type Harness, listFiles, openHarness, q } from './helpers';

interface Recorded {
  name: string;
  at: string;
  source: string | null;
}

/** A timestamp as either database renders it as text → ISO 8601 with milliseconds. */
function isoOf(text: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})(?:\.(\d+))?/.exec(text);
  if (!m) throw new Error(`not a timestamp: ${text}`);
  return `${m[1]}T${m[2]}.${(m[3] ?? '').padEnd(3, '0').slice(0, 3)}Z`;
}

async function recorded(h: { ds: Harness['ds'] }): Promise<Recorded[]> {
  const rows = await q<{ original_name: string; at: string; captured_at_source: string | null }>(
    h.ds,
    'SELECT original_name, CAST(extracted_at AS TEXT) AS at, captured_at_source FROM source_files ORDER BY original_name',
  );
  return rows.map((r) => ({ name: r.original_name, at: isoOf(String(r.at)), source: r.captured_at_source }));
}

/** The distinct extracted_at of the streams facts. */
async function streamsAt(h: { ds: Harness['ds'] }): Promise<string[]> {
  const rows = await q<{ at: string }>(h.ds, 'SELECT DISTINCT CAST(extracted_at AS TEXT) AS at FROM streams');
  return rows.map((r) => isoOf(String(r.at))).sort();
}

const page = (seed: number) => streamsStatsHtml({ seed, endDate: '2025-03-31', days: 20 });

describeEachDatabase('capture time of ingested files', (kind) => {
  let h: Harness;
  beforeEach(async () => {
    h = await openHarness(kind);
  });
  afterEach(async () => {
    await h?.close();
  });

  it('reads it from the manifest beside the file, over the stamp in its name', async () => {
    const file = h.input('streams_stats_20250331_180000.html', page(1).html);
    fs.writeFileSync(`${file}.manifest.json`, JSON.stringify({ service: 'distrokid', extractedAt: '2025-04-01T07:00:00.250Z' }));
    const [s] = await h.ingest([file]);
    expect(s.status).toBe('loaded');
    expect(await recorded(h)).toEqual([{ name: 'streams_stats_20250331_180000.html', at: '2025-04-01T07:00:00.250Z', source: 'manifest' }]);
    expect(await streamsAt(h)).toEqual(['2025-04-01T07:00:00.250Z']);
  });

  it("reads it from the folder's name, then from the file's modification time", async () => {
    const inFolder = h.input('meta_ads_dump_20250302_091500/streams_stats.html', page(2).html);
    const bare = h.input('exports/applemusic_stats.html', '<html></html>');
    const mtime = new Date('2025-01-05T06:07:08Z');
    fs.utimesSync(bare, mtime, mtime);
    const summaries = await h.ingest([inFolder, bare]);
    expect(summaries.map((s) => s.status)).toEqual(['loaded', 'quarantined']);
    expect(await recorded(h)).toEqual([
      { name: 'applemusic_stats.html', at: '2025-01-05T06:07:08.000Z', source: 'file_mtime' },
      { name: 'streams_stats.html', at: '2025-03-02T09:15:00.000Z', source: 'folder_name' },
    ]);
    expect(await streamsAt(h)).toEqual(['2025-03-02T09:15:00.000Z']);
    // The landing copies carry the capture time in their names.
    expect(listFiles(path.join(h.lakeDir, 'landing')).filter((f) => !f.endsWith('.manifest.json'))).toEqual([
      'distrokid/applemusic_stats/applemusic_stats_20250105_060708.html',
      'distrokid/streams_stats/streams_stats_20250302_091500.html',
    ]);
  });

  it('takes the override over the manifest and the name', async () => {
    const file = h.input('streams_stats_20250331_180000.html', page(3).html);
    fs.writeFileSync(`${file}.manifest.json`, JSON.stringify({ extractedAt: '2025-04-01T07:00:00Z' }));
    const [s] = await h.service.ingest([file], { capturedAt: new Date('2025-02-01T00:00:00Z') });
    expect(s.status).toBe('loaded');
    expect(await recorded(h)).toEqual([{ name: 'streams_stats_20250331_180000.html', at: '2025-02-01T00:00:00.000Z', source: 'override' }]);
    expect(await streamsAt(h)).toEqual(['2025-02-01T00:00:00.000Z']);
  });

  it('gives TikTok facts and their source_files row the same time: the unix time in the name', async () => {
    const exportedAt = Math.floor(Date.parse('2025-05-27T11:38:15Z') / 1000);
    const o = overviewSample({ seed: 5, startDate: '2024-05-28', days: 30, handle: 'zone.a0', exportedAt });
    expect(o.fileName).toBe('Overview_2024-05-28_1748345895_zone.a0.zip');
    const [s] = await h.ingest([h.input(o.fileName, Buffer.from(o.zip))]);
    expect(s).toMatchObject({ status: 'loaded', landingFile: 'landing/tiktok/overview/Overview_2024-05-28_1748345895_zone.a0.zip' });
    expect(await recorded(h)).toEqual([{ name: o.fileName, at: '2025-05-27T11:38:15.000Z', source: 'file_name' }]);
    const facts = await q<{ at: string }>(h.ds, 'SELECT DISTINCT CAST(extracted_at AS TEXT) AS at FROM social_daily');
    expect(facts.map((r) => isoOf(String(r.at)))).toEqual(['2025-05-27T11:38:15.000Z']);
  });

  it.each([
    ['not JSON', '{"extractedAt": '],
    ['without extractedAt', '{"service": "distrokid"}'],
    ['with an impossible extractedAt', '{"extractedAt": "2025-02-30T00:00:00Z"}'],
  ])('fails a file whose manifest is %s with BAD_MANIFEST, lands nothing of it, and loads the others', async (_what, manifest) => {
    const bad = h.input('streams_stats_20250331_180000.html', page(4).html);
    fs.writeFileSync(`${bad}.manifest.json`, manifest);
    const good = h.input('streams_stats_20250401_180000.html', page(5).html);
    const [first, second] = await h.ingest([bad, good]);
    expect(first).toMatchObject({
      status: 'failed',
      landingFile: null,
      reason: { code: 'BAD_MANIFEST', file: `${bad}.manifest.json`, field: 'extractedAt' },
    });
    expect(first.message).toContain(`${bad}.manifest.json`);
    expect(second.status).toBe('loaded');
    expect((await recorded(h)).map((r) => r.name)).toEqual(['streams_stats_20250401_180000.html']);
    expect(listFiles(path.join(h.lakeDir, 'landing')).filter((f) => f.includes('20250331'))).toEqual([]);
    // The input and its manifest are left as they were.
    expect(fs.readFileSync(`${bad}.manifest.json`, 'utf8')).toBe(manifest);
  });

  it('runPipeline over landing takes each manifest, whatever the landing name says', async () => {
    const file = h.input('exports/streams_stats.html', page(6).html);
    const mtime = new Date('2025-04-02T03:04:05Z');
    fs.utimesSync(file, mtime, mtime);
    await h.ingest([file]);
    const expected = await streamsAt(h);
    expect(expected).toEqual(['2025-04-02T03:04:05.000Z']);
    // Rewrite the manifest's time: a re-run on a new warehouse must follow it, not the landing name.
    const manifestFile = path.join(h.lakeDir, 'landing', 'distrokid', 'streams_stats', 'streams_stats_20250402_030405.html.manifest.json');
    const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as Record<string, unknown>;
    fs.writeFileSync(manifestFile, JSON.stringify({ ...manifest, extractedAt: '2025-04-03T00:00:00.000Z' }));

    const db = await createTestDatabase(kind);
    const ds = await openWarehouse(loadConfig({ DATABASE_URL: db.url, DATA_LAKE_DIR: h.lakeDir }));
    try {
      const summaries = await new IngestService(ds, h.lakeDir, createLogger('silent')).runPipeline({ service: 'distrokid' });
      expect(summaries.map((s) => s.status)).toEqual(['loaded']);
      expect(await recorded({ ds })).toEqual([{ name: 'streams_stats.html', at: '2025-04-03T00:00:00.000Z', source: 'manifest' }]);
      expect(await streamsAt({ ds })).toEqual(['2025-04-03T00:00:00.000Z']);
    } finally {
      await ds.destroy();
      await db.drop();
    }
  });
});
