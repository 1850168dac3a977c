/**
 * A simulated Linktree admin: login form, session cookie, the admin home, and the analytics page
 * whose script POSTs GraphQL operations to /graphql — currentUser, links, socials on load, then
 * referrers, locations and getAccountAnalytics (overview with its timeseries) for the chosen date
 * range and granularity. Like the real page it switches to weekly figures for long ranges, so a
 * daily year has to be asked for. Switches: expiredSession, twoFactor, rateLimit/serverError (every
 * GraphQL POST), slowPage (the analytics page), renamedElement (the date range picker),
 * malformedJson (getAccountAnalytics truncated), changedColumn (`totalViews` renamed `views` in the series).
 */
import express from 'express';
import { listen } from '../http-server';
import { createPortalApp } from '../portal-kit/app';
import { createFaults, dataFaults, slowWhenAsked, truncatedJson } from '../portal-kit/faults';
import { htmlPage, isoDay } from '../portal-kit/html';
import type { PortalSimulatorOptions, RunningPortal } from '../portal-kit/running';
import { analyticsResponse, type Granularity, linktreeSimData, type LinktreeSimData, otherOperations } from './data';

export type LinktreeSimulator = RunningPortal<LinktreeSimData> & {
  /** Operation names of every GraphQL POST received, in order. */
  operations: string[];
  /** Operations the page stops calling (a redesign that renamed or dropped them); tests may fill it. */
  skippedOperations: Set<string>;
};

const RANGES = [7, 28, 90, 365];
const GRANULARITIES: Granularity[] = ['DAILY', 'WEEKLY', 'MONTHLY'];

export async function startLinktreeSimulator(opts: PortalSimulatorOptions = {}): Promise<LinktreeSimulator> {
  const faults = createFaults();
  const credentials = { login: 'label@example.com', password: 'linktree-sim-password' };
  const data = linktreeSimData(opts.today ?? isoDay(new Date()));
  const others = otherOperations(data);
  const operations: string[] = [];
  const skippedOperations = new Set<string>();
  const { app, auth } = createPortalApp({
    faults,
    cookieName: 'linktree_session',
    credentials,
    loginPath: '/login',
    homePath: '/admin',
    form: {
      title: 'Log in to your Linktree',
      userLabel: 'Email or username',
      userId: 'username',
      passwordId: 'password',
      submitId: 'login-submit',
      submitText: 'Log in',
    },
  });

  app.get('/admin', auth.requirePage, (_req, res) => {
    res
      .type('html')
      .send(
        htmlPage(
          'Linktree admin',
          `<nav data-testid="admin-nav"><a href="/admin">Links</a> · <a href="/admin/analytics">Analytics</a></nav><h1>@${data.username}</h1>`,
        ),
      );
  });

  app.get('/admin/analytics', auth.requirePage, slowWhenAsked(faults, opts.slowPageMs ?? 5000), (_req, res) => {
    const rangeId = faults.renamedElement ? 'analytics-period-picker' : 'analytics-date-range';
    const ranges = RANGES.map((d) => `<option value="${d}"${d === 7 ? ' selected' : ''}>Last ${d} days</option>`).join('');
    const grains = GRANULARITIES.map((g) => `<option value="${g}">${g[0]}${g.slice(1).toLowerCase()}</option>`).join('');
    res.type('html').send(
      htmlPage(
        'Linktree admin – Analytics',
        `<nav data-testid="admin-nav"><a href="/admin">Links</a> · <a href="/admin/analytics">Analytics</a></nav><h1>Analytics</h1>
<select data-testid="${rangeId}">${ranges}</select> <select data-testid="analytics-granularity">${grains}</select>
<p>Views: <strong id="total-views">…</strong> · Clicks: <strong id="total-clicks">…</strong></p>`,
        `const today = ${JSON.stringify(data.today)};
const skipped = ${JSON.stringify([...skippedOperations])};
const range = document.querySelector('select');
const grain = document.querySelector('[data-testid="analytics-granularity"]');
const day = (n) => { const d = new Date(today + 'T00:00:00Z'); d.setUTCDate(d.getUTCDate() - n); return d.toISOString().slice(0, 10); };
const gql = (operationName, variables) => skipped.includes(operationName) ? Promise.resolve(null) : fetch('/graphql', { method: 'POST', headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ operationName, query: 'query ' + operationName + ' { … }', variables }) }).then((r) => r.json()).catch(() => null);
function analytics() {
  const variables = { startDate: day(Number(range.value) - 1), endDate: today, granularity: grain.value };
  gql('referrers', variables); gql('locations', variables);
  gql('getAccountAnalytics', variables).then((r) => {
    const o = r && r.data && r.data.getAccountAnalytics && r.data.getAccountAnalytics.overview;
    document.getElementById('total-views').textContent = o ? o.totalViews : '–';
    document.getElementById('total-clicks').textContent = o ? o.totalClicks : '–';
  });
}
range.addEventListener('change', () => { if (Number(range.value) >= 90 && grain.value === 'DAILY') grain.value = 'WEEKLY'; analytics(); });
grain.addEventListener('change', analytics);
gql('currentUser', {}); gql('links', {}); gql('socials', {});
analytics();`,
      ),
    );
  });

  app.post(
    '/graphql',
    auth.requireApi,
    express.json(),
    (req, _res, next) => {
      operations.push(String((req.body as { operationName?: unknown } | undefined)?.operationName ?? '?'));
      next();
    },
    dataFaults(faults),
    (req, res) => {
      const { operationName, variables } = (req.body ?? {}) as { operationName?: string; variables?: Record<string, unknown> };
      if (operationName === 'getAccountAnalytics') {
        const v = variables ?? {};
        const granularity = GRANULARITIES.find((g) => g === v.granularity) ?? 'DAILY';
        let json = JSON.stringify(analyticsResponse(data, String(v.startDate), String(v.endDate), granularity));
        if (faults.changedColumn) json = json.replace(/"totalViews":(\d+),"uniqueViews"/g, '"views":$1,"uniqueViews"');
        res
          .status(200)
          .type('application/json')
          .send(faults.malformedJson ? truncatedJson(json) : json);
        return;
      }
      const answer = operationName && operationName in others ? others[operationName as keyof typeof others] : undefined;
      if (answer === undefined)
        return void res
          .status(200)
          .json({ errors: [{ message: 'PersistedQueryNotFound', extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } }], data: null });
      res.status(200).json(answer);
    },
  );

  const running = await listen(app, opts.port);
  return { ...running, faults, data, credentials, stats: auth.stats, issuedCookies: auth.issuedCookies, operations, skippedOperations };
}
