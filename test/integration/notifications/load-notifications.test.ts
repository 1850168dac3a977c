/**
 * Anomaly and restatement notifications after real loads, on both databases, posted to a real HTTP
 * webhook (a local server in this test). Real-shape DistroKid streams page captures with a weekly
 * rhythm, ±3 % noise and planted days: a recent spike and zero (notified), an old spike (beyond
 * NOTIFY_ANOMALY_MAX_AGE_DAYS: not notified), then later captures restating one day by far more
 * than the thresholds and one by less, one loaded by `npm run ingest` in another process. Expected
 * events come from the planted values.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { realStreamsStatsHtml } from '../../../demo/sample-exports/distrokid-streams-page';
import { seededRandom } from '../../../demo/seeded-random';
import { type AppConfig, loadConfig } from '../../../src/config/config';
import { createLogger } from '../../../src/config/logger';
import { openWarehouse } from '../../../src/db/open-warehouse';
import { Notification } from '../../../src/entities/notification.entity';
import { IngestService } from '../../../src/ingest/ingest-service';
import { PostLoadHooks } from '../../../src/jobs/post-load/post-load-hooks';
import { createTestDatabase, describeEachDatabase, tempDir, type TestDatabase } from '../../helpers/databases';
import { startWebhookReceiver, type WebhookPost as Post, type WebhookReceiver } from '../../helpers/webhook-receiver';
import type { DataSource } from 'typeorm';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const addDays = (date: string, n: number) => new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const stamp = (date: string) => `${date.replace(/-/g, '')}_180000`;

const START = '2025-01-06';
const DAYS = 175;
const END = addDays(START, DAYS - 1);
const MAX_AGE_DAYS = 31;
const OLD_SPIKE = addDays(START, 100);
const SPIKE = addDays(START, 160);
const ZERO = addDays(START, 168);
/** Restated by +5000 (large by both thresholds), by +30 (below both), and later by +4000 while the webhook is down. */
const BIG = addDays(START, 120);
const SMALL = addDays(START, 121);
const DOWN = addDays(START, 122);
const CLI_DAY = addDays(START, 123);
const SECRET_PATH = 'T000/B000/webhook-secret-3f9a';
const PASSWORD = 'distrokid-password-hunter2';

function plantedSeries(): Array<{ date: string; streams: number }> {
  const rng = seededRandom(41);
  const rhythm = [1500, 1000, 1100, 1050, 1000, 1200, 1400];
  return Array.from({ length: DAYS }, (_, i) => {
    const date = addDays(START, i);
    let streams = Math.round(rhythm[new Date(`${date}T00:00:00Z`).getUTCDay()] * (0.97 + rng() * 0.06));
    if (date === SPIKE || date === OLD_SPIKE) streams *= 4;
    if (date === ZERO) streams = 0;
    return { date, streams };
  });
}

/** `npm run ingest` in its own process (asynchronously: this process must stay free to answer the webhook). */
function ingestCli(env: Record<string, string>, file: string): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'dist/src/cli/ingest.js'), file], { env, cwd: tempDir('cli') });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

describeEachDatabase('notifications after loads', (kind) => {
  let db: TestDatabase;
  let ds: DataSource;
  let config: AppConfig;
  let env: Record<string, string>;
  let receiver: WebhookReceiver;
  let ingest: IngestService;
  let dir: string;
  const days = plantedSeries();
  const value = (date: string) => days.find((d) => d.date === date)!.streams;
  const restated = days.map((d) =>
    d.date === BIG ? { ...d, streams: d.streams + 5000 } : d.date === SMALL ? { ...d, streams: d.streams + 30 } : d,
  );
  const cliSeries = restated.map((d) =>
    d.date === CLI_DAY ? { ...d, streams: d.streams + 3000 } : d.date === SPIKE ? { ...d, streams: d.streams + 10 } : d,
  );

  const write = (name: string, series: typeof days, seed: number) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, realStreamsStatsHtml({ seed, series }));
    return file;
  };
  const load = async (file: string) => {
    const [summary] = await ingest.ingest([file]);
    expect(summary.status).toBe('loaded');
  };
  const keys = (posts: Post[]) => posts.map((p) => `${p.kind}|${String(p.period ?? p.date)}|${String(p.anomaly ?? '')}`).sort();

  beforeAll(async () => {
    receiver = await startWebhookReceiver(SECRET_PATH);
    db = await createTestDatabase(kind);
    const lake = tempDir('lake');
    env = {
      PATH: process.env.PATH ?? '',
      DATABASE_URL: db.url,
      DATA_LAKE_DIR: lake,
      LOG_LEVEL: 'error',
      NOTIFY_WEBHOOK_URL: receiver.url,
      NOTIFY_ANOMALY_MAX_AGE_DAYS: String(MAX_AGE_DAYS),
      DISTROKID_PASSWORD: PASSWORD,
    };
    config = loadConfig(env);
    ds = await openWarehouse(config);
    const logger = createLogger('silent');
    ingest = new IngestService(ds, lake, logger, { afterLoads: new PostLoadHooks(ds, config, logger).afterLoads });
    dir = tempDir('notify');
  });
  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  it('the first capture posts the recent spike and zero once each, not the old spike', async () => {
    await load(write(`streams_stats_${stamp(END)}.html`, days, 1));
    expect(keys(receiver.posts)).toEqual([`anomaly|${SPIKE}|SPIKE`, `anomaly|${ZERO}|ZERO`]);
    const spike = receiver.posts.find((p) => p.anomaly === 'SPIKE')!;
    expect(spike).toMatchObject({ service: 'distrokid', metric: 'STREAMS', value: String(value(SPIKE)) });
    expect(spike.text).toContain('DistroKid');
    expect(spike.text).toContain(SPIKE);
    expect(spike.text).toContain('STREAMS');
    expect(spike.text).toContain(String(value(SPIKE)));
  });

  it('a restating capture posts the large restatement once (old → new), not the small one, and no anomaly again', async () => {
    const before = receiver.posts.length;
    await load(write(`streams_stats_${stamp(addDays(END, 1))}.html`, restated, 2));
    const posts = receiver.posts.slice(before);
    expect(keys(posts)).toEqual([`restatement|${BIG}|`]);
    expect(posts[0]).toMatchObject({
      service: 'distrokid',
      metric: 'streams',
      oldValue: String(value(BIG)),
      newValue: String(value(BIG) + 5000),
    });
    expect(posts[0].text).toContain(`streams of ${BIG} restated ${value(BIG)} → ${value(BIG) + 5000}`);
  });

  it('another process posts its own new restatement once, and no anomaly this process already posted', async () => {
    const before = receiver.posts.length;
    // Restates CLI_DAY by far more than the thresholds and the spike day by a little (it stays a spike: judged again there).
    const third = write(`streams_stats_${stamp(addDays(END, 2))}.html`, cliSeries, 3);
    const r = await ingestCli(env, third);
    expect({ status: r.status, stderr: r.stderr }).toEqual({ status: 0, stderr: '' });
    expect(r.stdout).toMatch(/1 files: 1 loaded/);
    expect(keys(receiver.posts.slice(before))).toEqual([`restatement|${CLI_DAY}|`]);
    // The same file again (skipped), then one more capture of the same figures here: nothing new.
    expect((await ingest.ingest([third]))[0].status).toBe('skipped');
    await load(write(`streams_stats_${stamp(addDays(END, 3))}.html`, cliSeries, 4));
    expect(receiver.posts.length).toBe(before + 1);
    const rows = await ds.getRepository(Notification).find({ order: { id: 'ASC' } });
    expect(rows.map((n) => `${n.kind}|${n.outcome}`)).toEqual(receiver.posts.map((p) => `${p.kind}|delivered`));
  });

  it('a webhook that is down: the outcome is recorded as failed and the load still commits', async () => {
    await receiver.down();
    const before = receiver.posts.length;
    const later = cliSeries.map((d) => (d.date === DOWN ? { ...d, streams: d.streams + 4000 } : d));
    await load(write(`streams_stats_${stamp(addDays(END, 4))}.html`, later, 5));
    expect(receiver.posts.length).toBe(before);
    const failed = await ds.getRepository(Notification).find({ where: { kind: 'restatement' }, order: { id: 'ASC' } });
    expect(failed.map((n) => `${n.dedupeKey.includes(`:${DOWN}:`)}|${n.outcome.replace(/^failed: .*/, 'failed')}`)).toEqual([
      'false|delivered',
      'false|delivered',
      'true|failed',
    ]);
    const [row]: Array<{ streams: number | string }> = await ds.query(
      `SELECT SUM(streams) AS streams FROM streams WHERE date = ${kind === 'postgres' ? '$1' : '?'}`,
      [DOWN],
    );
    expect(Number(row.streams)).toBe(value(DOWN) + 4000);
  });

  it('no text, stored or posted, holds the webhook URL or a password', async () => {
    const rows = await ds.getRepository(Notification).find();
    for (const text of [...rows.map((r) => `${r.text} ${r.outcome}`), ...receiver.posts.map((p) => JSON.stringify(p))]) {
      expect(text).not.toContain('webhook-secret');
      expect(text).not.toContain(PASSWORD);
    }
  });
});
