import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { planDemoExports } from '../../demo/catalogue';
import { anomaliesQuery, restatementsQuery } from '../../demo/example-queries';
import { createApiToken } from '../../src/access/api-tokens';
import { loadConfig } from '../../src/config/config';
import { createLogger } from '../../src/config/logger';
import { openWarehouse } from '../../src/db/open-warehouse';
import { startHttpServer } from '../../src/server/app';
import { tempDir } from '../helpers/databases';

const ROOT = path.resolve(__dirname, '..', '..');

describe('npm run demo', () => {
  it('generates the catalogue, loads it exactly once, and reruns idempotently', async () => {
    const cwd = tempDir('demo');
    const env = { PATH: process.env.PATH ?? '', DATABASE_URL: `sqlite:${cwd}/w.sqlite`, DATA_LAKE_DIR: `${cwd}/lake`, LOG_LEVEL: 'error' };
    const run = () =>
      spawnSync(process.execPath, [path.join(ROOT, 'dist/demo/main.js'), '--no-serve'], { cwd, env, encoding: 'utf8', timeout: 120_000 });

    const first = run();
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    const exports = fs
      .readdirSync(path.join(cwd, 'data/demo-exports'))
      .filter((f) => f.startsWith('dk_bank_details_'))
      .sort();
    expect(exports.length).toBeGreaterThanOrEqual(3);
    // The newest export is the full history: the warehouse must hold exactly its lines.
    const newest = fs.readFileSync(path.join(cwd, 'data/demo-exports', exports[exports.length - 1]), 'utf8');
    expect(newest.includes('\n')).toBe(false);
    const lines = newest.split('\r').filter(Boolean).length - 1;
    const db = new Database(`${cwd}/w.sqlite`, { readonly: true });
    const rows = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
    const count = () => rows("SELECT COUNT(*) AS n FROM transactions WHERE source = 'distrokid'");
    expect(count()).toBe(lines);
    expect(rows("SELECT COUNT(*) AS n FROM streams WHERE source = 'distrokid'")).toBeGreaterThan(700);

    // The five other sources, over the same acts, ingested in the same run and recognised by name.
    expect(first.stdout).toMatch(/28 files: 28 loaded, 0 skipped, 0 quarantined, 0 failed/);
    expect(rows("SELECT COUNT(*) AS n FROM streams WHERE source = 'toolost'")).toBeGreaterThan(0);
    expect(rows("SELECT COUNT(*) AS n FROM transactions WHERE source = 'toolost'")).toBeGreaterThan(0);
    for (const table of ['social_daily', 'link_daily', 'audience_daily', 'song_metrics', 'campaign_daily']) {
      // Keyed by table so a failure names the empty one.
      expect({ [table]: rows(`SELECT COUNT(*) AS n FROM ${table}`) > 0 }).toEqual({ [table]: true });
    }
    // They resolve to the catalogue's acts and tracks: no artist or track of their own.
    expect(rows('SELECT COUNT(*) AS n FROM artists')).toBe(5);
    expect(
      rows(
        "SELECT COUNT(*) AS n FROM social_daily s JOIN artists a ON a.id = s.artist_id WHERE s.account = 'zone.a0' AND a.name = 'ZONE A0'",
      ),
    ).toBe(365);
    expect(rows('SELECT COUNT(*) AS n FROM tracks WHERE isrc IS NULL')).toBe(0);
    expect(rows('SELECT COUNT(*) AS n FROM campaigns WHERE track_id IS NOT NULL')).toBeGreaterThan(0);
    // Every example query answered with data.
    for (const query of [
      'revenueSeries',
      'streamSeries',
      'platformComparison',
      'topTracks',
      'campaignPerformance',
      'socialSeries',
      'linkSeries',
      'audienceSeries',
      'songMetrics',
      'anomalies',
      'restatements',
    ]) {
      expect(first.stdout).toMatch(new RegExp(`^  ${query}\\b[^:\\n]*: (?!FAILED|returned nothing)`, 'm'));
    }
    const files = fs.readdirSync(path.join(cwd, 'data/demo-exports')).filter((f) => !f.startsWith('.'));
    expect(files).toHaveLength(28);

    await expectPlantedEvents(cwd);

    const second = run();
    expect(second.stderr).toBe('');
    expect(second.status).toBe(0);
    expect(second.stdout).toMatch(/28 files: 0 loaded, 28 skipped, 0 quarantined, 0 failed/);
    expect(count()).toBe(lines);
    db.close();
    fs.rmSync(cwd, { recursive: true, force: true });
  });
});

interface Anomaly {
  period: string;
  source: string;
  platform: { code: string } | null;
  kind: string;
  value: string;
  expected: string | null;
}
interface Restatements {
  totalCount: number;
  edges: Array<{ node: { date: string; metric: string; platform: { code: string } | null; oldValue: string; newValue: string } }>;
}

/** The demo's own anomaly and restatement queries, over HTTP on the warehouse it loaded, find the events the generator planted. */
async function expectPlantedEvents(cwd: string): Promise<void> {
  const plan = planDemoExports(new Date());
  const config = loadConfig({ DATABASE_URL: `sqlite:${cwd}/w.sqlite`, DATA_LAKE_DIR: `${cwd}/lake`, PORT: '0', LOG_LEVEL: 'error' });
  const ds = await openWarehouse(config);
  const server = await startHttpServer(ds, config, createLogger('silent'), { jobs: null });
  try {
    const token = await createApiToken(ds, 'demo-test', 'VIEWER');
    const ask = async <T>(query: string): Promise<T> => {
      const res = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query }),
      });
      const body = (await res.json()) as { data?: T; errors?: unknown };
      expect(body.errors).toBeUndefined();
      return body.data!;
    };
    const { planted } = plan;
    const spotify = (await ask<{ anomalies: Anomaly[] }>(anomaliesQuery(plan))).anomalies.filter(
      (a) => a.source === 'distrokid' && a.platform?.code === 'spotify',
    );
    const kindsOf = (date: string) => spotify.filter((a) => a.period === date).map((a) => a.kind);
    expect(kindsOf(planted.spike)).toContain('SPIKE');
    expect(kindsOf(planted.zero)).toContain('ZERO');
    expect(planted.restated.length).toBeGreaterThanOrEqual(4);
    for (const r of planted.restated) {
      const restated = spotify.find((a) => a.period === r.date && a.kind === 'RESTATED');
      expect(restated).toMatchObject({ value: String(r.newStreams), expected: String(r.oldStreams) });
    }
    const { restatements } = await ask<{ restatements: Restatements }>(restatementsQuery(plan));
    expect(restatements.edges.map((e) => `${e.node.date}|${e.node.platform?.code}|${e.node.oldValue}|${e.node.newValue}`)).toEqual(
      planted.restated.map((r) => `${r.date}|spotify|${r.oldStreams}|${r.newStreams}`),
    );
    expect(restatements.totalCount).toBe(planted.restated.length);
  } finally {
    await server.close();
    await ds.destroy();
  }
}
