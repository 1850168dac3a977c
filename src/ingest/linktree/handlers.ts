/**
 * Linktree page handlers, run signed in by the portal runner: open the admin analytics page, choose the last 365 days at a daily
 * granularity (the page switches long ranges to weekly by itself) and keep the GraphQL responses
 * the page receives (stream `analytics`, one JSON array `linktree_<username>_graphql.json`): the
 * page's other operations (currentUser, links, socials, referrers, locations) as they came, and the
 * one getAccountAnalytics answer for the daily year, whose `overview.timeseries` the cleaner loads.
 * Weekly or shorter analytics answers seen on the way are left out so no bucket is read as a day.
 */
import type { Locator, Page } from 'playwright-core';
import type { ExtractorsConfig } from '../../config/config';
import { armed, element, optionsOf } from '../extract/page-steps';
import { httpError, layoutDrift, parseRetryAfter, schemaDrift } from '../extract/portal-errors';
import type { PortalHandlers, PortalPages } from '../extract/portal-runner';
import { sessionAccountFor } from '../extract/session-store';
import { ANALYTICS_OPERATION, LINKTREE_GRAPHQL_PATH, LINKTREE_PATHS, LINKTREE_SELECTORS as S } from './portal';

type LinktreeConfig = ExtractorsConfig['linktree'];

/** The days asked for; the page offers it as "Last 365 days". */
const YEAR_DAYS = 365;
const DAY_FIELDS = ['date', 'totalViews', 'uniqueViews', 'totalClicks', 'uniqueClicks'] as const;

export const LINKTREE_HANDLERS: PortalHandlers<LinktreeConfig> = {
  accounts: (settings) => [sessionAccountFor(settings.login)],
  windowNote: (w) => `Linktree analytics: taking the last ${YEAR_DAYS} days daily, which covers ${w.from}…${w.to} when within them`,
  progress: { check: () => 5 },
  async pages(p, settings) {
    await p.at(30, 'opening the analytics page');
    await captureAnalytics(p, settings);
    await p.at(95, 'closing the browser');
  },
};

async function captureAnalytics(p: PortalPages, cfg: LinktreeConfig): Promise<void> {
  const { page, ctx, base, timeoutMs } = p;
  const where = 'the Linktree analytics page';
  // Listening before the page opens: its first operations (currentUser, links…) fire on load.
  const graphql = collectGraphql(page, timeoutMs);
  await p.open(LINKTREE_PATHS.analytics, where);

  const range = await element(page, S.dateRange, 'the date range picker', where, timeoutMs);
  const year = await optionWhere(range, (o) => new RegExp(`\\b${YEAR_DAYS}\\b`).test(`${o.value} ${o.label}`));
  if (year === undefined) throw layoutDrift(`the "Last ${YEAR_DAYS} days" option of the date range picker (${S.dateRange})`, where);
  const grain = await element(page, S.granularity, 'the granularity picker', where, timeoutMs);
  const daily = await optionWhere(grain, (o) => /daily/i.test(`${o.value} ${o.label}`));
  if (daily === undefined) throw layoutDrift(`the "Daily" option of the granularity picker (${S.granularity})`, where);

  // Armed before the selections; an error answer to the operation fails at once instead of waiting.
  const wanted = graphql.waitFor(
    (e) => e.operation === ANALYTICS_OPERATION && (e.status >= 400 || isDailyYear(e.variables)),
    `the ${ANALYTICS_OPERATION} GraphQL response for the last ${YEAR_DAYS} days, daily`,
    where,
  );
  // Range first: the page switches a long range to weekly, then daily is chosen again.
  await range.selectOption(year);
  await grain.selectOption(daily);
  await p.at(60, 'waiting for the analytics responses');
  const analytics = await wanted;
  if (analytics.status >= 400)
    throw httpError(analytics.status, `the ${ANALYTICS_OPERATION} GraphQL operation`, parseRetryAfter(analytics.retryAfter));
  const origin = `${analytics.url} (operations on ${base}${LINKTREE_PATHS.analytics})`;
  checkAnalytics(analytics.body, `the ${ANALYTICS_OPERATION} GraphQL response from ${analytics.url}`);
  await graphql.settled();

  // The page's other operations, the last answer of each, then the daily year.
  const others = new Map<string, GraphqlEntry>();
  for (const e of graphql.entries) if (e.operation !== ANALYTICS_OPERATION && e.status < 400 && parses(e.body)) others.set(e.operation, e);
  const kept = [...others.values(), analytics];
  const username = usernameOf(others.get('currentUser')) ?? (/^[A-Za-z0-9._]{1,100}$/.test(cfg.login ?? '') ? cfg.login : undefined);
  await ctx.capture({
    stream: 'analytics',
    name: username ? `linktree_${username}_graphql.json` : 'linktree_graphql.json',
    origin,
    body: `[${kept.map((e) => e.body!.toString('utf8')).join(',\n')}]`,
  });
  ctx.log(
    `Linktree: ${kept.length} GraphQL responses captured (${[...others.keys(), ANALYTICS_OPERATION].join(', ')}), ${YEAR_DAYS} days daily`,
  );
}

interface GraphqlEntry {
  operation: string;
  variables: Record<string, unknown>;
  status: number;
  retryAfter: string | undefined;
  body: Buffer | null;
  url: string;
}

/** Every GraphQL POST the page makes, with its operation, variables and answer, as they arrive. */
function collectGraphql(page: Page, timeoutMs: number) {
  const entries: GraphqlEntry[] = [];
  const reading = new Set<Promise<void>>();
  const waiters = new Set<() => void>();
  page.on('response', (r) => {
    const request = r.request();
    if (request.method() !== 'POST' || !LINKTREE_GRAPHQL_PATH.test(new URL(r.url()).pathname)) return;
    const job = (async () => {
      const post = parsePost(request.postData());
      const body = await r.body().catch(() => null);
      entries.push({ ...post, status: r.status(), retryAfter: r.headers()['retry-after'], body, url: r.url().split('?')[0] });
      for (const w of waiters) w();
    })();
    reading.add(job);
    void job.then(() => reading.delete(job));
  });
  return {
    entries,
    /** The first entry (seen already or to come) that matches; a missing one is layout drift naming it. */
    waitFor(match: (e: GraphqlEntry) => boolean, what: string, where: string): Promise<GraphqlEntry> {
      return armed(
        new Promise<GraphqlEntry>((resolve, reject) => {
          const check = () => {
            const found = entries.find(match);
            if (!found) return;
            clearTimeout(timer);
            waiters.delete(check);
            resolve(found);
          };
          const timer = setTimeout(() => {
            waiters.delete(check);
            reject(layoutDrift(what, where));
          }, timeoutMs).unref();
          waiters.add(check);
          check();
        }),
      );
    },
    /** Waits for bodies still being read (bounded: the page is about to close anyway). */
    async settled(): Promise<void> {
      await Promise.race([Promise.all([...reading]), new Promise((r) => setTimeout(r, Math.min(timeoutMs, 2000)).unref())]);
    },
  };
}

function parsePost(postData: string | null): { operation: string; variables: Record<string, unknown> } {
  try {
    const doc = JSON.parse(postData ?? '') as unknown;
    if (isObject(doc))
      return {
        operation: typeof doc.operationName === 'string' ? doc.operationName : '?',
        variables: isObject(doc.variables) ? doc.variables : {},
      };
  } catch {
    // A batched or persisted-query POST: kept under "?" and never taken for the analytics.
  }
  return { operation: '?', variables: {} };
}

/** Variables asking for a daily series of a year: a DAILY value and two dates a year apart. */
function isDailyYear(variables: Record<string, unknown>): boolean {
  const values = Object.values(variables).filter((v): v is string => typeof v === 'string');
  if (!values.some((v) => v.toUpperCase() === 'DAILY')) return false;
  const dates = values.filter((v) => /^\d{4}-\d{2}-\d{2}/.test(v)).map((v) => Date.parse(v.slice(0, 10)));
  return dates.length >= 2 && (Math.max(...dates) - Math.min(...dates)) / 86_400_000 + 1 >= YEAR_DAYS;
}

/** `data.getAccountAnalytics.overview.timeseries`, each day with the fields the cleaner reads. */
function checkAnalytics(body: Buffer | null, what: string): void {
  let doc: unknown;
  try {
    doc = JSON.parse(body?.toString('utf8') ?? '');
  } catch {
    throw schemaDrift(what, 'the response is not valid JSON');
  }
  const data = isObject(doc) ? doc.data : undefined;
  const analytics = isObject(data) ? data[ANALYTICS_OPERATION] : undefined;
  const overview = isObject(analytics) ? analytics.overview : undefined;
  if (!isObject(overview)) {
    const errors =
      isObject(doc) && Array.isArray(doc.errors)
        ? `; errors: ${doc.errors
            .map((e) => (isObject(e) ? String(e.message) : '?'))
            .join(', ')
            .slice(0, 200)}`
        : '';
    throw schemaDrift(what, `no data.${ANALYTICS_OPERATION}.overview${errors}`);
  }
  const series = overview.timeseries;
  if (!Array.isArray(series)) throw schemaDrift(what, `no data.${ANALYTICS_OPERATION}.overview.timeseries array`);
  series.forEach((day, i) => {
    const missing = isObject(day) ? DAY_FIELDS.filter((f) => !(f in day)) : [...DAY_FIELDS];
    if (missing.length) throw schemaDrift(what, `overview.timeseries[${i}] has no ${missing.join(', ')}`);
  });
}

function usernameOf(entry: GraphqlEntry | undefined): string | undefined {
  if (!entry?.body) return undefined;
  try {
    const doc = JSON.parse(entry.body.toString('utf8')) as unknown;
    const user = isObject(doc) && isObject(doc.data) ? doc.data.currentUser : undefined;
    const name = isObject(user) ? user.username : undefined;
    return typeof name === 'string' && /^[A-Za-z0-9._]{1,100}$/.test(name) ? name : undefined;
  } catch {
    return undefined;
  }
}

function parses(body: Buffer | null): body is Buffer {
  if (!body) return false;
  try {
    JSON.parse(body.toString('utf8'));
    return true;
  } catch {
    return false;
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

async function optionWhere(select: Locator, match: (o: { value: string; label: string }) => boolean): Promise<string | undefined> {
  return (await optionsOf(select)).find(match)?.value;
}
