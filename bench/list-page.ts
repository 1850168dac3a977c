/**
 * Latency of one connection page with relations over HTTP on PostgreSQL:
 * `transactions(first: 50) { … store platform }`, first page and the page after it.
 * Usage: npm run -s build:server && node dist/bench/list-page.js [--rows 1000000] [--requests 40]
 */
import { createLogger } from '../src/config/logger';
import { refreshStatistics } from '../src/db/statistics';
import { openWarehouse } from '../src/db/open-warehouse';
import { startHttpServer } from '../src/server/app';
import { benchConfig, createPgDatabase, dropPgDatabase, fmtMs, latencyStats, table } from './common';
import { seedFactRows } from './fact-rows-sql';

const QUERY = `query Page($after: String) {
  transactions(first: 50, after: $after) {
    edges { cursor node { id saleMonth reportingDate store net platform { code name } track { title } } }
    pageInfo { hasNextPage endCursor }
  }
}`;

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

async function main(): Promise<void> {
  const rows = arg('rows', 1_000_000);
  const requests = arg('requests', 40);
  const name = `bench_list_page_${process.pid}`;
  await createPgDatabase(name);
  const config = benchConfig({ kind: 'postgres', target: name, lakeDir: '/tmp' }, { STATEMENT_TIMEOUT_MS: '120000' });
  const ds = await openWarehouse(config);
  try {
    const t0 = performance.now();
    await seedFactRows(ds, rows);
    await refreshStatistics(ds);
    process.stdout.write(`seeded ${rows} transactions and streams in ${fmtMs(performance.now() - t0)}\n`);
    const server = await startHttpServer(ds, config, createLogger('warn'));
    try {
      const post = async (after: string | null): Promise<{ ms: number; endCursor: string | null }> => {
        const start = performance.now();
        const res = await fetch(`${server.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query: QUERY, variables: { after } }),
        });
        const body = (await res.json()) as { data?: { transactions: { pageInfo: { endCursor: string | null } } }; errors?: unknown };
        if (!body.data) throw new Error(`query failed: ${JSON.stringify(body.errors)}`);
        return { ms: performance.now() - start, endCursor: body.data.transactions.pageInfo.endCursor };
      };
      const warm = await post(null);
      const first: number[] = [];
      const next: number[] = [];
      for (let i = 0; i < requests; i += 1) first.push((await post(null)).ms);
      for (let i = 0; i < requests; i += 1) next.push((await post(warm.endCursor)).ms);
      const f = latencyStats(first);
      const n = latencyStats(next);
      process.stdout.write(
        `${table([
          ['page', 'requests', 'p50', 'p95', 'req/s (sequential)'],
          ['first', String(f.count), fmtMs(f.p50Ms), fmtMs(f.p95Ms), (1000 / f.meanMs).toFixed(1)],
          ['next', String(n.count), fmtMs(n.p50Ms), fmtMs(n.p95Ms), (1000 / n.meanMs).toFixed(1)],
        ])}\n`,
      );
    } finally {
      await server.close();
    }
  } finally {
    await ds.destroy();
    await dropPgDatabase(name);
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
