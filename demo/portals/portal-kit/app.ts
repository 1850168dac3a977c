import express, { type Express } from 'express';
import { createPortalAuth, type PortalAuth, type PortalAuthOptions } from './auth';

/** A portal's app with its login routes mounted and `/` sent to the home page (where a browser lands first). */
export function createPortalApp(opts: PortalAuthOptions): { app: Express; auth: PortalAuth } {
  const auth = createPortalAuth(opts);
  const app: Express = express();
  auth.mount(app);
  app.get('/', (_req, res) => res.redirect(302, opts.homePath));
  return { app, auth };
}
