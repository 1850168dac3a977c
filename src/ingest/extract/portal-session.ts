/**
 * The session step of the TOTP-form portals (DistroKid, TooLost): a saved session that has not
 * expired is probed on a logged-in page first; only a refused, expired or missing one logs in.
 */
import type { Service } from '../../config/config';
import type { ExtractionContext } from './extractor';

export interface SessionProbe {
  service: Service;
  account: string;
  /** "DistroKid", in the log lines. */
  portal: string;
  /** "signing in" / "logging in": the portal's own word. */
  verb: string;
  /** Opens a logged-in page; true when the portal kept us there. */
  probe(): Promise<boolean>;
  /** Reports the step, then logs in. */
  logIn(): Promise<void>;
}

export async function ensurePortalSession(ctx: ExtractionContext, s: SessionProbe): Promise<void> {
  const saved = ctx.sessions.status(s.service, s.account, ctx.now()).state;
  if (saved === 'valid' || saved === 'expiring') {
    if (await s.probe()) {
      ctx.log(`saved ${s.portal} session is valid`);
      return;
    }
    ctx.log(`saved ${s.portal} session was refused by the portal: ${s.verb}`);
  } else {
    ctx.log(saved === 'missing' ? `no saved ${s.portal} session: ${s.verb}` : `saved ${s.portal} session has expired: ${s.verb}`);
  }
  await s.logIn();
}
