/**
 * `npm start` (the compiled dist/src/server/main.js) runs loads in its worker child: pipeline runs
 * there post a new anomaly and a large restatement to a real HTTP webhook once each, and store the
 * day's data-quality snapshot. Real-shape DistroKid streams page captures ending yesterday, with a
 * planted spike; the second capture restates one day by far more than the thresholds.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { DataSource } from 'typeorm';
import { realStreamsStatsHtml } from '../../../demo/sample-exports/distrokid-streams-page';
import { seededRandom } from '../../../demo/seeded-random';
import { createApiToken } from '../../../src/access/api-tokens';
import { loadConfig } from '../../../src/config/config';
import { openWarehouse } from '../../../src/db/open-warehouse';
import { createTestDatabase, tempDir, type TestDatabase } from '../../helpers/databases';
import { jobsTestEnv, putInLanding } from '../../helpers/jobs';
import { startWebhookReceiver, type WebhookReceiver } from '../../helpers/webhook-receiver';
import { until } from '../../helpers/worker-process';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const addDays = (date: string, n: number) => new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

const END = addDays(new Date().toISOString().slice(0, 10), -1);
const START = addDays(END, -139);
const SPIKE = addDays(END, -10);
const RESTATED = addDays(END, -60);

function series(): Array<{ date: string; streams: number }> {
  const rng = seededRandom(77);
  const rhythm = [1500, 1000, 1100, 1050, 1000, 1200, 1400];
  return Array.from({ length: 140 }, (_, i) => {
    const date = addDays(START, i);
    const streams = Math.round(rhythm[new Date(`${date}T00:00:00Z`).getUTCDay()] * (0.97 + rng() * 0.06));
    return { date, streams: date === SPIKE ? streams * 4 : streams };
  });
}

describe('npm start: the worker child notifies after its loads [sqlite]', () => {
  let db: TestDatabase;
  let child: ChildProcess;
  let exited: Promise<void>;
  let out = '';
  let url: string;
  let ds: DataSource;
  let token: string;
  let receiver: WebhookReceiver;
  let lakeDir: string;
  const dir = tempDir('npm-start-notify');

  beforeAll(async () => {
    receiver = await startWebhookReceiver('hooks/npm-start-secret');
    db = await createTestDatabase('sqlite');
    const env = jobsTestEnv('sqlite', db.url, dir, {
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      JOB_PROCESS_EVERY_MS: '500',
      SHUTDOWN_DEADLINE_MS: '5000',
      NOTIFY_WEBHOOK_URL: receiver.url,
    });
    lakeDir = env.DATA_LAKE_DIR;
    child = spawn(process.execPath, [path.join(ROOT, 'dist/src/server/main.js')], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (d) => (out += d));
    child.stderr!.on('data', (d) => (out += d));
    exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    url = await until(
      async () => {
        if (child.exitCode !== null) throw new Error(`npm start exited early:\n${out}`);
        return /GraphQL API at (http:\/\/[^/\s]+)\/graphql/.exec(out)?.[1];
      },
      'npm start to serve',
      30_000,
    );
    ds = await openWarehouse(loadConfig(env));
    token = await createApiToken(ds, 'notify-test', 'ADMIN');
  }, 60_000);
  afterAll(async () => {
    if (child && child.exitCode === null) child.kill('SIGTERM');
    await exited;
    await ds?.destroy();
    await db?.drop();
    await receiver?.down();
  });

  const gql = async <T>(query: string): Promise<T> => {
    const res = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query }),
    });
    const body = (await res.json()) as { data?: T; errors?: unknown[] };
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return body.data!;
  };
  /** Lands a capture, runs the pipeline in the worker child, and waits for the run to succeed. */
  const pipeline = async (name: string, days: Array<{ date: string; streams: number }>, seed: number) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, realStreamsStatsHtml({ seed, series: days }));
    await putInLanding({ lakeDir }, file, 'distrokid', 'streams_stats');
    const { id } = (await gql<{ runPipeline: { id: string } }>('mutation { runPipeline(service: DISTROKID) { id } }')).runPipeline;
    const run = await until(
      async () => {
        const r = (await gql<{ ingestionRun: { status: string } }>(`{ ingestionRun(id: "${id}") { status } }`)).ingestionRun;
        return r.status === 'SUCCEEDED' || r.status === 'FAILED' ? r : null;
      },
      'the run to finish',
      60_000,
      200,
    );
    expect(run.status).toBe('SUCCEEDED');
  };
  const keys = () => receiver.posts.map((p) => `${p.kind}|${String(p.period ?? p.date)}`);

  it('posts the spike once after the first run, and the restatement once after the second', async () => {
    const days = series();
    await pipeline('streams_stats_first.html', days, 1);
    await until(async () => receiver.posts.length >= 1, 'the anomaly notification', 10_000);
    expect(keys()).toEqual([`anomaly|${SPIKE}`]);

    const restated = days.map((d) => (d.date === RESTATED ? { ...d, streams: d.streams + 5000 } : d));
    await pipeline('streams_stats_second.html', restated, 2);
    await until(async () => receiver.posts.length >= 2, 'the restatement notification', 10_000);
    // Give a duplicate the time to arrive, if one were coming.
    await new Promise((r) => setTimeout(r, 500));
    expect(keys()).toEqual([`anomaly|${SPIKE}`, `restatement|${RESTATED}`]);
    expect(receiver.posts[1].text).toContain(`${days.find((d) => d.date === RESTATED)!.streams} → `);

    const history = await gql<{ dataQualityHistory: Array<{ to: string }> }>('{ dataQualityHistory(service: DISTROKID) { to } }');
    expect(history.dataQualityHistory.map((p) => p.to)).toEqual([new Date().toISOString().slice(0, 10)]);
  }, 120_000);
});
