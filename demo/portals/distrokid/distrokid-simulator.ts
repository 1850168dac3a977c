/**
 * A simulated DistroKid web app (distrokid.com), close enough to the real flow to exercise the
 * extractor: /signin (e-mail, password), /signin/2fa (a TOTP code checked against the simulator's
 * seed; a code already used is refused), a `dk_session` cookie (30 days); /stats/?data=streams and
 * /stats/applemusic/ serving the statistics pages of the sample generator (AmCharts served by a
 * local stand-in, so nothing is fetched from the internet); /bank/details/ with a "Download TSV"
 * link to the bank details export (Content-Disposition attachment, bare-CR lines).
 *
 * Faults (PortalFaults, plus wrongTotp): twoFactor (on by default) asks for the TOTP code;
 * wrongTotp checks codes against another seed; expiredSession drops every session once;
 * rateLimit (429, Retry-After: 1) and slowPage hit the streams statistics page; serverError
 * (500) hits the TSV export; renamedElement renames the "Download TSV" link; malformedJson cuts
 * the Apple Music page's `chartData` in half; changedColumn renames `Earnings (USD)` in the export;
 * signedOutStats answers the streams page with DistroKid's public landing page (a session the
 * portal dropped without redirecting).
 */
import crypto from 'node:crypto';
import express, { type Request, type RequestHandler, type Response } from 'express';
import { generateSecret } from 'otplib';
import { listen } from '../http-server';
import { cookiesOf, expireSessionsWhenAsked } from '../portal-kit/cookies';
import { createFaults, slowWhenAsked } from '../portal-kit/faults';
import { esc, htmlPage, isoDay } from '../portal-kit/html';
import type { RunningPortal } from '../portal-kit/running';
import { mountTotpLogin, type TotpFaults, type TotpLog, type TotpSimulatorOptions } from '../portal-kit/totp-login';
import { signedOutLandingHtml } from '../../sample-exports/distrokid-streams-page';
import { type DistrokidSimData, distrokidSimData } from './data';

export type DistrokidFaults = TotpFaults & { signedOutStats: boolean };
export type DistrokidSimulatorOptions = TotpSimulatorOptions;
export type DistrokidTotpLog = TotpLog;

export interface RunningDistrokid extends RunningPortal<DistrokidSimData> {
  faults: DistrokidFaults;
  credentials: { login: string; password: string; totpSecret: string };
  totp: DistrokidTotpLog;
  hits: { streamsStats: number; appleMusicStats: number; bankExports: number };
}

const SESSION_DAYS = 30;

/** Enough of AmCharts 3 for the pages to render: each chart becomes an SVG with its point count. */
const AMCHARTS_STUB = `window.AmCharts = { charts: [], makeChart: function (id, config) {
  var div = document.getElementById(id), n = (config.dataProvider || []).length;
  if (div) div.innerHTML = '<svg xmlns="http://www.w3.org/2000/svg" width="640" height="280" class="amcharts-main-div"><text x="12" y="24">' + n + ' points</text></svg>';
  var chart = { div: id, config: config }; this.charts.push(chart); return chart;
} };`;

/** Enough of jQuery for the page's own scripts (tab clicks) to run without errors. */
const JQUERY_STUB = `window.$ = window.jQuery = function (arg) {
  var none = { on: function () { return none; }, addClass: function () { return none; }, removeClass: function () { return none; }, data: function () { return ''; } };
  if (typeof arg === 'function') { document.addEventListener('DOMContentLoaded', arg); }
  return none;
};`;

/** A generator page as the simulator serves it: local AmCharts, the demo banner, a Sign out link. */
function servedPage(html: string): string {
  const page = html
    .replace(/https:\/\/www\.amcharts\.com\/lib\/3\//g, '/js/amcharts/')
    .replace(/https:\/\/ajax\.googleapis\.com\/ajax\/libs\/jquery\/[^"]+/g, '/js/jquery.js')
    .replace(/https:\/\/distrokid\.com\/css\/[^"]+/g, '/css/dk.css')
    .replace(/<body([^>]*)>/, '<body$1>\n<p class="banner">Simulated portal for tests and the demo: not the real service.</p>');
  return page.includes('href="/signout"')
    ? page
    : page.replace('<a href="/stats/">Stats</a></header>', '<a href="/stats/">Stats</a> <a href="/signout">Sign out</a></header>');
}

/** The Apple Music page with `var chartData = {…}` cut in half, as a truncated page would be. */
function truncateChartData(html: string): string {
  const start = html.indexOf('var chartData = {');
  const end = html.indexOf('</script>', start);
  return `${html.slice(0, start + Math.floor((end - start) / 2))}\n${html.slice(end)}`;
}

export async function startDistrokidSimulator(opts: DistrokidSimulatorOptions = {}): Promise<RunningDistrokid> {
  const faults: DistrokidFaults = { ...createFaults(), twoFactor: true, wrongTotp: false, signedOutStats: false };
  const data = distrokidSimData(opts.today ?? isoDay(new Date()), opts.seed);
  const credentials = { login: 'royalties@zone-a0.example', password: 'Dk-p4ss w0rd & "quotes"', totpSecret: generateSecret() };
  const otherSeed = generateSecret();
  const totpClock = opts.totpClock ?? (() => Date.now());
  const stats = { logins: 0, failedLogins: 0, challenges: 0 };
  const issuedCookies: string[] = [];
  const hits = { streamsStats: 0, appleMusicStats: 0, bankExports: 0 };
  const sessions = new Set<string>();

  const signedIn = (req: Request): boolean => sessions.has(cookiesOf(req).get('dk_session') ?? '');
  const requirePage: RequestHandler = (req, res, next) => (signedIn(req) ? next() : res.redirect(302, '/signin'));
  const issueSession = (res: Response): void => {
    const value = crypto.randomBytes(32).toString('hex');
    sessions.add(value);
    issuedCookies.push(value);
    stats.logins++;
    res.append('Set-Cookie', `dk_session=${value}; Path=/; Max-Age=${SESSION_DAYS * 86_400}; HttpOnly; SameSite=Lax`);
  };

  const header =
    '<header><a href="/dashboard/">DistroKid</a> · <a href="/bank/">Bank</a> · <a href="/stats/?data=streams">Stats</a> · <a href="/signout">Sign out</a></header>';
  const signinPage = (error?: string): string =>
    htmlPage(
      'DistroKid | Sign in',
      `<h1>Sign in</h1>${error ? `<div class="signin-error" role="alert">${esc(error)}</div>` : ''}
<form id="signin-form" method="post" action="/signin">
<label>Email <input type="email" name="email" autocomplete="username"></label><br>
<label>Password <input type="password" name="password" autocomplete="current-password"></label><br>
<button type="submit">Sign in</button></form>`,
    );
  const twoFactorPage = (error?: string): string =>
    htmlPage(
      'DistroKid | Two-factor authentication',
      `<h1>Two-factor authentication</h1>${error ? `<div class="signin-error" role="alert">${esc(error)}</div>` : ''}
<form id="two-factor-form" method="post" action="/signin/2fa">
<label>Enter the 6-digit code from your authenticator app <input name="code" inputmode="numeric" autocomplete="one-time-code"></label>
<button type="submit">Verify</button></form>`,
    );

  const app = express();
  app.use(expireSessionsWhenAsked(faults, () => sessions.clear()));

  app.get('/', (_req, res) => res.redirect(302, '/dashboard/'));
  app.get('/js/amcharts/amcharts.js', (_req, res) => void res.type('text/javascript').send(AMCHARTS_STUB));
  app.get('/js/amcharts/serial.js', (_req, res) => void res.type('text/javascript').send('/* serial charts: built into the stand-in */'));
  app.get('/js/jquery.js', (_req, res) => void res.type('text/javascript').send(JQUERY_STUB));
  app.get('/css/dk.css', (_req, res) => void res.type('text/css').send('.banner { background: #ffd; }'));

  const totpLog = mountTotpLogin(app, {
    faults,
    credentials,
    otherSeed,
    clock: totpClock,
    stats,
    issueSession,
    loginPage: signinPage,
    twoFactorPage,
    paths: { login: '/signin', twoFactor: '/signin/2fa', home: '/dashboard/' },
    pendingCookie: 'dk_2fa',
    codeField: 'code',
    refusedStatus: 200,
    messages: {
      badPassword: 'Incorrect email or password.',
      badCode: 'That code is not right. Check your authenticator app and try again.',
      reusedCode: 'That code has already been used. Wait for the next one.',
    },
  });
  app.get('/signout', (req, res) => {
    sessions.delete(cookiesOf(req).get('dk_session') ?? '');
    res.redirect(302, '/signin');
  });

  app.get('/dashboard/', requirePage, (_req, res) => {
    res.type('html').send(htmlPage('DistroKid | Dashboard', `${header}<h1>Your music</h1><p>12 releases live in 150+ stores.</p>`));
  });

  app.get(
    '/stats/',
    requirePage,
    (req, res, next) => {
      if (req.query.data !== 'streams') return void res.redirect(302, '/stats/?data=streams');
      if (faults.rateLimit) return void res.status(429).set('Retry-After', '1').type('text/plain').send('Too Many Requests');
      next();
    },
    slowWhenAsked(faults, opts.slowPageMs ?? 5000),
    (_req, res) => {
      hits.streamsStats++;
      res.type('html').send(faults.signedOutStats ? signedOutLandingHtml() : servedPage(data.streamsHtml));
    },
  );
  app.get('/stats/applemusic/', requirePage, (_req, res) => {
    hits.appleMusicStats++;
    const html = servedPage(data.appleHtml);
    res.type('html').send(faults.malformedJson ? truncateChartData(html) : html);
  });

  app.get('/bank/', requirePage, (_req, res) => {
    res
      .type('html')
      .send(
        htmlPage(
          'DistroKid | Bank',
          `${header}<h1>Bank</h1><p>Your balance: $1,234.56</p><a href="/bank/details/">See excruciating detail</a>`,
        ),
      );
  });
  app.get('/bank/details/', requirePage, (_req, res) => {
    const link = faults.renamedElement ? { id: 'export-bank-details', text: 'Export' } : { id: 'download-bank-tsv', text: 'Download TSV' };
    res
      .type('html')
      .send(
        htmlPage(
          'DistroKid | Excruciating detail',
          `${header}<h1>Excruciating detail</h1><p>${data.bank.totals.rows} lines</p><a id="${link.id}" class="btn" href="/bank/details/export.tsv">${link.text}</a>`,
        ),
      );
  });
  app.get('/bank/details/export.tsv', requirePage, (_req, res) => {
    if (faults.serverError) return void res.status(500).type('html').send(htmlPage('Error', '<h1>Something went wrong</h1>'));
    hits.bankExports++;
    const tsv = faults.changedColumn ? data.bank.tsv.replace('\tEarnings (USD)', '\tEarnings (EUR)') : data.bank.tsv;
    res
      .status(200)
      .set('Content-Type', 'text/tab-separated-values; charset=utf-8')
      .set('Content-Disposition', `attachment; filename="DistroKid_BankDetails_${Math.floor(Date.now() / 1000)}.tsv"`)
      .send(tsv);
  });

  const running = await listen(app, opts.port);
  return { ...running, faults, data, credentials, stats, issuedCookies, totp: totpLog, hits };
}
