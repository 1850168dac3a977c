/**
 * The restatement hook across several upsert batches: 6,000 daily stream rows (country × day), then a newer capture
 * that changes every third row, through the real upsert in one transaction per load. Counts and
 * the summed change are computed here from the generated values; times are printed.
 */
import type { DataSource } from 'typeorm';
import { loadConfig } from '../../../src/config/config';
import { dialectOf } from '../../../src/db/dialect';
import { openWarehouse } from '../../../src/db/open-warehouse';
import { SourceFile } from '../../../src/entities/source-file.entity';
import { type StreamFact, upsertStreams } from '../../../src/ingest/load-streams';
import { createTestDatabase, describeEachDatabase, tempDir, type TestDatabase } from '../../helpers/databases';

/** 6,000 rows: over the upsert's 3,000-row statements, so the hook runs on several batches. */
const DAYS = 50;
const COUNTRIES = Array.from({ length: 120 }, (_, i) => String.fromCharCode(65 + Math.floor(i / 26), 65 + (i % 26)));

function facts(platformId: number, value: (day: number, c: number) => number): StreamFact[] {
  const out: StreamFact[] = [];
  for (let day = 0; day < DAYS; day++) {
    const date = new Date(Date.UTC(2022, 0, 1 + day)).toISOString().slice(0, 10);
    COUNTRIES.forEach((country, c) =>
      out.push({ source: 'toolost', date, platformId, trackId: null, artistId: null, country, streams: value(day, c) }),
    );
  }
  return out;
}

describeEachDatabase('restatements at volume', (kind) => {
  let db: TestDatabase;
  let ds: DataSource;
  beforeAll(async () => {
    db = await createTestDatabase(kind);
    ds = await openWarehouse(loadConfig({ DATABASE_URL: db.url, DATA_LAKE_DIR: tempDir('lake') }));
  });
  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  it('records exactly the changed rows of a 6k-row load, set-based', async () => {
    const platformId = Number((await ds.query(`SELECT id FROM platforms WHERE code = 'spotify'`))[0].id);
    const file = async (name: string, at: Date) =>
      (
        await ds.getRepository(SourceFile).save({
          service: 'toolost',
          stream: 'spotify',
          path: `landing/${name}`,
          originalName: name,
          sha256: name.padEnd(64, '0'),
          sizeBytes: 1n,
          status: 'loaded',
          error: null,
          extractedAt: at,
          capturedAtSource: null,
          finishedAt: null,
        })
      ).id;
    const first = { sourceFileId: await file('a.json', new Date('2025-01-01T00:00:00Z')), extractedAt: new Date('2025-01-01T00:00:00Z') };
    const second = { sourceFileId: await file('b.json', new Date('2025-01-15T00:00:00Z')), extractedAt: new Date('2025-01-15T00:00:00Z') };
    const base = (day: number, c: number) => 100 + ((day * 7 + c * 13) % 500);
    const changed = (day: number, c: number) => (day * COUNTRIES.length + c) % 3 === 0;
    const later = (day: number, c: number) => base(day, c) + (changed(day, c) ? 1 + (c % 50) : 0);

    let t = Date.now();
    await ds.transaction((m) => upsertStreams(m, dialectOf(ds), facts(platformId, base), first));
    const firstMs = Date.now() - t;
    t = Date.now();
    const result = await ds.transaction((m) => upsertStreams(m, dialectOf(ds), facts(platformId, later), second));
    const secondMs = Date.now() - t;

    let expectedCount = 0;
    let expectedChange = 0;
    for (let day = 0; day < DAYS; day++)
      for (let c = 0; c < COUNTRIES.length; c++)
        if (changed(day, c)) {
          expectedCount++;
          expectedChange += later(day, c) - base(day, c);
        }
    const [row] = await ds.query(`SELECT COUNT(*) AS n, SUM(new_value - old_value) AS change FROM restatements WHERE source = 'toolost'`);
    expect(Number(row.n)).toBe(expectedCount);
    expect(Number(row.change)).toBe(expectedChange);
    expect(result.written).toBe(expectedCount);
    // Loading the older capture again changes and records nothing.
    await ds.transaction((m) => upsertStreams(m, dialectOf(ds), facts(platformId, base), first));
    expect(Number((await ds.query(`SELECT COUNT(*) AS n FROM restatements`))[0].n)).toBe(expectedCount);

    console.log(`[${kind}] 6k rows: first load ${firstMs} ms, restating load (${expectedCount} restatements) ${secondMs} ms`);
  }, 300_000);
});
