/**
 * The one login flow of the browser portals: user and password on the portal's form, then a TOTP
 * code when the portal asks for one and has a TOTP step (DistroKid, TooLost). Every outcome
 * (left the form, refused, bounced back, asked for a code) is armed before the click so none is
 * missed; a verification the product cannot answer (an e-mailed or SMS code) is TWO_FACTOR_REQUIRED.
 */
import type { Page, Response } from 'playwright-core';
import { ExtractionError } from '../../errors/extraction-error';
import { armed, element, first, open } from './page-steps';
import { fill, onChallenge, onLoginForm, type PortalConfig } from './portal-config';
import { classifyBrowserError } from './portal-errors';
import type { TotpSource } from './totp';

export interface LoginRun {
  login: string;
  password: string;
  /** Base32; without one, a portal asking for a TOTP code is TWO_FACTOR_REQUIRED. */
  totpSecret?: string;
  totp: TotpSource;
  timeoutMs: number;
  signal: AbortSignal;
  /** Called while waiting for a fresh TOTP window (up to ~35 s): the job reports it is alive. */
  onWait?: () => Promise<void>;
  log(message: string): void;
}

type Outcome = 'left' | 'refused' | 'bounced' | 'totp';

async function formError(page: Page, selector: string): Promise<string> {
  const text = await page
    .locator(selector)
    .first()
    .innerText()
    .catch(() => '');
  return text.replace(/\s+/g, ' ').trim().slice(0, 200) || '(no message)';
}

/** Submits a form and waits for what the portal does next. */
async function submitted(
  page: Page,
  portal: PortalConfig,
  submit: () => Promise<void>,
  timeoutMs: number,
  withTotp: boolean,
): Promise<Outcome> {
  const L = portal.login;
  const waits: Array<Promise<Outcome>> = [
    armed(
      page
        .waitForURL((u) => !onLoginForm(portal, u.href), { waitUntil: 'domcontentloaded', timeout: timeoutMs })
        .then(() => 'left' as const),
    ),
    armed(
      page
        .locator(L.error)
        .first()
        .waitFor({ state: 'visible', timeout: timeoutMs })
        .then(() => 'refused' as const),
    ),
  ];
  if (!L.refusalReloadsForm) {
    // Sent back to the form without a message (the portal dropped the session it just gave).
    const back = (r: Response) => r.request().isNavigationRequest() && r.request().method() === 'GET' && onLoginForm(portal, r.url());
    waits.push(armed(page.waitForResponse(back, { timeout: timeoutMs }).then(() => 'bounced' as const)));
  }
  if (withTotp && L.totp)
    waits.push(
      armed(
        page
          .locator(L.totp.input)
          .first()
          .waitFor({ state: 'attached', timeout: timeoutMs })
          .then(() => 'totp' as const),
      ),
    );
  await submit().catch((err: unknown) => {
    throw classifyBrowserError(err, `submitting the ${portal.name} login form`);
  });
  return first(`logging in to ${portal.name}`, ...waits);
}

/** Logs in on the form the page shows (or opens it); throws LOGIN_FAILED, TWO_FACTOR_* with the portal's wording. */
export async function formLogin(page: Page, portal: PortalConfig, base: string, run: LoginRun): Promise<void> {
  const { login, password, totpSecret } = run;
  const L = portal.login;
  const W = portal.wording;
  const where = W.formWhere;
  if (!onLoginForm(portal, page.url()))
    await open(page, `${base}${L.path}`, {
      where: fill(W.pageWhere, { path: L.path, where }),
      timeoutMs: run.timeoutMs,
      waitUntil: portal.waitUntil,
    });
  await (await element(page, L.user.selector, L.user.label, where, run.timeoutMs)).fill(login);
  await (await element(page, L.password, 'the password field', where, run.timeoutMs)).fill(password);
  const submit = await element(page, L.submit.selector, L.submit.label, where, run.timeoutMs);

  const outcome = await submitted(page, portal, () => submit.click({ timeout: run.timeoutMs }), run.timeoutMs, true);
  if (outcome === 'refused') throw new ExtractionError('LOGIN_FAILED', fill(W.refused, { formError: await formError(page, L.error) }));
  if (outcome === 'bounced')
    throw new ExtractionError('LOGIN_FAILED', `${portal.name} came back to the login form without a message: the login did not hold`);
  if (outcome === 'totp' && L.totp) {
    if (!totpSecret) throw new ExtractionError('TWO_FACTOR_REQUIRED', W.noTotpSecret ?? W.challenged);
    const code = await run.totp.code(totpSecret, run.signal, run.onWait);
    await (await element(page, L.totp.input, 'the two-factor code field', L.totp.path, run.timeoutMs)).fill(code);
    const verify = await element(page, L.totp.submit, 'the two-factor verify button', L.totp.path, run.timeoutMs);
    const second = await submitted(page, portal, () => verify.click({ timeout: run.timeoutMs }), run.timeoutMs, false);
    if (second !== 'left')
      throw new ExtractionError('TWO_FACTOR_FAILED', `${portal.name} refused the two-factor code: ${await formError(page, L.error)}`);
  }
  const challenge = portal.session.challenge;
  if (onChallenge(portal, page.url()) || (challenge !== undefined && (await page.locator(challenge.selector).count()) > 0)) {
    throw new ExtractionError('TWO_FACTOR_REQUIRED', W.challenged);
  }
  if (onLoginForm(portal, page.url()))
    throw new ExtractionError('LOGIN_FAILED', `${portal.name} kept the login form after the password was accepted`);
  run.log(fill(W.loggedIn, { factors: outcome === 'totp' ? 'password and TOTP' : 'password' }));
}
