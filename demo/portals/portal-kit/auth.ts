import crypto from 'node:crypto';
import express, { type Express, type Request, type RequestHandler, type Response } from 'express';
import { cookiesOf, expireSessionsWhenAsked } from './cookies';
import type { PortalFaults } from './faults';
import { esc, htmlPage } from './html';

/** The code the simulated SMS/e-mail challenge accepts (for a person trying the demo by hand). */
export const SIMULATED_CHALLENGE_CODE = '246810';

export interface LoginFormLook {
  title: string;
  userLabel: string;
  userId: string;
  passwordId: string;
  submitId: string;
  submitText: string;
  /** Extra attributes of the submit button (`data-e2e="login-button"`). */
  submitAttrs?: string;
}

export interface PortalAuthOptions {
  faults: PortalFaults;
  cookieName: string;
  credentials: { login: string; password: string };
  /** Where the login form lives. */
  loginPath: string;
  /** Where a login without `next` lands. */
  homePath: string;
  form: LoginFormLook;
  sessionDays?: number;
}

export interface PortalSession {
  login: string;
  issuedAt: number;
  /** Per-session state a portal keeps (TikTok's active account). */
  values: Map<string, string>;
}

export interface PortalAuth {
  stats: { logins: number; failedLogins: number; challenges: number };
  /** Every session cookie value handed out, so tests can check none is stored in clear. */
  issuedCookies: string[];
  /** Login routes, plus the switch that expires every session. Mount before the portal's routes. */
  mount(app: Express): void;
  /** Pages: without a valid session, redirect to the login form (`?next=` the page). */
  requirePage: RequestHandler;
  /** JSON and downloads: without a valid session, 401. */
  requireApi: RequestHandler;
  session(res: Response): PortalSession;
}

/** Only same-site paths are followed after a login. */
const safeNext = (value: unknown, fallback: string): string => (typeof value === 'string' && /^\/(?!\/)/.test(value) ? value : fallback);

/** A login form with a session cookie, an optional code challenge and the expired-session switch. */
export function createPortalAuth(opts: PortalAuthOptions): PortalAuth {
  const sessions = new Map<string, PortalSession>();
  const pendingChallenges = new Map<string, { login: string; next: string }>();
  const stats = { logins: 0, failedLogins: 0, challenges: 0 };
  const issuedCookies: string[] = [];
  const challengePath = `${opts.loginPath}/challenge`;
  const maxAge = (opts.sessionDays ?? 30) * 86_400;

  const loginPage = (next: string, error?: string): string => {
    const f = opts.form;
    return htmlPage(
      f.title,
      `<h1>${esc(f.title)}</h1>
${error ? `<div class="login-error" role="alert">${esc(error)}</div>` : ''}
<form id="login-form" method="post" action="${opts.loginPath}">
  <input type="hidden" name="next" value="${esc(next)}">
  <label>${esc(f.userLabel)} <input id="${f.userId}" name="username" autocomplete="username"></label><br>
  <label>Password <input id="${f.passwordId}" name="password" type="password" autocomplete="current-password"></label><br>
  <button id="${f.submitId}" type="submit"${f.submitAttrs ? ` ${f.submitAttrs}` : ''}>${esc(f.submitText)}</button>
</form>`,
    );
  };

  const issue = (res: Response, login: string, next: string): void => {
    const value = crypto.randomBytes(24).toString('hex');
    sessions.set(value, { login, issuedAt: Date.now(), values: new Map() });
    issuedCookies.push(value);
    stats.logins++;
    res.set('Set-Cookie', `${opts.cookieName}=${value}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${maxAge}`);
    res.redirect(302, next);
  };

  const current = (req: Request): PortalSession | null => {
    const value = cookiesOf(req).get(opts.cookieName);
    return value ? (sessions.get(value) ?? null) : null;
  };

  return {
    stats,
    issuedCookies,
    mount(app) {
      app.use(expireSessionsWhenAsked(opts.faults, () => sessions.clear()));
      const form = express.urlencoded({ extended: false });
      app.get(opts.loginPath, (req, res) => {
        res.type('html').send(loginPage(safeNext(req.query.next, opts.homePath)));
      });
      app.post(opts.loginPath, form, (req, res) => {
        const body = (req.body ?? {}) as Record<string, unknown>;
        const next = safeNext(body.next, opts.homePath);
        if (body.username !== opts.credentials.login || body.password !== opts.credentials.password) {
          stats.failedLogins++;
          res.status(401).type('html').send(loginPage(next, 'Incorrect username or password.'));
          return;
        }
        if (opts.faults.twoFactor) {
          const id = crypto.randomBytes(12).toString('hex');
          pendingChallenges.set(id, { login: opts.credentials.login, next });
          stats.challenges++;
          res.set('Set-Cookie', `challenge=${id}; Path=/; HttpOnly; SameSite=Lax`);
          res.redirect(302, challengePath);
          return;
        }
        issue(res, opts.credentials.login, next);
      });
      app.get(challengePath, (_req, res) => {
        res.type('html').send(
          htmlPage(
            'Verify it is you',
            `<h1>Verify it's you</h1><form id="challenge-form" method="post" action="${challengePath}">
<label>Enter the 6-digit code we sent to your phone <input id="verification-code" name="code" inputmode="numeric"></label>
<button id="verify-button" type="submit">Verify</button></form>`,
          ),
        );
      });
      app.post(challengePath, form, (req, res) => {
        const id = cookiesOf(req).get('challenge') ?? '';
        const pending = pendingChallenges.get(id);
        if (!pending || (req.body as Record<string, unknown> | undefined)?.code !== SIMULATED_CHALLENGE_CODE) {
          res
            .status(401)
            .type('html')
            .send(htmlPage('Verify it is you', '<div class="login-error" role="alert">That code is not valid.</div>'));
          return;
        }
        pendingChallenges.delete(id);
        issue(res, pending.login, pending.next);
      });
    },
    requirePage(req, res, next) {
      const s = current(req);
      if (!s) {
        res.redirect(302, `${opts.loginPath}?next=${encodeURIComponent(req.originalUrl)}`);
        return;
      }
      res.locals.portalSession = s;
      next();
    },
    requireApi(req, res, next) {
      const s = current(req);
      if (!s) {
        res.status(401).json({ error: 'unauthorized' });
        return;
      }
      res.locals.portalSession = s;
      next();
    },
    session(res) {
      return res.locals.portalSession as PortalSession;
    },
  };
}
