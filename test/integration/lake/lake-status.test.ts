import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../../../src/config/config';
import { createLogger } from '../../../src/config/logger';
import { openWarehouse } from '../../../src/db/open-warehouse';
import { IngestService } from '../../../src/ingest/ingest-service';
import { Lake } from '../../../src/ingest/lake/lake';
import { lakeStatus } from '../../../src/ingest/lake/lake-status';
import { tempDir } from '../../helpers/databases';
import { writeBankExport } from '../../helpers/fixtures';

const ROOT = path.resolve(__dirname, '..', '..', '..');

describe('lake status', () => {
  it('counts files per service and zone, names the newest and lists quarantined files with reasons', async () => {
    const work = tempDir('lake-status');
    const config = loadConfig({ DATABASE_URL: `sqlite:${work}/w.sqlite`, DATA_LAKE_DIR: `${work}/lake` });
    const ds = await openWarehouse(config);
    const good = writeBankExport(work, 'dk_bank_details_20250101_000000.tsv', { rows: 50 }).file;
    const bad = path.join(work, 'dk_bank_details_20250102_000000.tsv');
    fs.writeFileSync(bad, 'not\ta\tbank\texport\r');
    await new IngestService(ds, config.dataLakeDir, createLogger('silent')).ingest([good, bad]);
    await ds.destroy();

    const status = lakeStatus(new Lake(config.dataLakeDir));
    const dk = status.find((s) => s.service === 'distrokid')!;
    const zone = (z: string) => dk.zones.find((x) => x.zone === z)!;
    expect(zone('landing').files).toBe(2);
    expect(zone('raw').files).toBe(1);
    expect(zone('staging').files).toBe(1);
    expect(zone('quarantine').files).toBe(1);
    expect(zone('landing').newest?.file).toMatch(/^landing\/distrokid\/bank_details\/dk_bank_details_2025010[12]_000000\.tsv$/);
    expect(dk.quarantined).toEqual([
      {
        file: 'quarantine/distrokid/dk_bank_details_20250102_000000.tsv',
        code: expect.stringMatching(/HEADER|DRIFT/),
        message: expect.any(String),
      },
    ]);
    // 3 DistroKid CSVs, 5 engagement CSVs (campaign_snapshots.csv among them) and the Parquet platform comparison.
    expect(status.find((s) => s.service === 'curated')!.zones[0].files).toBe(9);

    const cli = spawnSync(process.execPath, [path.join(ROOT, 'dist/src/cli/lake.js'), 'status'], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '', DATA_LAKE_DIR: config.dataLakeDir },
    });
    expect(cli.status).toBe(0);
    expect(cli.stdout).toMatch(/distrokid\n {2}landing +2 files/);
    expect(cli.stdout).toMatch(/QUARANTINED quarantine\/distrokid\/dk_bank_details_20250102_000000\.tsv/);
    fs.rmSync(work, { recursive: true, force: true });
  });
});
