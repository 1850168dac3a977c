/**
 * The e-mail/password form, then a TOTP code when the portal asks for one (DistroKid, TooLost):
 * the flow is the same, only the portal's selectors, paths and wording differ.
 */
import type { Page } from 'playwright-core';
import type { PortalCredentials } from '../../config/config';
import { outcomeOf, requireElement } from './bounded-steps';
import { ExtractionError } from './extraction-error';
import type { TotpSource } from './totp';

export interface PortalLogin {
  base: string;
  credentials: PortalCredentials;
  totp: TotpSource;
  timeoutMs: number;
  signal: AbortSignal;
  /** Called while waiting for a fresh TOTP window (up to ~35 s): the job reports it is alive. */
  onWait?: () => Promise<void>;
  log(message: string): void;
}

export interface TotpLoginForm {
  /** "DistroKid": starts every message. */
  portal: string;
  /** How the portal names its form: "sign-in" or "login". */
  form: string;
  /** "signed in to" / "logged in to", for the log line. */
  done: string;
  paths: { login: string; twoFactor: string };
  selectors: { email: string; password: string; submit: string; totpInput: string; totpSubmit: string; formError: string; loggedIn: string };
  /** Opens a page of the portal (its status and bounce checks). */
  open(page: Page, base: string, path: string): Promise<void>;
  noCredentials: string;
  noTotpSecret: string;
}

async function formError(page: Page, selector: string): Promise<string> {
  const text = await page.locator(selector).first().innerText().catch(() => '');
  return text.replace(/\s+/g, ' ').trim().slice(0, 200) || '(no message)';
}

export async function totpFormLogin(page: Page, f: TotpLoginForm, l: PortalLogin): Promise<void> {
  const { login, password, totpSecret } = l.credentials;
  if (!login || !password) throw new ExtractionError('SESSION_EXPIRED', f.noCredentials);
  const S = f.selectors;
  const where = f.paths.login;
  await f.open(page, l.base, where);
  await (await requireElement(page, S.email, 'the e-mail field', where, l.timeoutMs)).fill(login);
  await (await requireElement(page, S.password, 'the password field', where, l.timeoutMs)).fill(password);
  await (await requireElement(page, S.submit, 'the sign-in button', where, l.timeoutMs)).click();

  const first = await outcomeOf(page, { error: S.formError, app: S.loggedIn, totp: S.totpInput }, `the page after the ${f.form} form`, l.timeoutMs);
  if (first === 'error') throw new ExtractionError('LOGIN_FAILED', `${f.portal} refused the ${f.form}: ${await formError(page, S.formError)}`);
  if (first === 'totp') {
    if (!totpSecret) throw new ExtractionError('TWO_FACTOR_REQUIRED', f.noTotpSecret);
    const code = await l.totp.code(totpSecret, l.signal, l.onWait);
    await (await requireElement(page, S.totpInput, 'the two-factor code field', f.paths.twoFactor, l.timeoutMs)).fill(code);
    await (await requireElement(page, S.totpSubmit, 'the two-factor verify button', f.paths.twoFactor, l.timeoutMs)).click();
    const second = await outcomeOf(page, { error: S.formError, app: S.loggedIn }, 'the page after the two-factor form', l.timeoutMs);
    if (second === 'error') throw new ExtractionError('TWO_FACTOR_FAILED', `${f.portal} refused the two-factor code: ${await formError(page, S.formError)}`);
  }
  l.log(first === 'totp' ? `${f.done} ${f.portal} (password and TOTP)` : `${f.done} ${f.portal} (password)`);
}
