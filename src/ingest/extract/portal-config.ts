/**
 * A browser portal described as data: where its pages are, the selectors the flow relies on, the
 * session rules (cookies, expiry, what counts as signed in or out), the login form (and whether a
 * TOTP step applies) and the portal's wording. The runner, the login flow and the manual login
 * read it; a portal that changes its layout is updated here, not in the flow.
 */
import type { Page } from 'playwright-core';
import type { Service } from '../../config/config';

/** The services reached through a browser (Meta Ads is an API with a token). */
export type BrowserService = Exclude<Service, 'meta_ads'>;

export interface PortalConfig {
  service: BrowserService;
  /** How messages name the portal: "DistroKid", "Spotify for Artists". */
  name: string;
  /** Where a person logs in by hand (`npm run login`), under the base URL. */
  loginPath: string;
  /** The load state a page is ready at. */
  waitUntil: 'load' | 'domcontentloaded';
  /**
   * Who names a failed navigation: the page ("opening the audience page …: Timeout"), or the step
   * the run is at (its label, prefixed by `stepPrefix`).
   */
  navigationFailures: 'page' | 'step';
  /** Before a step's label in an error the runner classifies ("DistroKid: "). */
  stepPrefix: string;
  session: SessionRules;
  login: LoginForm;
  wording: PortalWording;
}

export interface SessionRules {
  /** A cookie holding a JWT whose `exp` is the session's expiry; without one, the earliest cookie expiry. */
  jwtCookie?: string;
  /** Signed out: the page's path is the login form (pattern on the pathname). */
  loginForm: RegExp;
  /** A verification step the portal may add after the password (a code that cannot be automated). */
  challenge?: { path: RegExp; selector: string };
  /** Signed in: not on the login form or challenge, under `pathPrefix` when set, and showing `selector` or holding `cookie`. */
  signedIn: { pathPrefix?: string; selector?: string; cookie?: string };
  /** The signed-in page opened to check a saved session (a signed-out browser is sent to the login form from it). */
  probePath: string;
  /** The signed-in marker (`signedIn.selector`) as layout drift names it, when the probe must show it. */
  marker?: string;
  /**
   * Whose session a run uses: the one configured login (`variable` names its setting), or each
   * configured handle, matched case-insensitively by `pattern` (its first group is the handle).
   */
  account: { kind: 'login'; variable: string } | { kind: 'handle'; variable: string; pattern: RegExp };
}

export interface LoginForm {
  /** The login form's own path, opened when the probe did not land on it. */
  path: string;
  user: { selector: string; label: string };
  password: string;
  submit: { selector: string; label: string };
  /** The form's error message. */
  error: string;
  /**
   * True when a refused login comes back as a fresh GET of the form with its message (Laravel's
   * redirect); false when a GET back to the form means the portal dropped the session it just gave.
   */
  refusalReloadsForm: boolean;
  /** The TOTP step, when the portal has one: the code field and its submit button, on `path`. */
  totp?: { path: string; input: string; submit: string };
}

/**
 * The portal's own words, as templates: `{account}` is the session's account, `{path}` and
 * `{where}` the page, `{formError}` the form's message, `{factors}` "password" or "password and TOTP".
 */
export interface PortalWording {
  /** The progress step while the saved session is checked. */
  checkStep: string;
  /** The progress step of the login, when it reports one. */
  loginStep?: string;
  /** The probe page, as an HTTP error or a missing marker names it. */
  probeWhere: string;
  /** A signed-in page as an HTTP error names it. */
  pageWhere: string;
  sessionValid: string;
  sessionRefused: string;
  sessionExpired: string;
  noSession: string;
  /** SESSION_EXPIRED without a login and password, with a saved session and without one. */
  noCredentials: { saved: string; none: string };
  /** Where the login form is, as layout drift names it. */
  formWhere: string;
  /** LOGIN_FAILED when the form refuses. */
  refused: string;
  /** TWO_FACTOR_REQUIRED when the portal asks for a code that cannot be automated. */
  challenged: string;
  /** TWO_FACTOR_REQUIRED when it asks for a TOTP code and no secret is set. */
  noTotpSecret?: string;
  loggedIn: string;
  /** SESSION_EXPIRED when a signed-in page was sent to the login form. */
  sessionEnded: string;
}

/** A template filled in: unknown placeholders stay as written. */
export function fill(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);
}

function pathOf(url: string): string | null {
  try {
    return new URL(url).pathname;
  } catch {
    return null;
  }
}

export function onLoginForm(portal: PortalConfig, url: string): boolean {
  const path = pathOf(url);
  return path !== null && portal.session.loginForm.test(path);
}

export function onChallenge(portal: PortalConfig, url: string): boolean {
  const path = pathOf(url);
  return path !== null && portal.session.challenge !== undefined && portal.session.challenge.path.test(path);
}

/** True when the page shows a signed-in portal (checked repeatedly while a person logs in by hand). */
export async function isSignedIn(portal: PortalConfig, page: Page): Promise<boolean> {
  const path = pathOf(page.url());
  const { signedIn } = portal.session;
  if (path === null || onLoginForm(portal, page.url()) || onChallenge(portal, page.url())) return false;
  if (signedIn.pathPrefix !== undefined && !path.startsWith(signedIn.pathPrefix)) return false;
  if (signedIn.selector !== undefined && (await page.locator(signedIn.selector).count()) > 0) return true;
  // After a login on another host the page may sit elsewhere; the session cookie says it is done.
  if (signedIn.cookie !== undefined) return (await page.context().cookies()).some((c) => c.name === signedIn.cookie && c.value !== '');
  return false;
}

/** The handle a text names under the portal's handle rule (`@Zone.A0` → `zone.a0`), or null. */
export function handleOf(portal: PortalConfig, text: string): string | null {
  const rule = portal.session.account;
  if (rule.kind !== 'handle') return null;
  const m = rule.pattern.exec(text.trim());
  return m?.[1] ? m[1].toLowerCase() : null;
}
