import express, { type Request, type Response, type NextFunction, Router } from 'express';
import { createExpressMiddleware, cspHeader } from 'agendash';
import type { DataSource } from 'typeorm';
import type { Logger } from '../config/logger';
import type { JobsRuntime } from '../jobs/jobs-runtime';
import { authenticate } from './auth';

const COOKIE = 'admin_token';

function cookieToken(req: Request): string | undefined {
  const header = req.headers.cookie ?? '';
  for (const part of header.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === COOKIE) return decodeURIComponent(v.join('='));
  }
  return undefined;
}

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function loginPage(message = ''): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>Jobs admin — sign in</title></head>
<body style="font-family:system-ui;max-width:28rem;margin:4rem auto">
<h1>Jobs admin</h1><p>Sign in with an ADMIN API token (<code>npm run token -- create &lt;name&gt; ADMIN</code>).</p>
${message ? `<p role="alert" style="color:#b00">${escape(message)}</p>` : ''}
<form method="post" action="/admin/login"><label>Token <input name="token" type="password" autocomplete="off" required style="width:100%"></label>
<p><button type="submit">Sign in</button></p></form></body></html>`;
}

/**
 * Agendash at /admin/jobs, for admins only: a bearer token in the Authorization header, or a
 * sign-in at /admin/login that sets an HttpOnly, SameSite=Strict cookie (so no other site can
 * make the browser act on the dashboard). Its assets are served from the installed package.
 */
export function adminJobsRouter(ds: DataSource, jobs: JobsRuntime, logger: Logger): Router {
  const router = Router();

  router.get('/admin/login', (_req, res) => {
    res.type('html').send(loginPage());
  });
  router.post('/admin/login', express.urlencoded({ extended: false, limit: '4kb' }), async (req: Request, res: Response) => {
    const token = typeof req.body?.token === 'string' ? req.body.token.trim() : '';
    const principal = await authenticate(ds, `Bearer ${token}`, false).catch(() => null);
    if (principal?.role !== 'ADMIN') {
      logger.warn('admin sign-in refused', { ip: req.ip });
      res.status(401).type('html').send(loginPage('That token is not a valid ADMIN token.'));
      return;
    }
    const secure = req.secure ? '; Secure' : '';
    res.setHeader('Set-Cookie', `${COOKIE}=${encodeURIComponent(token)}; HttpOnly; SameSite=Strict; Path=/admin; Max-Age=43200${secure}`);
    res.redirect(303, '/admin/jobs/');
  });
  router.post('/admin/logout', (_req, res) => {
    res.setHeader('Set-Cookie', `${COOKIE}=; HttpOnly; SameSite=Strict; Path=/admin; Max-Age=0`);
    res.redirect(303, '/admin/login');
  });

  const requireAdmin = async (req: Request, res: Response, next: NextFunction) => {
    const header = req.headers.authorization ?? (cookieToken(req) ? `Bearer ${cookieToken(req)}` : undefined);
    const principal = header ? await authenticate(ds, header, false).catch(() => null) : null;
    if (principal?.role === 'ADMIN') {
      next();
      return;
    }
    const wantsHtml = req.method === 'GET' && (req.headers.accept ?? '').includes('text/html');
    if (wantsHtml && !principal) {
      res.redirect(303, '/admin/login');
      return;
    }
    res.status(principal ? 403 : 401).json({ error: principal ? 'this needs the ADMIN role' : 'sign in with an ADMIN token' });
  };
  router.use('/admin/jobs', requireAdmin, (_req, res, next) => {
    res.setHeader('Content-Security-Policy', cspHeader);
    next();
  }, createExpressMiddleware(jobs.agenda));
  return router;
}
