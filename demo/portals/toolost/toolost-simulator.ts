/**
 * A simulated TooLost portal (toolost.com), close enough to the real flow to exercise the
 * extractor: /login (e-mail, password) then /login/two-factor (a TOTP code checked against the
 * simulator's seed; a code already used is refused, as the real portal does), a session of a real
 * HS256 JWT in `jwt_token` (exp 7 days ahead) plus `laravel_session` and `XSRF-TOKEN`; the
 * analytics page whose own script calls the Spotify API on load and the Apple API when the
 * "Apple Music" tab is clicked (sending X-XSRF-TOKEN, as Laravel's axios does); the notifications
 * page with "Your MM-YYYY Sales report has been generated" and CSV attachments.
 *
 * Faults (PortalFaults, plus wrongTotp): twoFactor (on by default) asks for the TOTP code;
 * wrongTotp checks codes against another seed; expiredSession drops every session once;
 * rateLimit / serverError / malformedJson hit the analytics APIs; slowPage holds the analytics
 * page; renamedElement renames the Apple Music tab; changedColumn renames `Store` in the reports.
 */
import crypto from 'node:crypto';
import express, { type Request, type RequestHandler, type Response } from 'express';
import { generateSecret } from 'otplib';
import { listen } from '../http-server';
import { cookiesOf, expireSessionsWhenAsked } from '../portal-kit/cookies';
import { createFaults, dataFaults, slowWhenAsked, truncatedJson } from '../portal-kit/faults';
import { esc, htmlPage, isoDay } from '../portal-kit/html';
import type { RunningPortal } from '../portal-kit/running';
import { mountTotpLogin, type TotpFaults, type TotpLog, type TotpSimulatorOptions } from '../portal-kit/totp-login';
import { type ToolostSimData, toolostSimData } from './data';

export type ToolostFaults = TotpFaults;
export type ToolostSimulatorOptions = TotpSimulatorOptions;
export type ToolostTotpLog = TotpLog;

export interface RunningToolost extends RunningPortal<ToolostSimData> {
  faults: ToolostFaults;
  credentials: { login: string; password: string; totpSecret: string };
  totp: ToolostTotpLog;
  /** Requests per API and attachment downloads. */
  hits: { spotifyApi: number; appleApi: number; attachments: number };
}

const JWT_DAYS = 7;

const b64url = (v: string | Buffer): string => Buffer.from(v).toString('base64url');

/** The header of a sales report with `Store` renamed, as a redesign of the export would. */
function renameStoreColumn(csv: string): string {
  const eol = csv.search(/\r?\n/);
  const header = csv
    .slice(0, eol)
    .split(',')
    .map((c) => (c.replace(/^\ufeff/, '') === 'Store' ? c.replace('Store', 'Shop Front') : c));
  return header.join(',') + csv.slice(eol);
}

export async function startToolostSimulator(opts: ToolostSimulatorOptions = {}): Promise<RunningToolost> {
  const faults: ToolostFaults = { ...createFaults(), twoFactor: true, wrongTotp: false };
  const data = toolostSimData(opts.today ?? isoDay(new Date()), opts.seed);
  const credentials = { login: 'label@zone-a0.example', password: 'Corr3ct horse; battery "staple"', totpSecret: generateSecret() };
  const otherSeed = generateSecret();
  const totpClock = opts.totpClock ?? (() => Date.now());
  const jwtKey = crypto.randomBytes(32);
  const stats = { logins: 0, failedLogins: 0, challenges: 0 };
  const issuedCookies: string[] = [];
  const hits = { spotifyApi: 0, appleApi: 0, attachments: 0 };
  /** Live sessions by JWT id. */
  const sessions = new Map<string, { xsrf: string }>();

  const signJwt = (payload: object): string => {
    const head = `${b64url(JSON.stringify({ typ: 'JWT', alg: 'HS256' }))}.${b64url(JSON.stringify(payload))}`;
    return `${head}.${crypto.createHmac('sha256', jwtKey).update(head).digest('base64url')}`;
  };
  /** The session of a valid, unexpired, known JWT. */
  const sessionOf = (req: Request): { xsrf: string } | null => {
    const jwt = cookiesOf(req).get('jwt_token') ?? '';
    const [h, p, sig] = jwt.split('.');
    if (!h || !p || !sig) return null;
    const expected = crypto.createHmac('sha256', jwtKey).update(`${h}.${p}`).digest('base64url');
    if (sig.length !== expected.length || !crypto.timingSafeEqual(Buffer.from(sig), Buffer.from(expected))) return null;
    const claims = JSON.parse(Buffer.from(p, 'base64url').toString('utf8')) as { exp: number; jti: string };
    if (claims.exp * 1000 <= Date.now()) return null;
    return sessions.get(claims.jti) ?? null;
  };

  const issueSession = (res: Response): void => {
    const now = Math.floor(Date.now() / 1000);
    const jti = crypto.randomBytes(12).toString('hex');
    const jwt = signJwt({ iss: 'https://toolost.com', sub: '48213', iat: now, exp: now + JWT_DAYS * 86_400, jti });
    const laravel = crypto.randomBytes(30).toString('base64url');
    const xsrf = crypto.randomBytes(30).toString('base64url');
    sessions.set(jti, { xsrf });
    issuedCookies.push(jwt, laravel, xsrf);
    stats.logins++;
    const maxAge = JWT_DAYS * 86_400;
    res.append('Set-Cookie', `jwt_token=${jwt}; Path=/; Max-Age=${maxAge}; HttpOnly; SameSite=Lax`);
    res.append('Set-Cookie', `laravel_session=${laravel}; Path=/; Max-Age=${maxAge}; HttpOnly; SameSite=Lax`);
    res.append('Set-Cookie', `XSRF-TOKEN=${xsrf}; Path=/; Max-Age=${maxAge}; SameSite=Lax`);
  };

  const requirePage: RequestHandler = (req, res, next) => (sessionOf(req) ? next() : res.redirect(302, '/login'));
  const requireApi: RequestHandler = (req, res, next) => {
    const s = sessionOf(req);
    if (!s) return void res.status(401).json({ message: 'Unauthenticated.' });
    if (req.get('X-XSRF-TOKEN') !== s.xsrf) return void res.status(419).json({ message: 'CSRF token mismatch.' });
    next();
  };

  const nav = `<nav><a href="/user-portal/dashboard">Dashboard</a> · <a href="/user-portal/analytics/platform">Analytics</a> ·
<a href="/user-portal/notifications">Notifications</a> · <a href="/logout">Log out</a></nav>`;
  const loginPage = (error?: string): string =>
    htmlPage(
      'TooLost – Log in',
      `<h1>Log in to TooLost</h1>${error ? `<div class="alert alert-danger" role="alert">${esc(error)}</div>` : ''}
<form id="login-form" method="post" action="/login"><input type="hidden" name="_token" value="${crypto.randomBytes(20).toString('hex')}">
<label>E-mail <input type="email" name="email" autocomplete="username"></label><br>
<label>Password <input type="password" name="password" autocomplete="current-password"></label><br>
<button type="submit">Log in</button></form>`,
    );
  const twoFactorPage = (error?: string): string =>
    htmlPage(
      'TooLost – Two-factor authentication',
      `<h1>Two-factor authentication</h1>${error ? `<div class="alert alert-danger" role="alert">${esc(error)}</div>` : ''}
<form id="two-factor-form" method="post" action="/login/two-factor">
<label>Enter the code from your authenticator app <input name="one_time_password" inputmode="numeric" autocomplete="one-time-code"></label>
<button type="submit">Verify</button></form>`,
    );

  const app = express();
  app.use(expireSessionsWhenAsked(faults, () => sessions.clear()));

  app.get('/', (_req, res) => res.redirect(302, '/user-portal/dashboard'));
  const totpLog = mountTotpLogin(app, {
    faults,
    credentials,
    otherSeed,
    clock: totpClock,
    stats,
    issueSession,
    loginPage,
    twoFactorPage,
    paths: { login: '/login', twoFactor: '/login/two-factor', home: '/user-portal/dashboard' },
    pendingCookie: 'two_factor_pending',
    codeField: 'one_time_password',
    refusedStatus: 422,
    messages: {
      badPassword: 'These credentials do not match our records.',
      badCode: 'The two factor authentication code is invalid.',
      reusedCode: 'This code has already been used. Wait for the next one.',
    },
  });
  app.get('/logout', (req, res) => {
    const jwt = cookiesOf(req).get('jwt_token') ?? '';
    const p = jwt.split('.')[1];
    if (p) sessions.delete((JSON.parse(Buffer.from(p, 'base64url').toString('utf8')) as { jti: string }).jti);
    res.redirect(302, '/login');
  });

  app.get('/user-portal/dashboard', requirePage, (_req, res) => {
    res.type('html').send(htmlPage('TooLost – Dashboard', `${nav}<h1>Welcome back</h1><p>Releases: 12 · Pending payouts: $0.00</p>`));
  });

  // The analytics page: its script loads Spotify on load and a platform when its tab is clicked.
  app.get('/user-portal/analytics/platform', requirePage, slowWhenAsked(faults, opts.slowPageMs ?? 5000), (_req, res) => {
    const apple = faults.renamedElement ? { id: 'analytics-tab-am', text: 'Apple' } : { id: 'analytics-tab-apple', text: 'Apple Music' };
    res.type('html').send(
      htmlPage(
        'TooLost – Analytics',
        `${nav}<h1>Analytics</h1>
<div role="tablist"><button id="analytics-tab-spotify" data-platform="spotify" role="tab">Spotify</button>
<button id="${apple.id}" data-platform="apple" role="tab">${apple.text}</button></div>
<div id="analytics-panel">Loading…</div>`,
        `const urls = { spotify: '/api/portal/analytics/spotify?release=&date=thisYear', apple: '/api/portal/analytics/apple/?release=&date=thisYear' };
function xsrf() { const m = document.cookie.match(/(?:^|; )XSRF-TOKEN=([^;]*)/); return m ? decodeURIComponent(m[1]) : ''; }
async function load(platform) {
  const panel = document.getElementById('analytics-panel');
  const r = await fetch(urls[platform], { headers: { Accept: 'application/json', 'X-XSRF-TOKEN': xsrf() }, credentials: 'same-origin' });
  if (!r.ok) { panel.textContent = 'Could not load analytics (' + r.status + ')'; return; }
  try {
    const doc = JSON.parse(await r.text());
    const days = doc.streams || doc.totalStreams || [];
    panel.textContent = platform + ': ' + days.length + ' days';
  } catch (e) { panel.textContent = 'Something went wrong'; }
}
document.querySelectorAll('[data-platform]').forEach((b) => b.addEventListener('click', () => load(b.dataset.platform)));
load('spotify');`,
      ),
    );
  });

  const analyticsApi =
    (which: 'spotify' | 'apple'): RequestHandler =>
    (_req, res) => {
      hits[which === 'spotify' ? 'spotifyApi' : 'appleApi']++;
      const json = which === 'spotify' ? data.spotify.json : data.apple.json;
      res
        .status(200)
        .type('application/json')
        .send(faults.malformedJson ? truncatedJson(json) : json);
    };
  app.get('/api/portal/analytics/spotify', requireApi, dataFaults(faults), analyticsApi('spotify'));
  app.get('/api/portal/analytics/apple', requireApi, dataFaults(faults), analyticsApi('apple'));

  app.get('/user-portal/notifications', requirePage, (_req, res) => {
    const reports = [...data.reports].reverse().map(
      (r) => `<li class="notification"><p class="notification-message">Your ${r.month} Sales report has been generated</p>
<a class="notification-attachment" href="/user-portal/notifications/${r.id}/attachment">Download attachment</a></li>`,
    );
    const others = [
      '<li class="notification"><p class="notification-message">Your release "Static Bloom EP" is now live on Spotify</p></li>',
      '<li class="notification"><p class="notification-message">Your payout request has been processed</p></li>',
    ];
    res
      .type('html')
      .send(
        htmlPage(
          'TooLost – Notifications',
          `${nav}<h1>Notifications</h1><ul id="notifications">${[reports[0], ...others, ...reports.slice(1)].join('\n')}</ul>`,
        ),
      );
  });
  app.get('/user-portal/notifications/:id/attachment', requirePage, (req, res) => {
    const report = data.reports.find((r) => String(r.id) === req.params.id);
    if (!report) return void res.status(404).type('html').send(htmlPage('Not found', '<h1>404</h1>'));
    hits.attachments++;
    const csv = faults.changedColumn ? renameStoreColumn(report.sample.csv) : report.sample.csv;
    res
      .status(200)
      .set('Content-Type', 'text/csv; charset=UTF-8')
      .set('Content-Disposition', `attachment; filename="TooLost_Sales_Report_${report.month}.csv"`)
      .send(csv);
  });

  const running = await listen(app, opts.port);
  return { ...running, faults, data, credentials, stats, issuedCookies, totp: totpLog, hits };
}
