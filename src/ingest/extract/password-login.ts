/**
 * The username/password form of Spotify for Artists, TikTok and Linktree: every outcome (left the
 * form, refused, bounced back, challenged) is armed before the click so none is missed.
 */
import type { Page } from 'playwright-core';
import { armed, first, visible } from './browser-steps';
import { ExtractionError } from './extraction-error';
import { classifyBrowserError } from './portal-browser';

export interface PasswordLoginForm {
  /** "Spotify for Artists": starts the messages. */
  portal: string;
  /** The page, as layout drift names it ("the Spotify login page"). */
  where: string;
  selectors: { loginUser: string; loginPassword: string; loginSubmit: string; loginError: string; challenge: string };
  /** How the form names its fields: "the e-mail field", "the \"Log In\" button". */
  userField: string;
  submitButton: string;
  isLoginUrl(url: string): boolean;
  isChallengeUrl(url: string): boolean;
  /** Which settings to check when refused: "SPOTIFY_EMAIL and SPOTIFY_PASSWORD". */
  credentials: string;
  /** The TWO_FACTOR_REQUIRED message (what the portal sends, how to log in by hand). */
  challenged: string;
}

export async function passwordLogin(page: Page, f: PasswordLoginForm, login: string, password: string): Promise<void> {
  const S = f.selectors;
  await (await visible(page, S.loginUser, f.userField, f.where)).fill(login);
  await (await visible(page, S.loginPassword, 'the password field', f.where)).fill(password);
  const submit = await visible(page, S.loginSubmit, f.submitButton, f.where);
  const left = armed(page.waitForURL((u) => !f.isLoginUrl(u.href), { waitUntil: 'domcontentloaded' }).then(() => 'left' as const));
  const refused = armed(page.locator(S.loginError).first().waitFor({ state: 'visible' }).then(() => 'refused' as const));
  // Sent back to the form without a message (the portal dropped the session it just gave).
  const bounced = armed(page.waitForResponse((r) => r.request().isNavigationRequest() && r.request().method() === 'GET' && f.isLoginUrl(r.url())).then(() => 'bounced' as const));
  await submit.click().catch((err: unknown) => {
    throw classifyBrowserError(err, `submitting the ${f.portal} login form`);
  });
  const outcome = await first(`logging in to ${f.portal}`, left, refused, bounced);
  if (outcome === 'refused') throw new ExtractionError('LOGIN_FAILED', `${f.portal} refused the login: check ${f.credentials}`);
  if (outcome === 'bounced') throw new ExtractionError('LOGIN_FAILED', `${f.portal} came back to the login form without a message: the login did not hold`);
  if (f.isChallengeUrl(page.url()) || (await page.locator(S.challenge).count()) > 0) throw new ExtractionError('TWO_FACTOR_REQUIRED', f.challenged);
}
