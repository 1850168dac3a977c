import express, { type Request, type Response, type NextFunction, Router } from 'express';
import { createExpressMiddleware, cspHeader } from 'agendash';
import type { DataSource } from 'typeorm';
import type { Logger } from '../config/logger';
import type { JobsRuntime } from '../jobs/jobs-runtime';
import type { AppConfig } from '../config/config';
import { LoginThrottle, type SessionStore } from './sessions';
import { hashToken, principalForTokenHash } from '../access/api-tokens';
import { authenticate } from './auth';

const COOKIE = 'admin_session';

function cookie(req: Request, name: string): string | undefined {
  const header = req.headers.cookie ?? '';
  for (const part of header.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) {
      try {
        return decodeURIComponent(v.join('='));
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function loginPage(message = ''): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>Jobs admin — sign in</title></head>
<body style="font-family:system-ui;max-width:28rem;margin:4rem auto">
<h1>Jobs admin</h1><p>Sign in with an ADMIN API token (<code>npm run token -- create --role admin --name me</code>).</p>
${message ? `<p role="alert" style="color:#b00">${escape(message)}</p>` : ''}
<form method="post" action="/admin/login"><label>Token <input name="token" type="password" autocomplete="off" required style="width:100%"></label>
<p><button type="submit">Sign in</button></p></form></body></html>`;
}

/**
 * Agendash at /admin/jobs, for admins only: a bearer token in the Authorization header, or a
 * sign-in at /admin/login that opens a server-side session. Its cookie holds only the session id:
 * HttpOnly, SameSite=Strict (no other site can make the browser act on the dashboard), and Secure
 * whenever the request came over HTTPS (directly, or through a proxy trusted by TRUST_PROXY).
 * Logging out ends the session on the server; repeated failed sign-ins from one address are
 * refused for a while. Its assets are served from the installed package.
 */
export function adminJobsRouter(
  ds: DataSource,
  jobs: JobsRuntime,
  logger: Logger,
  admin: AppConfig['admin'],
  sessions: SessionStore,
): Router {
  const router = Router();
  const throttle = new LoginThrottle(admin.loginMaxFailures);
  const cookieAttributes = (req: Request) => `HttpOnly; SameSite=Strict; Path=/admin${req.secure ? '; Secure' : ''}`;

  router.get('/admin/login', (_req, res) => {
    res.type('html').send(loginPage());
  });
  router.post(
    '/admin/login',
    express.urlencoded({ extended: false, limit: '4kb', parameterLimit: 10 }),
    async (req: Request, res: Response) => {
      const address = req.ip ?? 'unknown';
      const wait = throttle.blockedFor(address);
      if (wait !== null) {
        logger.warn('admin sign-in throttled', { ip: address });
        res
          .status(429)
          .set('Retry-After', String(wait))
          .type('html')
          .send(loginPage(`Too many failed sign-ins. Try again in ${wait} s.`));
        return;
      }
      // A form post: the body is whatever the client sent, so the field is checked before use.
      const field: unknown = (req.body as { token?: unknown } | undefined)?.token;
      const token = typeof field === 'string' ? field.trim() : '';
      const principal = token ? await authenticate(ds, `Bearer ${token}`, false).catch(() => null) : null;
      if (principal?.role !== 'ADMIN') {
        throttle.fail(address);
        logger.warn('admin sign-in refused', { ip: address });
        res.status(401).type('html').send(loginPage('That token is not a valid ADMIN token.'));
        return;
      }
      throttle.succeed(address);
      const id = await sessions.open(hashToken(token));
      res.setHeader('Set-Cookie', `${COOKIE}=${id}; ${cookieAttributes(req)}; Max-Age=${admin.sessionHours * 3600}`);
      res.redirect(303, '/admin/jobs/');
    },
  );
  router.post('/admin/logout', async (req, res) => {
    await sessions.close(cookie(req, COOKIE));
    res.setHeader('Set-Cookie', `${COOKIE}=; ${cookieAttributes(req)}; Max-Age=0`);
    res.redirect(303, '/admin/login');
  });

  const requireAdmin = async (req: Request, res: Response, next: NextFunction) => {
    const header = req.headers.authorization;
    const sessionHash = header ? null : sessions.tokenHashOf(cookie(req, COOKIE));
    const principal = header
      ? await authenticate(ds, header, false).catch(() => null)
      : sessionHash
        ? await principalForTokenHash(ds, sessionHash)
        : null;
    if (principal?.role === 'ADMIN') {
      next();
      return;
    }
    const wantsHtml = req.method === 'GET' && (req.headers.accept ?? '').includes('text/html');
    if (wantsHtml && !principal) {
      res.redirect(303, '/admin/login');
      return;
    }
    res.status(principal ? 403 : 401).json({
      error: principal ? 'this needs the ADMIN role' : 'sign in with an ADMIN token',
      errors: [
        {
          message: principal ? 'this needs the ADMIN role' : 'sign in with an ADMIN token',
          extensions: { code: principal ? 'FORBIDDEN' : 'UNAUTHENTICATED' },
        },
      ],
    });
  };
  router.use(
    '/admin/jobs',
    requireAdmin,
    (_req, res, next) => {
      res.setHeader('Content-Security-Policy', cspHeader);
      next();
    },
    createExpressMiddleware(jobs.agenda),
  );
  return router;
}
