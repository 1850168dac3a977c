/**
 * npm run demo [-- --no-serve]
 * Generates a fictional label's DistroKid exports (three consecutive full-history bank exports
 * over 18 months, a streams page and an Apple Music page) and, over the same acts and tracks, the
 * exports of the five other sources (TooLost, Spotify for Artists, TikTok, Meta Ads, Linktree; see
 * demo-sources.ts) into data/demo-exports/, ingests them all in one run into the configured lake
 * and warehouse, prints the warehouse totals and one line per example query through the GraphQL
 * API, then serves the API with anonymous read on a loopback address until SIGINT/SIGTERM.
 * While serving, the six portals run as SIMULATORS on loopback (demo-portals.ts) with a worker in
 * this process, and an ADMIN token for the demo is printed (revoked on exit): triggerExtraction in
 * the playground then runs a real, browser-driven extraction against them, offline.
 * With --no-serve it stops after printing (exit 0; 1 when a file did not load or an example query
 * failed or returned nothing; 2 on a usage or configuration error). Rerunning the same day
 * regenerates identical files, which ingest reports as already loaded.
 */
import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import type { DataSource } from 'typeorm';
import { resolveChromiumExecutable } from '../browser/launch-chromium';
import { type AppConfig, loadConfigOrExit } from '../config/config';
import { createLogger, type Logger } from '../config/logger';
import { openWarehouse } from '../db/open-warehouse';
import { ApiToken } from '../entities/api-token.entity';
import { configuredLinks } from '../ingest/identity/identity-service';
import { type FileSummary, IngestService } from '../ingest/ingest-service';
import { formatNano, parseDecimalToNano } from '../domain/money';
import { type JobsRuntime, startJobsRuntime } from '../jobs/jobs-runtime';
import { type RunningServer, startHttpServer } from '../server/app';
import { createApiToken } from '../access/api-tokens';
import { DEMO_ARTISTS, DEMO_RELEASES, type DemoPlan, lastDayOf, planDemoExports, writeDemoExports } from './demo-catalogue';
import { type DemoPortals, startDemoPortals, withDemoPortals } from './demo-portals';
import { LINKTREE_ACCOUNT, planSourceExports, type SourcesPlan } from './demo-sources';
import { fileSummaryLine } from './file-summary';

/** The hosts config.ts accepts for anonymous read. */
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '::1']);
const EXPORTS_DIR = path.resolve('data/demo-exports');
const USAGE = 'usage: npm run demo [-- --no-serve]';

function usage(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
}

function parseArgs(argv: string[]): { serve: boolean } {
  let serve = true;
  for (const arg of argv) {
    if (arg === '--no-serve') serve = false;
    else if (arg === '--help' || arg === '-h') {
      process.stdout.write(`${USAGE}\n`);
      process.exit(0);
    } else usage(`unknown argument ${arg}`);
  }
  return { serve };
}

const out = (text = ''): void => {
  process.stdout.write(`${text}\n`);
};

/** A path as the user would type it: relative inside the working directory, absolute elsewhere. */
const rel = (p: string): string => {
  const r = path.relative(process.cwd(), p);
  return r === '' ? '.' : r.startsWith('..') || path.isAbsolute(r) ? p : r;
};


const withSeparators = (n: number | bigint | string): string => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
/** "1234.5678" → "1,234.57" for display; the exact value is printed beside it where it matters. */
const usd = (decimal: string): string => {
  const nano = parseDecimalToNano(decimal) ?? 0n;
  const cents = (nano < 0n ? nano - 5_000_000n : nano + 5_000_000n) / 10_000_000n;
  const abs = cents < 0n ? -cents : cents;
  return `${cents < 0n ? '-' : ''}$${withSeparators(abs / 100n)}.${String(abs % 100n).padStart(2, '0')}`;
};

async function graphql<T>(url: string, query: string): Promise<T> {
  const res = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
  const body = (await res.json()) as { data?: T; errors?: Array<{ message: string }> };
  if (body.errors?.length || !body.data) throw new Error(`GraphQL ${res.status}: ${body.errors?.map((e) => e.message).join('; ') ?? 'no data'}`);
  return body.data;
}

const TOTALS_QUERY = '{ revenueSummary(filter: { sources: ["distrokid"] }) { gross net quantity transactionCount } }';
const TOOLOST_TOTALS_QUERY = '{ revenueSummary(filter: { sources: ["toolost"] }) { gross net quantity transactionCount } }';
interface RevenueSummaryData {
  revenueSummary: { gross: string; net: string; quantity: number; transactionCount: number };
}
const ARTISTS_QUERY = '{ artists(first: 50) { totalCount edges { node { name tracks { isrc } } } } }';

function exampleQueries(plan: DemoPlan): { revenue: string; streams: string } {
  const revenue = `{
  revenueSeries(
    range: { from: "${plan.saleMonths.from}-01", to: "${lastDayOf(plan.saleMonths.to)}" }
    grain: MONTH
    groupBy: [PLATFORM]
  ) {
    points { period platform { code name } gross net quantity payoutPerStream }
    totals { gross net quantity }
  }
}`;
  // The range starts before the stats pages' 365 days, so fillGaps has weeks to fill with zeros.
  const streams = `{
  streamSeries(
    range: { from: "${plan.saleMonths.from}-01", to: "${plan.statsDays.to}" }
    grain: WEEK
    groupBy: [SOURCE]
    fillGaps: true
  ) {
    points { period source streams }
    totals { streams }
  }
}`;
  return { revenue, streams };
}

interface RevenueSeriesData {
  revenueSeries: { points: Array<{ period: string; platform: { code: string } | null; net: string }>; totals: { gross: string; net: string; quantity: number } };
}
interface StreamSeriesData {
  streamSeries: { points: Array<{ period: string; source: string | null; streams: number }>; totals: { streams: number } };
}
/** A track with its performers, primary first. */
interface TrackRef {
  title: string;
  artists: Array<{ artist: { name: string } }>;
}
const performer = (t: TrackRef): string => t.artists[0]?.artist.name ?? '?';
const TRACK_FIELDS = 'track { title artists { artist { name } } }';

interface PlatformComparisonData {
  platformComparison: Array<{ platform: { code: string }; streams: number; units: number; net: string; streamShare: string }>;
}
interface TopTracksData {
  topTracks: Array<{ rank: number; track: TrackRef; units: number; net: string }>;
}
interface CampaignPerformanceData {
  campaignPerformance: Array<{
    campaign: { name: string };
    /** Null when the range cuts a snapshot window (coverage PARTIAL); the demo loads daily insights only. */
    spend: string | null;
    impressions: number | null;
    attribution: { target: 'TRACK' | 'ARTIST' | 'NONE'; revenueDuring: string | null; revenueUplift: string | null };
  }>;
}
interface SocialSeriesData {
  socialSeries: { points: Array<{ period: string; account: string | null; videoViews: number; likes: number }> };
}
interface LinkSeriesData {
  linkSeries: { points: Array<{ period: string; views: number; clicks: number }> };
}
interface AudienceSeriesData {
  audienceSeries: { points: Array<{ period: string; artist: { name: string } | null; streams: number | null; followers: number | null }> };
}
interface SongMetricsData {
  songMetrics: Array<{ track: TrackRef; extractionDate: string; streams: number | null }>;
}

/** One example query: what it asks, and a one-line description of the answer with how many points or items it holds. */
interface Example {
  label: string;
  query: string;
  describe(data: unknown): { count: number; text: string };
}

const sum = (values: number[]): number => values.reduce((s, v) => s + v, 0);
const uniq = <T>(values: T[]): T[] => [...new Set(values)];
const pct = (share: string): string => `${(Number(share) * 100).toFixed(1)}%`;

function examples(plan: DemoPlan, sources: SourcesPlan): Example[] {
  const { revenue, streams } = exampleQueries(plan);
  const wholeRange = `{ from: "${plan.saleMonths.from}-01", to: "${plan.statsDays.to}" }`;
  const yearRange = `{ from: "${sources.days.from}", to: "${sources.days.to}" }`;
  return [
    {
      label: 'revenueSeries (month × platform)',
      query: revenue,
      describe(data) {
        const r = (data as RevenueSeriesData).revenueSeries;
        const months = new Set(r.points.map((p) => p.period));
        const byPlatform = new Map<string, bigint>();
        for (const p of r.points) byPlatform.set(p.platform?.code ?? '?', (byPlatform.get(p.platform?.code ?? '?') ?? 0n) + (parseDecimalToNano(p.net) ?? 0n));
        const top = [...byPlatform].sort((a, b) => (a[1] === b[1] ? 0 : a[1] > b[1] ? -1 : 1)).slice(0, 3);
        return {
          count: r.points.length,
          text: `${r.points.length} points over ${months.size} months and ${byPlatform.size} platforms; top by net: ${top.map(([code, net]) => `${code} ${usd(formatNano(net))}`).join(', ')}`,
        };
      },
    },
    {
      label: 'streamSeries (week × source, fillGaps)',
      query: streams,
      describe(data) {
        const s = (data as StreamSeriesData).streamSeries;
        const weeks = new Set(s.points.map((p) => p.period));
        const zeros = s.points.filter((p) => p.streams === 0).length;
        const bySource = uniq(s.points.map((p) => p.source ?? '?')).sort().map((src) => `${src} ${withSeparators(sum(s.points.filter((p) => (p.source ?? '?') === src).map((p) => p.streams)))}`);
        return {
          count: s.points.length,
          text: `${s.points.length} points over ${weeks.size} weeks, ${zeros} of them gap-filled zeros; ${withSeparators(s.totals.streams)} streams in all (${bySource.join(', ')})`,
        };
      },
    },
    {
      label: 'platformComparison',
      query: `{ platformComparison(range: ${wholeRange}) { platform { code } streams units net streamShare } }`,
      describe(data) {
        const rows = (data as PlatformComparisonData).platformComparison;
        return {
          count: rows.length,
          text: `${rows.length} platforms; by streams: ${rows.slice(0, 3).map((r) => `${r.platform.code} ${withSeparators(r.streams)} (${pct(r.streamShare)}, net ${usd(r.net)})`).join(', ')}`,
        };
      },
    },
    {
      label: 'topTracks (net revenue)',
      query: `{ topTracks(range: ${wholeRange}, metric: NET_REVENUE, first: 5) { rank ${TRACK_FIELDS} units net } }`,
      describe(data) {
        const rows = (data as TopTracksData).topTracks;
        return { count: rows.length, text: rows.map((r) => `${r.rank}. ${r.track.title} (${performer(r.track)}) ${usd(r.net)}`).join(', ') };
      },
    },
    {
      label: 'campaignPerformance',
      query: `{ campaignPerformance(range: { from: "${sources.campaignDays.from}", to: "${sources.campaignDays.to}" }) {
    campaign { name } spend impressions attribution { target revenueDuring revenueUplift } } }`,
      describe(data) {
        const rows = (data as CampaignPerformanceData).campaignPerformance;
        const spend = rows.reduce((s, r) => s + (parseDecimalToNano(r.spend ?? '0') ?? 0n), 0n);
        const target = (t: string) => rows.filter((r) => r.attribution.target === t).length;
        const revenue = (r: (typeof rows)[number]) => parseDecimalToNano(r.attribution.revenueDuring ?? '0') ?? 0n;
        const best = rows.filter((r) => r.attribution.target !== 'NONE').sort((a, b) => (revenue(a) === revenue(b) ? 0 : revenue(a) > revenue(b) ? -1 : 1))[0];
        return {
          count: rows.length,
          text:
            `${rows.length} campaigns, ${usd(formatNano(spend))} spent; attributed to a track ${target('TRACK')}, to an artist ${target('ARTIST')}, none ${target('NONE')}` +
            (best ? `; e.g. "${best.campaign.name}": ${usd(formatNano(revenue(best)))} revenue during, uplift ${usd(best.attribution.revenueUplift ?? '0')}` : ''),
        };
      },
    },
    {
      label: 'socialSeries (month × TikTok account)',
      query: `{ socialSeries(range: ${yearRange}, grain: MONTH, groupBy: [ACCOUNT]) { points { period account videoViews likes engagementRate } } }`,
      describe(data) {
        const points = (data as SocialSeriesData).socialSeries.points;
        const accounts = uniq(points.map((p) => p.account ?? '?')).sort();
        return {
          count: points.length,
          text: `${points.length} points over ${uniq(points.map((p) => p.period)).length} months for ${accounts.map((a) => `@${a}`).join(', ')}; ${withSeparators(sum(points.map((p) => p.videoViews)))} video views, ${withSeparators(sum(points.map((p) => p.likes)))} likes`,
        };
      },
    },
    {
      label: 'linkSeries (month, Linktree)',
      query: `{ linkSeries(range: ${yearRange}, grain: MONTH, account: "${LINKTREE_ACCOUNT}") { points { period views clicks ctr } } }`,
      describe(data) {
        const points = (data as LinkSeriesData).linkSeries.points;
        return {
          count: points.length,
          text: `${points.length} months for ${LINKTREE_ACCOUNT}; ${withSeparators(sum(points.map((p) => p.views)))} views, ${withSeparators(sum(points.map((p) => p.clicks)))} clicks`,
        };
      },
    },
    {
      label: 'audienceSeries (month × artist)',
      query: `{ audienceSeries(range: ${yearRange}, grain: MONTH) { points { period artist { name } listeners streams followers } } }`,
      describe(data) {
        const points = (data as AudienceSeriesData).audienceSeries.points;
        const artists = uniq(points.map((p) => p.artist?.name ?? '?'));
        return { count: points.length, text: `${points.length} points for ${artists.join(', ')}; ${withSeparators(sum(points.map((p) => p.streams ?? 0)))} Spotify streams` };
      },
    },
    {
      label: 'songMetrics (FOUR_WEEKS)',
      query: `{ songMetrics(period: FOUR_WEEKS) { ${TRACK_FIELDS} extractionDate streams listeners } }`,
      describe(data) {
        const rows = (data as SongMetricsData).songMetrics;
        const top = rows[0];
        return {
          count: rows.length,
          text: `${rows.length} songs of ${uniq(rows.map((r) => performer(r.track))).length} artists, extracted ${uniq(rows.map((r) => r.extractionDate)).join(', ')}` +
            (top ? `; most streamed: ${top.track.title} (${performer(top.track)}) ${withSeparators(top.streams ?? 0)}` : ''),
        };
      },
    },
  ];
}

/** Runs every example query and prints one line for each, so a broken one shows here. Answers whether all returned data. */
async function previewExamples(url: string, plan: DemoPlan, sources: SourcesPlan): Promise<boolean> {
  let ok = true;
  for (const example of examples(plan, sources)) {
    try {
      const { count, text } = example.describe(await graphql<unknown>(url, example.query));
      if (count === 0) {
        ok = false;
        out(`  ${example.label}: returned nothing (expected data from the demo exports)`);
      } else out(`  ${example.label}: ${text}`);
    } catch (err) {
      ok = false;
      out(`  ${example.label}: FAILED ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  return ok;
}

function describePlan(plan: DemoPlan, sources: SourcesPlan): void {
  const variants = DEMO_RELEASES.map((r) => r.artist).filter((a, i, all) => all.indexOf(a) === i && !(DEMO_ARTISTS as readonly string[]).includes(a));
  out(`Demo label: ${DEMO_ARTISTS.length} artists (${DEMO_ARTISTS.join(', ')}), ${plan.tracks.length} tracks on ${DEMO_RELEASES.length} releases;`);
  out(`  billed on some releases as ${variants.map((v) => `"${v}"`).join(', ')} (spellings and a collaboration that must resolve to those artists).`);
  out(
    `  Bank lines for sale months ${plan.saleMonths.from}…${plan.saleMonths.to}, reported ${plan.reportingMonths[0]}…${plan.reportingMonths[plan.reportingMonths.length - 1]}; ` +
      `stats pages for ${plan.statsDays.from}…${plan.statsDays.to}.`,
  );
  out(
    `  Also, for the same acts: TooLost analytics ${sources.yearDays.from}…${sources.yearDays.to} and its sales report for ${sources.salesMonth}; ` +
      `Spotify for Artists, TikTok (${sources.handles.map((h) => `@${h}`).join(', ')}) and Linktree (${LINKTREE_ACCOUNT}) for ${sources.days.from}…${sources.days.to}; ` +
      `${sources.campaignCount} Meta Ads campaigns ${sources.campaignDays.from}…${sources.campaignDays.to}.`,
  );
}

/** The demo's token: recreated on every served run, revoked when the demo stops. */
const DEMO_TOKEN_NAME = 'demo-admin';

/** What serving adds: simulated portals, a worker extracting from them, and an admin token to trigger it. */
interface SimulatedIngestion {
  portals: DemoPortals;
  jobs: JobsRuntime;
  /** The config the jobs and the server run with: the user's, extractors pointed at the simulators. */
  config: AppConfig;
  token: string;
  close(): Promise<void>;
}

async function startSimulatedIngestion(ds: DataSource, base: AppConfig, logger: Logger): Promise<SimulatedIngestion> {
  const portals = await startDemoPortals({ haveSessionKey: base.sessions.key !== undefined });
  let jobs: JobsRuntime | null = null;
  try {
    const config = withDemoPortals(base, portals);
    jobs = await startJobsRuntime(ds, config, logger, { worker: true, scheduler: false, name: `demo-${process.pid}` });
    const tokens = ds.getRepository(ApiToken);
    // The previous run's demo token is replaced: only one, and only the current one, ever works.
    await tokens.delete({ name: DEMO_TOKEN_NAME });
    const token = await createApiToken(ds, DEMO_TOKEN_NAME, 'ADMIN');
    const running = jobs;
    return {
      portals,
      jobs: running,
      config,
      token,
      async close() {
        const { stillRunning } = await running.stop();
        if (stillRunning) process.stderr.write(`demo: ${stillRunning} extraction(s) still running at the shutdown deadline were left to their lock\n`);
        await portals.close();
        await tokens.update({ name: DEMO_TOKEN_NAME }, { revokedAt: new Date() });
      },
    };
  } catch (err) {
    await jobs?.stop().catch(() => undefined);
    await portals.close();
    throw err;
  }
}

function describeSimulatedIngestion(sim: SimulatedIngestion): void {
  out();
  out('SIMULATED portals: local stand-ins for the real sites, for this demo only (no real account is used, nothing leaves this machine):');
  const width = Math.max(...sim.portals.portals.map((p) => p.name.length));
  for (const p of sim.portals.portals) out(`  ${p.graphqlService.padEnd(9)} ${p.name.padEnd(width)}  ${p.url}  (${p.login})`);
  const browser = sim.config.browser;
  let chromium: string | null = null;
  try {
    chromium = resolveChromiumExecutable(browser.chromiumPath);
  } catch (err) {
    out(`  No Chromium here, so only META_ADS (an API) can be extracted; the browser portals will fail with BROWSER_NOT_FOUND.`);
    out(`  ${err instanceof Error ? err.message : String(err)}`);
  }
  if (chromium) out(`  A worker in this process runs the extractions; browser portals in ${browser.headless ? 'headless ' : 'a visible '}Chromium (${chromium})${browser.headless ? ', HEADLESS=false shows the window' : ''}.`);
  out(`  Loads go into the same warehouse and lake as above; simulated sessions are kept in ${rel(sim.config.sessions.dir)}/.`);
  out();
  out(`Admin token for this demo (valid until the demo stops): ${sim.token}`);
  out('To run an extraction from the playground, put this in its Headers tab:');
  out(`{"Authorization": "Bearer ${sim.token}"}`);
  out('then run:');
  out('mutation { triggerExtraction(service: TOOLOST) { id status } }');
  out('and follow the run with the id it answers (run it again to refresh):');
  out('query { ingestionRun(id: "<id>") { status progress step counts { filesLoaded rowsLoaded } } }');
  out(`Any service above works: ${sim.portals.portals.map((p) => p.graphqlService).join(', ')}.`);
}

async function main(): Promise<void> {
  const { serve } = parseArgs(process.argv.slice(2));
  const config = loadConfigOrExit();
  if (serve && !LOOPBACK_HOSTS.has(config.host)) {
    process.stderr.write(
      `npm run demo serves the API with anonymous read, which is only allowed on a loopback address (127.0.0.1, localhost or ::1), not HOST=${config.host}.\n` +
        'Unset HOST (or set HOST=127.0.0.1), or run with --no-serve.\n',
    );
    process.exit(2);
  }
  // The demo always reads anonymously. With --no-serve the API only answers the demo's own queries: an ephemeral loopback port.
  const demoConfig: AppConfig = { ...config, allowAnonymousRead: true, ...(serve ? {} : { host: '127.0.0.1', port: 0 }) };
  const logger = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel);

  const plan = planDemoExports(new Date());
  const sources = planSourceExports(plan);
  describePlan(plan, sources);
  const written = writeDemoExports(EXPORTS_DIR, [...plan.files, ...sources.files]);
  out();
  out(`Exports in ${rel(EXPORTS_DIR)}/ (${written.every((w) => w.unchanged) ? 'identical to the last run' : 'written'}):`);
  const width = Math.max(41, ...written.map((w) => w.file.name.length));
  for (const w of written) out(`  ${w.file.name.padEnd(width)} ${w.file.description}`);

  if (config.database.kind === 'sqlite') fs.mkdirSync(path.dirname(config.database.path), { recursive: true });
  const ds = await openWarehouse(demoConfig);
  let server: RunningServer | null = null;
  let simulated: SimulatedIngestion | null = null;
  let ok = false;
  try {
    out();
    out(`Ingesting into ${config.database.kind === 'sqlite' ? `sqlite:${rel(config.database.path)}` : 'PostgreSQL'} through the lake at ${rel(config.dataLakeDir)}/:`);
    const summaries = await new IngestService(ds, config.dataLakeDir, logger, {
      limits: { maxFileBytes: config.ingest.maxFileBytes },
      configuredLinks: configuredLinks(config.extractors),
      curated: { archiveKeep: config.curatedArchiveKeep },
    }).ingest(
      written.map((w) => w.path),
      // No service: every file is recognised by its name, as a real drop folder of mixed exports would be.
      { origin: 'npm run demo (generated sample exports)' },
    );
    for (const s of summaries) out(fileSummaryLine(s));
    const count = (status: FileSummary['status']) => summaries.filter((s) => s.status === status).length;
    out(`${summaries.length} files: ${count('loaded')} loaded, ${count('skipped')} skipped, ${count('quarantined')} quarantined, ${count('failed')} failed`);
    if (count('skipped') === summaries.length) out('All files were already loaded by an earlier demo run (same content): nothing was added, the totals below are unchanged.');
    else if (count('skipped') > 0) out(`${count('skipped')} of the files were already loaded by an earlier demo run (same content): they added nothing.`);
    ok = count('quarantined') + count('failed') === 0;
    if (!ok) out('Some files did not load: see the lines above (and the lake\'s quarantine folder).');

    // Started before the server, which needs the jobs runtime for the admin mutations.
    if (serve) simulated = await startSimulatedIngestion(ds, demoConfig, logger);
    server = await startHttpServer(ds, simulated?.config ?? demoConfig, logger, { jobs: simulated?.jobs ?? null });
    const { revenueSummary: t } = await graphql<RevenueSummaryData>(server.url, TOTALS_QUERY);
    out();
    out(`Warehouse totals of the DistroKid lines (GraphQL ${TOTALS_QUERY}):`);
    out(`  gross ${t.gross} USD (${usd(t.gross)}), net ${t.net} USD (${usd(t.net)}), quantity ${withSeparators(t.quantity)}, ${withSeparators(t.transactionCount)} transactions`);
    const e = plan.expected;
    const matches = parseDecimalToNano(t.gross) === e.grossNano && parseDecimalToNano(t.net) === e.netNano && t.quantity === e.quantity && t.transactionCount === e.rows;
    out(
      matches
        ? `  = exactly what the latest export holds (${withSeparators(e.rows)} lines): the two earlier full-history exports added nothing twice.`
        : `  The latest export alone holds gross ${formatNano(e.grossNano)}, net ${formatNano(e.netNano)}, quantity ${withSeparators(e.quantity)}, ${withSeparators(e.rows)} lines; ` +
            'the warehouse holds more (other data, or demo months from an earlier run).',
    );
    const { revenueSummary: tl } = await graphql<RevenueSummaryData>(server.url, TOOLOST_TOTALS_QUERY);
    const st = sources.sales;
    const salesMatch = parseDecimalToNano(tl.net) === st.netNano && tl.quantity === st.quantity && tl.transactionCount === st.rows;
    out(
      `  TooLost lines: net ${tl.net} USD (${usd(tl.net)}), quantity ${withSeparators(tl.quantity)}, ${withSeparators(tl.transactionCount)} transactions` +
        (salesMatch ? ` = exactly the ${sources.salesMonth} sales report (its summary line left out).` : `; the ${sources.salesMonth} report alone holds net ${formatNano(st.netNano)}, ${st.rows} lines.`),
    );

    const { artists } = await graphql<{ artists: { totalCount: number; edges: Array<{ node: { name: string; tracks: Array<{ isrc: string | null }> } }> } }>(server.url, ARTISTS_QUERY);
    const onLines = DEMO_RELEASES.map((r) => r.artist).filter((a, i, all) => all.indexOf(a) === i);
    out(`Artists in the warehouse (${artists.totalCount}): ${artists.edges.map(({ node: a }) => `${a.name} (${a.tracks.filter((tr) => tr.isrc).length} recordings)`).join(', ')}`);
    if (artists.totalCount === DEMO_ARTISTS.length) out(`  = the ${onLines.length} billings on the lines (${onLines.map((a) => `"${a}"`).join(', ')}) resolved to ${DEMO_ARTISTS.length} artists, no duplicates.`);
    out('Example queries:');
    if (!(await previewExamples(server.url, plan, sources))) {
      ok = false;
      out('Some example queries failed or returned nothing: see the lines above.');
    }
  } catch (err) {
    await server?.close().catch(() => undefined);
    await simulated?.close().catch(() => undefined);
    await ds.destroy().catch(() => undefined);
    throw err;
  }

  if (!serve) {
    await server.close();
    await ds.destroy();
    out();
    out(`Done (--no-serve). Run \`npm run demo\` without it to browse the data in the GraphQL playground.`);
    process.exitCode = ok ? 0 : 1;
    return;
  }

  const running = server;
  const sim = simulated;
  const { revenue, streams } = exampleQueries(plan);
  out();
  out(`GraphQL API at ${running.url}/graphql (anonymous read on, loopback only)`);
  out(`Playground: ${running.url}/playground`);
  out(`Dashboard:  ${running.url}/dashboard`);
  out();
  out('Paste into the playground — revenue by month and platform:');
  out(revenue);
  out();
  out('Streams by week and source (DistroKid stats pages, TooLost analytics), weeks without data filled with zeros:');
  out(streams);
  out();
  out('Or from a shell:');
  out(`curl -s ${running.url}/graphql -H 'content-type: application/json' --data '${JSON.stringify({ query: TOTALS_QUERY })}'`);
  if (sim) describeSimulatedIngestion(sim);
  out();
  out('Press Ctrl+C to stop.');

  // As src/server/main.ts, but with persistent listeners: Apollo re-raises the signal once it has
  // stopped, which would otherwise end the process before the datasource is closed.
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info('shutting down', { signal });
    // Running extractions get the jobs' drain deadline to finish, then the rest 10 s.
    setTimeout(() => {
      process.stderr.write('demo: shutdown took too long, exiting\n');
      process.exit(1);
    }, config.jobs.shutdownDeadlineMs + 10_000).unref();
    try {
      await running.close();
      await sim?.close();
      await ds.destroy();
      process.exit(0);
    } catch (err) {
      process.stderr.write(`demo: shutdown failed: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exit(1);
    }
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((err) => {
  const message = err instanceof Error ? err.message : String(err);
  const hint = (err as { code?: string }).code === 'EADDRINUSE' ? ' (set PORT to a free port, e.g. PORT=4100 npm run demo)' : '';
  process.stderr.write(`demo failed: ${message}${hint}\n`);
  process.exit(1);
});
