/**
 * Query latency: the monthly revenue series through the real HTTP server (Express + Apollo +
 * resolvers) beside the same aggregate as direct SQL on the rollup, through the same DataSource,
 * and the fact-table aggregate for contrast.
 */
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '../src/config/config';
import { createLogger } from '../src/config/logger';
import { RevenueService } from '../src/analytics/revenue.service';
import { dateText, dialectOf, SqlParams, sumAsText } from '../src/db/dialect';
import { errorMessage, type LatencyStats, latencyStats, round3 } from './common';

export const SERIES_QUERY = `{ revenueSeries(range:{from:"2023-01-01",to:"2025-12-31"}, grain: MONTH, groupBy:[PLATFORM], dateBasis: SALE_MONTH) { points { period platform { code } net quantity } totals { net } } }`;
const RANGE = { from: '2023-01-01', to: '2025-12-31' };

export interface QueryResults {
  queries: number;
  warmup: number;
  graphql: (LatencyStats & { points: number | null; totalNet: string | null }) | null;
  graphqlError: string | null;
  rollupSql: LatencyStats & { rows: number; rollupRows: number };
  /** The analytics service call behind the resolver, run directly: the SQL work of one revenueSeries request. */
  resolverSql: LatencyStats;
  /** GraphQL minus the resolver's SQL: HTTP, Apollo, validation, resolvers, serialisation. */
  frameworkOverhead: { p50Ms: number; p95Ms: number } | null;
  factSql: LatencyStats & { rows: number; budgetMs: number };
  /** GraphQL minus direct rollup SQL, and the allowance max(1 ms, 10% of the direct figure). */
  overhead: {
    p50Ms: number;
    p95Ms: number;
    allowedP50Ms: number;
    allowedP95Ms: number;
    p50Ok: boolean;
    p95Ok: boolean;
  } | null;
}

/** One POST of a GraphQL body over a kept-alive agent: the status and the text of the answer. */
export function post(agent: http.Agent, url: URL, body: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

interface SeriesPayload {
  data?: { revenueSeries?: { points?: unknown[]; totals?: { net?: unknown } } } | null;
  errors?: Array<{ message?: string; extensions?: { code?: string } }>;
}

/** Throws with the server's own error text when the response is not a successful series. */
function checkSeries(status: number, text: string): { points: number; totalNet: string | null } {
  let payload: SeriesPayload;
  try {
    payload = JSON.parse(text) as SeriesPayload;
  } catch {
    throw new Error(`HTTP ${status}: ${text.slice(0, 300)}`);
  }
  if (payload.errors?.length) {
    const e = payload.errors[0];
    throw new Error(`HTTP ${status}: ${e.extensions?.code ? `${e.extensions.code}: ` : ''}${e.message ?? JSON.stringify(e)}`);
  }
  const series = payload.data?.revenueSeries;
  if (status !== 200 || !series || !Array.isArray(series.points))
    throw new Error(`HTTP ${status}: unexpected response ${text.slice(0, 300)}`);
  return { points: series.points.length, totalNet: series.totals?.net === undefined ? null : String(series.totals.net) };
}

/** The month × platform aggregate written as plain SQL on the rollup the API reads for this question. */
function rollupSql(ds: DataSource): { sql: string; params: unknown[] } {
  const d = dialectOf(ds);
  const p = new SqlParams(d);
  const sql = `SELECT ${dateText(d, 'sale_month')} AS period, platform_id, ${sumAsText(d, 'net_nano')} AS net, ${sumAsText(d, 'quantity')} AS quantity
    FROM revenue_platform_rollup
    WHERE sale_month >= ${p.add(RANGE.from)} AND sale_month <= ${p.add(RANGE.to)}
    GROUP BY sale_month, platform_id ORDER BY sale_month, platform_id`;
  return { sql, params: p.values };
}

/** The analytics service call behind the resolver, without HTTP or GraphQL: separates how the API asks from Apollo's cost. */
function serviceCall(ds: DataSource): () => Promise<unknown> {
  const service = new RevenueService(ds);
  return () => service.series({ range: RANGE, dateBasis: 'SALE_MONTH' }, 'MONTH', ['PLATFORM'], 'PERIOD_ASC', 1000);
}

function factSql(ds: DataSource): { sql: string; params: unknown[] } {
  const d = dialectOf(ds);
  const p = new SqlParams(d);
  const month = d === 'postgres' ? `to_char(sale_month, 'YYYY-MM')` : `substr(sale_month, 1, 7)`;
  const sql = `SELECT ${month} AS period, platform_id, ${sumAsText(d, 'net_nano')} AS net, ${sumAsText(d, 'quantity')} AS quantity
    FROM transactions
    WHERE sale_month >= ${p.add(RANGE.from)} AND sale_month <= ${p.add(RANGE.to)}
    GROUP BY ${month}, platform_id ORDER BY 1, 2`;
  return { sql, params: p.values };
}

async function timed<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const t0 = performance.now();
  const value = await fn();
  return [performance.now() - t0, value];
}

export async function measureQueries(
  ds: DataSource,
  config: AppConfig,
  queries: number,
  log: (msg: string) => void,
): Promise<QueryResults> {
  const warmup = Math.min(50, Math.max(10, Math.ceil(queries / 10)));
  const rollup = rollupSql(ds);
  const fact = factSql(ds);
  const resolverCall = serviceCall(ds);
  const runResolverSql = async () => {
    await resolverCall();
  };
  const [{ n: rollupRows }] = await ds.query<Array<{ n: unknown }>>(`SELECT COUNT(*) AS n FROM revenue_platform_rollup`);

  // The server is loaded lazily: while the API is being written, a missing module must not stop the other figures.
  let server: { url: string; close(): Promise<void> } | null = null;
  let graphqlError: string | null = null;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  try {
    try {
      const { startHttpServer } = await import('../src/server/app');
      server = await startHttpServer(ds, config, createLogger('error'));
    } catch (err) {
      graphqlError = `server did not start: ${errorMessage(err)}`;
    }
    const url = server ? new URL('/graphql', server.url) : null;
    const body = JSON.stringify({ query: SERIES_QUERY });
    let shape: { points: number; totalNet: string | null } | null = null;

    log(`warm-up: ${warmup} requests of each kind`);
    let rollupResultRows = 0;
    for (let i = 0; i < warmup; i++) {
      if (url && graphqlError === null) {
        try {
          const res = await post(agent, url, body);
          shape = checkSeries(res.status, res.text);
        } catch (err) {
          graphqlError = errorMessage(err);
        }
      }
      rollupResultRows = (await ds.query<unknown[]>(rollup.sql, rollup.params)).length;
      await runResolverSql();
    }

    log(`timing ${queries} sequential requests (GraphQL over HTTP and direct rollup SQL, interleaved)`);
    const gqlSamples: number[] = [];
    const sqlSamples: number[] = [];
    const bothSamples: number[] = [];
    for (let i = 0; i < queries; i++) {
      if (url && graphqlError === null) {
        try {
          const [ms, res] = await timed(() => post(agent, url, body));
          checkSeries(res.status, res.text);
          gqlSamples.push(ms);
        } catch (err) {
          graphqlError = errorMessage(err);
        }
      }
      const [ms] = await timed(() => ds.query(rollup.sql, rollup.params));
      sqlSamples.push(ms);
      const [both] = await timed(runResolverSql);
      bothSamples.push(both);
    }

    // The fact-table scan is the slow contrast: as many runs as fit in ~20 s (at least 5, at most `queries`).
    const budgetMs = 20_000;
    log('timing the same aggregate over the fact table (transactions)');
    let factRows = (await ds.query<unknown[]>(fact.sql, fact.params)).length;
    const factSamples: number[] = [];
    const f0 = performance.now();
    while (factSamples.length < queries && (factSamples.length < 5 || performance.now() - f0 < budgetMs)) {
      const [ms, rows] = await timed(() => ds.query<unknown[]>(fact.sql, fact.params));
      factRows = rows.length;
      factSamples.push(ms);
    }

    const sqlStats = latencyStats(sqlSamples);
    const bothStats = latencyStats(bothSamples);
    const gqlStats = graphqlError === null && gqlSamples.length ? latencyStats(gqlSamples) : null;
    let overhead: QueryResults['overhead'] = null;
    if (gqlStats) {
      const p50 = round3(gqlStats.p50Ms - sqlStats.p50Ms);
      const p95 = round3(gqlStats.p95Ms - sqlStats.p95Ms);
      const allowedP50Ms = round3(Math.max(1, 0.1 * sqlStats.p50Ms));
      const allowedP95Ms = round3(Math.max(1, 0.1 * sqlStats.p95Ms));
      overhead = { p50Ms: p50, p95Ms: p95, allowedP50Ms, allowedP95Ms, p50Ok: p50 <= allowedP50Ms, p95Ok: p95 <= allowedP95Ms };
    }
    return {
      queries,
      warmup,
      graphql: gqlStats ? { ...gqlStats, points: shape?.points ?? null, totalNet: shape?.totalNet ?? null } : null,
      graphqlError,
      rollupSql: { ...sqlStats, rows: rollupResultRows, rollupRows: Number(rollupRows) },
      resolverSql: bothStats,
      frameworkOverhead: gqlStats
        ? { p50Ms: round3(gqlStats.p50Ms - bothStats.p50Ms), p95Ms: round3(gqlStats.p95Ms - bothStats.p95Ms) }
        : null,
      factSql: { ...latencyStats(factSamples), rows: factRows, budgetMs },
      overhead,
    };
  } finally {
    agent.destroy();
    if (server) await server.close();
  }
}
