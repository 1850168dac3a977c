/**
 * The e-mail/password form, then an authenticator-app (TOTP) code when `twoFactor` is on, as
 * DistroKid and TooLost run it: codes are checked against the simulator's seed (another one under
 * `wrongTotp`) and a code of a time step already used is refused, as the real portals do.
 */
import crypto from 'node:crypto';
import express, { type Express, type Response } from 'express';
import { verifySync } from 'otplib';
import type { PortalAuth } from './auth';
import { cookiesOf } from './cookies';
import type { PortalFaults } from './faults';
import type { PortalSimulatorOptions } from './running';

export type TotpFaults = PortalFaults & {
  /** The portal checks TOTP codes against another seed: every code is refused. */
  wrongTotp: boolean;
};

export interface TotpSimulatorOptions extends PortalSimulatorOptions {
  /** The clock (ms) the TOTP check uses; tests share a fake one with the extractor. Default Date.now. */
  totpClock?: () => number;
  seed?: number;
}

export interface TotpLog {
  accepted: Array<{ code: string; timeStep: number }>;
  rejected: Array<{ code: string; reason: 'invalid' | 'reused' }>;
}

export interface TotpLoginOptions {
  faults: TotpFaults;
  credentials: { login: string; password: string; totpSecret: string };
  /** The seed `wrongTotp` checks against. */
  otherSeed: string;
  clock: () => number;
  paths: { login: string; twoFactor: string; home: string };
  /** Names the pending-challenge cookie (scoped to the login path). */
  pendingCookie: string;
  /** The form field of the code. */
  codeField: string;
  /** The status a refused form comes back with (200 or 422, as each portal does). */
  refusedStatus: number;
  messages: { badPassword: string; badCode: string; reusedCode: string };
  loginPage(error?: string): string;
  twoFactorPage(error?: string): string;
  stats: PortalAuth['stats'];
  /** Sets the session cookies on a successful login. */
  issueSession(res: Response): void;
}

export function mountTotpLogin(app: Express, o: TotpLoginOptions): TotpLog {
  const log: TotpLog = { accepted: [], rejected: [] };
  const pending = new Set<string>();
  let lastTimeStep = -1;
  const form = express.urlencoded({ extended: false });
  const { login: loginPath, twoFactor, home } = o.paths;

  app.get(loginPath, (_req, res) => void res.type('html').send(o.loginPage()));
  app.post(loginPath, form, (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    if (body.email !== o.credentials.login || body.password !== o.credentials.password) {
      o.stats.failedLogins++;
      return void res.status(o.refusedStatus).type('html').send(o.loginPage(o.messages.badPassword));
    }
    if (!o.faults.twoFactor) {
      o.issueSession(res);
      return void res.redirect(302, home);
    }
    const id = crypto.randomBytes(12).toString('hex');
    pending.add(id);
    o.stats.challenges++;
    res.append('Set-Cookie', `${o.pendingCookie}=${id}; Path=${loginPath}; HttpOnly; SameSite=Lax`);
    res.redirect(302, twoFactor);
  });
  app.get(twoFactor, (req, res) => {
    if (!pending.has(cookiesOf(req).get(o.pendingCookie) ?? '')) return void res.redirect(302, loginPath);
    res.type('html').send(o.twoFactorPage());
  });
  app.post(twoFactor, form, (req, res) => {
    const id = cookiesOf(req).get(o.pendingCookie) ?? '';
    if (!pending.has(id)) return void res.redirect(302, loginPath);
    const code = String((req.body as Record<string, unknown> | undefined)?.[o.codeField] ?? '').trim();
    let result: { valid: boolean; timeStep?: number };
    try {
      result = verifySync({
        secret: o.faults.wrongTotp ? o.otherSeed : o.credentials.totpSecret,
        token: code,
        epoch: Math.floor(o.clock() / 1000),
        epochTolerance: 30,
      });
    } catch {
      result = { valid: false };
    }
    if (!result.valid || result.timeStep === undefined) {
      log.rejected.push({ code, reason: 'invalid' });
      return void res.status(o.refusedStatus).type('html').send(o.twoFactorPage(o.messages.badCode));
    }
    // Replay protection: a code of a time step already used (or older) is refused.
    if (result.timeStep <= lastTimeStep) {
      log.rejected.push({ code, reason: 'reused' });
      return void res.status(o.refusedStatus).type('html').send(o.twoFactorPage(o.messages.reusedCode));
    }
    lastTimeStep = result.timeStep;
    log.accepted.push({ code, timeStep: result.timeStep });
    pending.delete(id);
    o.issueSession(res);
    res.redirect(302, home);
  });
  return log;
}
