/**
 * The Meta Ads extractor (plain HTTP, no browser) against the simulated Graph API, run like the job
 * runs it: captures landed with manifests, loaded, warehouse compared with the simulator's truth.
 * Every test ends by searching logs, run logs, error messages and the whole lake for the token.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ExtractionError } from '../../../src/errors/extraction-error';
import type { ExtractionWindow } from '../../../src/ingest/extract/extractor';
import { createMetaAdsExtractor, defaultWindow, type MetaAdsExtractorOptions } from '../../../src/ingest/meta_ads/handlers';
import { addDays } from '../../../demo/calendar-days';
import type { SampleDay } from '../../../demo/sample-exports/meta_ads';
import { createExtractionBench, type ExtractionBench, type ExtractionOutcome } from '../../helpers/extraction';
import {
  startMetaAdsSimulator,
  type MetaAdsSimulator,
  type MetaAdsSimulatorOptions,
} from '../../../demo/portals/meta_ads/meta-ads-simulator';
import { campaigns, counts, type DailyRow, dailyRows, expectedDailyRows, spendSum } from '../meta_ads/helpers';

interface Rig {
  sim: MetaAdsSimulator;
  bench: ExtractionBench;
  /** Waits the extractor asked for (the injected sleep returns at once). */
  sleeps: number[];
  run(window?: ExtractionWindow, signal?: AbortSignal): Promise<ExtractionOutcome>;
  fail(window?: ExtractionWindow, signal?: AbortSignal): Promise<ExtractionError>;
  /** Run log lines and error messages seen, for the token search. */
  seen: string[];
}

let rig: Rig | undefined;

async function setUp(
  opts: { sim?: MetaAdsSimulatorOptions; extractor?: MetaAdsExtractorOptions; env?: Record<string, string> } = {},
): Promise<Rig> {
  const sim = await startMetaAdsSimulator(opts.sim);
  const bench = await createExtractionBench({
    META_GRAPH_URL: sim.url,
    META_ACCESS_TOKEN: sim.credentials.accessToken,
    META_AD_ACCOUNT_ID: sim.credentials.adAccountId,
    ...opts.env,
  });
  const sleeps: number[] = [];
  const extractor = createMetaAdsExtractor(bench.config.extractors.meta_ads, bench.config.browser, {
    requestTimeoutMs: 2_000,
    backoffBaseMs: 1_000,
    random: () => 0.5,
    sleep: async (ms) => void sleeps.push(ms),
    ...opts.extractor,
  });
  const seen: string[] = [];
  const r: Rig = {
    sim,
    bench,
    sleeps,
    seen,
    async run(window, signal) {
      try {
        const out = await bench.run(extractor, { window, signal });
        seen.push(...out.runLog);
        return out;
      } catch (err) {
        const outcome = (err as { outcome?: ExtractionOutcome }).outcome;
        seen.push(...(outcome?.runLog ?? []), err instanceof Error ? err.message : String(err));
        throw err;
      }
    },
    async fail(window, signal) {
      const err = await r.run(window, signal).then(
        () => new Error('the extraction was expected to fail'),
        (e: unknown) => e,
      );
      if (!(err instanceof ExtractionError)) throw err;
      return err;
    },
  };
  rig = r;
  return r;
}

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name));
}

afterEach(async () => {
  const r = rig;
  rig = undefined;
  if (!r) return;
  try {
    // The token never leaves the extractor: not in logs, run logs, messages, captures, manifests or any zone.
    const token = r.sim.credentials.accessToken;
    expect(r.bench.logs.join('\n')).not.toContain(token);
    expect(r.seen.join('\n')).not.toContain(token);
    for (const file of [...filesUnder(r.bench.lake.root), ...filesUnder(r.bench.config.artefactsDir)]) {
      const bytes = fs.readFileSync(file);
      expect({ file, hasToken: bytes.includes(token) }).toEqual({ file, hasToken: false });
      expect({ file, hasTokenParam: bytes.includes('access_token=') }).toEqual({ file, hasTokenParam: false });
    }
  } finally {
    await r.sim.close();
    await r.bench.close();
  }
});

/** The simulator's truth as campaign_daily rows, for the given campaigns' days inside [from, to]. */
function truth(days: SampleDay[], from: string, to: string, only?: (d: SampleDay) => boolean): DailyRow[] {
  return expectedDailyRows(days.filter((d) => d.date >= from && d.date <= to && (only ? only(d) : true)));
}

const spendOf = (rows: DailyRow[]): string => rows.reduce((s, r) => s + BigInt(r.spend), 0n).toString();

/** Nothing of a failed run reached landing, raw, staging or the warehouse. */
async function expectNothingLanded(r: Rig): Promise<void> {
  for (const zone of ['landing', 'raw', 'staging', 'quarantine'] as const) expect(filesUnder(r.bench.lake.dir(zone))).toEqual([]);
  expect(await counts(r.bench.ds)).toMatchObject({ campaigns: 0, campaign_daily: 0, campaign_period_totals: 0 });
}

describe('Meta Ads extractor (Graph API) against the simulator', () => {
  it('happy path: default window (30 days ending yesterday), every campaign page and insights page read, exact daily figures', async () => {
    const r = await setUp();
    const expectedWindow = defaultWindow(new Date());
    const out = await r.run();
    // Crossing midnight UTC during the run would shift the default window: make that visible rather than flaky.
    expect(defaultWindow(new Date())).toEqual(expectedWindow);
    expect(expectedWindow.to).toBe(addDays(new Date().toISOString().slice(0, 10), -1));

    // Two captures, named as the cleaners recognise them, each with a manifest, origins without token.
    expect(out.landed.map((l) => [l.stream, path.basename(l.file).replace(/\d{8}_\d{6}/, 'TS')])).toEqual([
      ['campaigns', 'meta_campaigns_TS.json'],
      ['insights', 'meta_insights_TS.json'],
    ]);
    for (const l of out.landed) {
      expect(fs.existsSync(`${l.absolutePath}.manifest.json`)).toBe(true);
      const manifest = JSON.parse(fs.readFileSync(`${l.absolutePath}.manifest.json`, 'utf8')) as {
        stream: string;
        origin: string;
        service: string;
      };
      expect(manifest).toMatchObject({ service: 'meta_ads', stream: l.stream });
      expect(manifest.origin).toContain(`${r.sim.url}/v19.0/`);
      expect(manifest.origin).not.toMatch(/access_token|input_token/);
    }
    expect(out.summaries.map((s) => [s.stream, s.status])).toEqual([
      ['campaigns', 'loaded'],
      ['insights', 'loaded'],
    ]);

    // Campaigns: all 7 across 4 pages of 2; the campaigns of pages 2–4 are loaded like the first.
    const campaignCalls = r.sim.requests.filter((q) => q.endpoint === 'campaigns');
    expect(campaignCalls).toHaveLength(4);
    expect(campaignCalls.map((q) => q.query.after === undefined)).toEqual([true, false, false, false]);
    const stored = await campaigns(r.bench.ds);
    // The currency comes with the insights (account_currency): the paused campaign that never ran has none.
    const ran = new Set(r.sim.data.days.map((d) => d.campaignId));
    expect(stored.map((c) => [c.external_id, c.name, c.currency])).toEqual(
      r.sim.data.campaigns.map((c) => [c.id, c.name, ran.has(c.id) ? 'EUR' : null]).sort((a, b) => (String(a[0]) < String(b[0]) ? -1 : 1)),
    );
    const onPage2 = r.sim.data.campaigns[2];
    expect(stored.find((c) => c.external_id === onPage2.id)).toMatchObject({
      name: onPage2.name,
      daily_budget_minor: onPage2.dailyBudget,
      lifetime_budget_minor: onPage2.lifetimeBudget,
    });

    // Daily figures: exactly the simulator's over the window, insights pages followed (7 rows per page).
    const expected = truth(r.sim.data.days, expectedWindow.from, expectedWindow.to);
    expect(expected.length).toBeGreaterThan(150);
    expect(await dailyRows(r.bench.ds)).toEqual(expected);
    expect(await spendSum(r.bench.ds, 'campaign_daily')).toBe(spendOf(expected));
    expect((await dailyRows(r.bench.ds)).some((d) => d.campaign === onPage2.id)).toBe(true);
    const insightCalls = r.sim.requests.filter((q) => q.endpoint === 'insights');
    expect(insightCalls.filter((q) => q.query.after !== undefined).length).toBeGreaterThanOrEqual(6 * 4);
    expect(new Set(insightCalls.map((q) => q.query.time_range))).toEqual(
      new Set([JSON.stringify({ since: expectedWindow.from, until: expectedWindow.to })]),
    );

    // The token went in the header only: the links followed had it stripped.
    expect(r.sim.requests.every((q) => q.auth === 'header' && !q.tokenInQuery)).toBe(true);
    // The captured pages are Graph pages whose paging links no longer carry it.
    const pages = JSON.parse(fs.readFileSync(out.landed[1].absolutePath, 'utf8')) as Array<{ data: unknown[]; paging?: { next?: string } }>;
    const nexts = pages.map((p) => p.paging?.next).filter((n): n is string => n !== undefined);
    expect(nexts.length).toBeGreaterThan(0);
    for (const n of nexts) expect(new URL(n).searchParams.has('access_token')).toBe(false);

    expect(out.runLog.join('\n')).toMatch(/7 campaign\(s\) listed over 4 page\(s\)/);
    // The paging links followed are logged (debug), token-free: the search in afterEach has something to search.
    expect(r.bench.logs.some((l) => l.includes('meta_ads next page') && l.includes('after='))).toBe(true);
    expect(out.progress.map((p) => p.progress)).toEqual([...out.progress.map((p) => p.progress)].sort((a, b) => a - b));
  });

  it('a window fetches only its days', async () => {
    const r = await setUp();
    const window = { from: addDays(r.sim.range.from, 10), to: addDays(r.sim.range.from, 12) };
    const out = await r.run(window);
    expect(out.summaries.every((s) => s.status === 'loaded')).toBe(true);
    const rows = await dailyRows(r.bench.ds);
    expect(rows).toEqual(truth(r.sim.data.days, window.from, window.to));
    expect(new Set(rows.map((d) => d.date))).toEqual(new Set([window.from, addDays(window.from, 1), window.to]));
    const ranges = new Set(r.sim.requests.filter((q) => q.endpoint === 'insights').map((q) => q.query.time_range));
    expect(ranges).toEqual(new Set([JSON.stringify({ since: window.from, until: window.to })]));
  });

  it('a second run over overlapping days does not double count and picks up a campaign created in between', async () => {
    const r = await setUp();
    const first = { from: addDays(r.sim.range.from, 5), to: addDays(r.sim.range.from, 14) };
    await r.run(first);
    const before = new Set(r.sim.data.campaigns.map((c) => c.id));

    const created = r.sim.addCampaign({ name: 'Night Drive - Launch - US 18-34' });
    const second = { from: addDays(r.sim.range.from, 10), to: addDays(r.sim.range.from, 19) };
    const out = await r.run(second);
    expect(out.summaries.every((s) => s.status === 'loaded')).toBe(true);
    // The overlapping days were already there with the same figures: rewritten, not added.
    expect(out.summaries.find((s) => s.stream === 'insights')?.rowsSkipped).toBeGreaterThan(0);

    const expected = [
      ...truth(r.sim.data.days, first.from, second.to, (d) => before.has(d.campaignId)),
      ...truth(r.sim.data.days, second.from, second.to, (d) => d.campaignId === created.id),
    ].sort((a, b) => (a.campaign !== b.campaign ? (a.campaign < b.campaign ? -1 : 1) : a.date < b.date ? -1 : 1));
    expect(expected.some((d) => d.campaign === created.id)).toBe(true);
    expect(await dailyRows(r.bench.ds)).toEqual(expected);
    expect(await spendSum(r.bench.ds, 'campaign_daily')).toBe(spendOf(expected));
    expect((await campaigns(r.bench.ds)).map((c) => c.external_id)).toContain(created.id);
    expect(await counts(r.bench.ds)).toMatchObject({ campaigns: 8 });
  });

  it('an account without campaigns lands one empty campaigns page and no insights file', async () => {
    const r = await setUp({ sim: { campaigns: 0 } });
    const out = await r.run();
    expect(out.landed.map((l) => l.stream)).toEqual(['campaigns']);
    expect(JSON.parse(fs.readFileSync(out.landed[0].absolutePath, 'utf8'))).toEqual([{ data: [] }]);
    expect(out.summaries.map((s) => [s.stream, s.status, s.rowsRead])).toEqual([['campaigns', 'loaded', 0]]);
    expect(r.sim.requests.filter((q) => q.endpoint === 'insights')).toEqual([]);
  });

  it('a 429 with Retry-After is waited out (the wait the server asked for) and the run completes', async () => {
    const r = await setUp();
    Object.assign(r.sim.faults, { rateLimitOnce: true, rateLimitKind: 'http429', retryAfterSeconds: 1 });
    const window = { from: addDays(r.sim.range.from, 20), to: addDays(r.sim.range.from, 29) };
    const out = await r.run(window);
    expect(r.sleeps).toEqual([1000]);
    const insights = r.sim.requests.filter((q) => q.endpoint === 'insights');
    expect(insights.slice(0, 2).map((q) => q.status)).toEqual([429, 200]);
    expect(insights[0].path).toBe(insights[1].path);
    expect(out.runLog.join('\n')).toMatch(/rate limited .* retry 1\/4 in 1000 ms/);
    expect(await dailyRows(r.bench.ds)).toEqual(truth(r.sim.data.days, window.from, window.to));
  });

  it('a Graph rate limit (code 17, no Retry-After) is retried after an exponential backoff', async () => {
    const r = await setUp();
    Object.assign(r.sim.faults, { rateLimitOnce: true, rateLimitKind: 'code17', target: 'campaigns' });
    const window = { from: addDays(r.sim.range.from, 20), to: addDays(r.sim.range.from, 22) };
    await r.run(window);
    // base 1000 ms × 2^0 + jitter (random 0.5 × base)
    expect(r.sleeps).toEqual([1500]);
    expect(r.sim.requests.filter((q) => q.endpoint === 'campaigns').map((q) => q.status)).toEqual([400, 200, 200, 200, 200]);
    expect(await dailyRows(r.bench.ds)).toEqual(truth(r.sim.data.days, window.from, window.to));
  });

  it("honours Meta's usage header (estimated_time_to_regain_access) when limited with code 80004", async () => {
    const r = await setUp();
    Object.assign(r.sim.faults, { rateLimitOnce: true, rateLimitKind: 'usage', retryAfterSeconds: 1, target: 'account' });
    await r.run({ from: addDays(r.sim.range.from, 20), to: addDays(r.sim.range.from, 20) });
    expect(r.sleeps).toEqual([60_000]);
  });

  it('a persistent rate limit gives up after 4 retries with RATE_LIMITED (retryable, with retryAfterMs); nothing lands', async () => {
    const r = await setUp();
    Object.assign(r.sim.faults, { rateLimit: true, rateLimitKind: 'code17' });
    const err = await r.fail();
    expect(err).toMatchObject({ code: 'RATE_LIMITED', retryable: true, retryAfterMs: 16_500 });
    expect(err.message).toMatch(/Graph error 17\/2446079/);
    expect(r.sleeps).toEqual([1500, 2500, 4500, 8500]);
    expect(r.sim.requests.filter((q) => q.endpoint === 'insights')).toHaveLength(5);
    await expectNothingLanded(r);
  });

  it('a Retry-After longer than the extractor waits inline fails at once with RATE_LIMITED and the server wait', async () => {
    const r = await setUp();
    Object.assign(r.sim.faults, { rateLimit: true, rateLimitKind: 'http429', retryAfterSeconds: 300 });
    const err = await r.fail();
    expect(err).toMatchObject({ code: 'RATE_LIMITED', retryable: true, retryAfterMs: 300_000 });
    expect(r.sleeps).toEqual([]);
    await expectNothingLanded(r);
  });

  it('an invalid token (190) fails with TOKEN_INVALID at once: not retryable, no retries', async () => {
    const r = await setUp();
    r.sim.faults.invalidToken = true;
    const err = await r.fail();
    expect(err).toMatchObject({ code: 'TOKEN_INVALID', retryable: false });
    expect(err.message).toMatch(/Graph error 190\/463/);
    expect(r.sim.requests.map((q) => [q.endpoint, q.status])).toEqual([['debug_token', 400]]);
    expect(r.sleeps).toEqual([]);
    await expectNothingLanded(r);
  });

  it('a token debug_token reports as not valid fails with TOKEN_INVALID', async () => {
    const r = await setUp();
    r.sim.faults.expiredToken = true;
    const err = await r.fail();
    expect(err).toMatchObject({ code: 'TOKEN_INVALID', retryable: false });
    expect(err.message).toMatch(/Session has expired/);
    expect(r.sim.requests).toHaveLength(1);
    await expectNothingLanded(r);
  });

  it('server errors are retried twice, then HTTP_5XX (retryable); nothing lands', async () => {
    const r = await setUp();
    r.sim.faults.serverError = true;
    const err = await r.fail();
    expect(err).toMatchObject({ code: 'HTTP_5XX', retryable: true });
    expect(r.sim.requests.filter((q) => q.endpoint === 'insights').map((q) => q.status)).toEqual([500, 500, 500]);
    expect(r.sleeps).toEqual([1500, 2500]);
    await expectNothingLanded(r);
  });

  it('a call slower than the request timeout fails with TIMEOUT (retryable) after the retries', async () => {
    const r = await setUp({ extractor: { requestTimeoutMs: 300 } });
    Object.assign(r.sim.faults, { slow: true, slowMs: 5_000, target: 'campaigns' });
    const started = Date.now();
    const err = await r.fail();
    expect(Date.now() - started).toBeLessThan(4_000);
    expect(err).toMatchObject({ code: 'TIMEOUT', retryable: true });
    expect(err.message).toMatch(/GET \/v19\.0\/act_1029384756\/campaigns gave no answer within 300 ms/);
    await new Promise((res) => setTimeout(res, 50));
    expect(r.sim.requests.filter((q) => q.endpoint === 'campaigns').map((q) => q.status)).toEqual([0, 0, 0]);
    await expectNothingLanded(r);
  });

  it('malformed JSON fails with SCHEMA_DRIFT (not retryable); nothing lands', async () => {
    const r = await setUp();
    r.sim.faults.malformedJson = true;
    const err = await r.fail();
    expect(err).toMatchObject({ code: 'SCHEMA_DRIFT', retryable: false });
    expect(err.message).toMatch(/GET \/v19\.0\/\d+\/insights: the response is not valid JSON/);
    await expectNothingLanded(r);
  });

  it('a renamed insights field fails with SCHEMA_DRIFT naming it; nothing lands', async () => {
    const r = await setUp();
    r.sim.faults.changedField = true;
    const err = await r.fail();
    expect(err).toMatchObject({ code: 'SCHEMA_DRIFT', retryable: false });
    expect(err.message).toMatch(/missing field\(s\): spend; unexpected field\(s\): amount_spent/);
    expect(err.message).toMatch(/page 1 of GET \/v19\.0\/\d+\/insights/);
    await expectNothingLanded(r);
  });

  it('a list page without "data" fails with SCHEMA_DRIFT naming it; nothing lands', async () => {
    const r = await setUp();
    Object.assign(r.sim.faults, { missingData: true, target: 'campaigns' });
    const err = await r.fail();
    expect(err).toMatchObject({ code: 'SCHEMA_DRIFT', retryable: false });
    expect(err.message).toMatch(/page 1 of GET \/v19\.0\/act_1029384756\/campaigns.*missing field\(s\): data/);
    await expectNothingLanded(r);
  });

  it('missing token or account fails with CREDENTIALS_MISSING before any call', async () => {
    const r = await setUp();
    const cases: Array<[{ accessToken?: undefined; adAccountId?: undefined }, RegExp]> = [
      [{ accessToken: undefined }, /needs META_ACCESS_TOKEN to be configured/],
      [{ adAccountId: undefined }, /needs META_AD_ACCOUNT_ID to be configured/],
    ];
    for (const [cfg, message] of cases) {
      const extractor = createMetaAdsExtractor({ ...r.bench.config.extractors.meta_ads, ...cfg }, r.bench.config.browser);
      const err = await r.bench.run(extractor).then(
        () => null,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(ExtractionError);
      expect(err).toMatchObject({ code: 'CREDENTIALS_MISSING', retryable: false });
      expect((err as Error).message).toMatch(message);
    }
    expect(r.sim.requests).toEqual([]);
    await expectNothingLanded(r);
  });

  it('an unreachable Graph host fails with NETWORK (retryable)', async () => {
    const r = await setUp();
    const dead = await startMetaAdsSimulator();
    const deadUrl = dead.url;
    await dead.close();
    const extractor = createMetaAdsExtractor({ ...r.bench.config.extractors.meta_ads, graphUrl: deadUrl }, r.bench.config.browser, {
      sleep: async (ms) => void r.sleeps.push(ms),
      random: () => 0.5,
      backoffBaseMs: 1000,
    });
    const err = await r.bench.run(extractor).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toMatchObject({ code: 'NETWORK', retryable: true });
    r.seen.push((err as Error).message);
    expect(r.sleeps).toEqual([1500, 2500]);
    await expectNothingLanded(r);
  });

  it('cancelling the run aborts the request in flight at once; nothing lands', async () => {
    const r = await setUp({ extractor: { requestTimeoutMs: 10_000 } });
    Object.assign(r.sim.faults, { slow: true, slowMs: 10_000, target: 'insights' });
    const abort = new AbortController();
    setTimeout(() => abort.abort(new Error('run cancelled')), 200);
    const started = Date.now();
    const err = await r.run(undefined, abort.signal).then(
      () => null,
      (e: unknown) => e,
    );
    expect(Date.now() - started).toBeLessThan(2_000);
    expect((err as Error).message).toBe('run cancelled');
    await expectNothingLanded(r);
  });
});
