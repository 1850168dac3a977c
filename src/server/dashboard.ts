import fs from 'node:fs';
import path from 'node:path';
import express, { type Request, type Response, Router } from 'express';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '../config/config';
import type { Logger } from '../config/logger';
import { hashToken } from '../access/api-tokens';
import { authenticate } from './auth';
import { credentialsFromHeaders, readCookie, SESSION_COOKIE } from './dashboard-session';
import type { SessionStore } from './sessions';

/** Built by `npm run build` (vite build of web/) into dist/web, beside dist/src (whether we run from dist or from the sources). */
const OUT_ROOT = path.resolve(__dirname, '../..');
const WEB_DIR = path.basename(OUT_ROOT) === 'dist' ? path.join(OUT_ROOT, 'web') : path.join(OUT_ROOT, 'dist', 'web');

/** Everything from our own origin; the WebSocket for subscriptions is same-origin too. */
export const DASHBOARD_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  // No <style> elements; ECharts' tooltip HTML carries style="" attributes (they cannot run script).
  "style-src 'self'",
  "style-src-attr 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

function sessionCookie(req: Request, sessionId: string, maxAge: number): string {
  const secure = req.secure ? '; Secure' : '';
  // Path=/ so that /graphql receives it; SameSite=Strict keeps other sites from riding on it.
  return `${SESSION_COOKIE}=${sessionId}; HttpOnly; SameSite=Strict; Path=/; Max-Age=${maxAge}${secure}`;
}

/**
 * The label dashboard at /dashboard (a Vite build of web/) and its sign-in endpoints: a good token
 * opens a server-side session whose id is the cookie (/graphql and graphql-ws accept it, see
 * credentialsFromHeaders). CSRF: sign-in accepts JSON only (a cross-site form
 * cannot send it without a preflight) and /graphql keeps Apollo's CSRF prevention.
 */
export function dashboardRouter(ds: DataSource, config: AppConfig, logger: Logger, sessions: SessionStore): Router {
  const router = Router();
  const headers = { 'Content-Security-Policy': DASHBOARD_CSP, 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'no-referrer' };
  const index = path.join(WEB_DIR, 'index.html');

  router.get('/', (_req, res) => res.redirect(302, '/dashboard'));

  router.get('/dashboard/session', async (req, res) => {
    const principal = await authenticate(ds, credentialsFromHeaders(req.headers, sessions), config.allowAnonymousRead).catch(() => null);
    res.set({ 'Cache-Control': 'no-store' });
    if (!principal?.role) {
      res.status(401).json({ error: { code: 'UNAUTHENTICATED', message: 'sign in with an API token' } });
      return;
    }
    res.json({ role: principal.role, name: principal.name });
  });

  router.post('/dashboard/session', express.json({ limit: '4kb' }), async (req: Request, res: Response) => {
    res.set({ 'Cache-Control': 'no-store' });
    if (!req.is('application/json')) {
      res.status(415).json({ error: { code: 'BAD_REQUEST', message: 'send {"token": "..."} as application/json' } });
      return;
    }
    const body: unknown = req.body;
    const token = typeof body === 'object' && body !== null && 'token' in body && typeof body.token === 'string' ? body.token.trim() : '';
    if (!token) {
      res.status(400).json({ error: { code: 'BAD_REQUEST', message: 'field "token" is required' } });
      return;
    }
    const principal = await authenticate(ds, `Bearer ${token}`, false).catch(() => null);
    if (!principal?.role) {
      logger.warn('dashboard sign-in refused', { ip: req.ip });
      res.status(401).json({ error: { code: 'UNAUTHENTICATED', message: 'that token is not valid (or it was revoked)' } });
      return;
    }
    res.setHeader('Set-Cookie', sessionCookie(req, await sessions.open(hashToken(token)), config.admin.sessionHours * 3600));
    res.json({ role: principal.role, name: principal.name });
  });

  router.delete('/dashboard/session', async (req, res) => {
    await sessions.close(readCookie(req.headers.cookie, SESSION_COOKIE));
    res.setHeader('Set-Cookie', sessionCookie(req, '', 0));
    res.status(204).end();
  });

  // Hashed asset names from Vite: safe to cache for a year. Only files under WEB_DIR/assets.
  router.use(
    '/dashboard/assets',
    express.static(path.join(WEB_DIR, 'assets'), {
      immutable: true,
      maxAge: '365d',
      index: false,
      fallthrough: false,
      setHeaders: (res) => res.set(headers),
    }),
  );

  router.get(['/dashboard', '/dashboard/*rest'], (_req, res) => {
    res.set({ ...headers, 'Cache-Control': 'no-cache' });
    if (!fs.existsSync(index)) {
      res.status(503).type('text/plain').send('the dashboard is not built: run `npm run build`\n');
      return;
    }
    res.sendFile(index);
  });
  return router;
}
