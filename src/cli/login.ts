/**
 * npm run login -- <service> [account] [--timeout <minutes>] [--help]
 * For portals whose two-factor step cannot be automated (SMS, QR code): opens a Chromium window on
 * the portal's login page, waits (up to --timeout minutes, default 10) until you have logged in,
 * then saves the session encrypted with SESSION_KEY under the account the extractor uses, so the
 * next extraction starts logged in. Exit 0 when saved; 1 on timeout, a closed window or a browser
 * failure; 2 on a usage or configuration error (unknown service, meta_ads, no SESSION_KEY).
 */
import { parseArgs } from 'node:util';
import { loadConfigOrExit } from '../config/config';
import { BrowserNotFoundError } from '../browser/launch-chromium';
import { ManualLoginUsageError, manualLogin, resolveLoginTarget, sessionFilePath } from '../ingest/extract/manual-login';
import { SessionStore } from '../ingest/extract/session-store';
import { PORTALS } from '../ingest/portals';

const DEFAULT_TIMEOUT_MINUTES = 10;

const BROWSER_SERVICES = Object.values(PORTALS).flatMap((p) => (p.kind === 'browser' ? [p.portal.service] : []));
const USAGE = `usage: npm run login -- <${BROWSER_SERVICES.join('|')}> [account] [--timeout <minutes>]`;
const HELP = `${USAGE}

Opens a Chromium window on the portal's login page and waits until you have logged in (two-factor
step included), then saves the session encrypted with SESSION_KEY under the account the extractor
reads, so the next extraction starts logged in.

  account              the login (one-login portals: only the configured one) or the TikTok handle
  --timeout <minutes>  how long to wait for the login (default ${DEFAULT_TIMEOUT_MINUTES}, at most 1440)
  -h, --help           this help

Exit codes: 0 saved; 1 timeout, closed window or browser failure; 2 usage or configuration error.`;

function usage(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
}

interface LoginArgs {
  service: string;
  account?: string;
  timeoutMinutes: number;
}

function parseLoginArgs(argv: string[]): LoginArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: { timeout: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (err) {
    // node:util's own wording of an unknown option is long (it suggests `--`): name it plainly.
    const message = err instanceof Error ? err.message : String(err);
    const unknown = /^Unknown option '([^']+)'/.exec(message)?.[1];
    usage(unknown ? `unknown option ${unknown}` : message);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(`${HELP}\n`);
    process.exit(0);
  }
  let timeoutMinutes = DEFAULT_TIMEOUT_MINUTES;
  if (values.timeout !== undefined) {
    const minutes = Number(values.timeout);
    if (values.timeout.trim() === '' || !Number.isFinite(minutes) || minutes <= 0 || minutes > 24 * 60) {
      usage(`--timeout must be a number of minutes between 0 and 1440, got ${JSON.stringify(values.timeout)}`);
    }
    timeoutMinutes = minutes;
  }
  if (positionals.length === 0) usage('name the service to log in to');
  if (positionals.length > 2) usage(`too many arguments: ${positionals.slice(2).join(' ')}`);
  return { service: positionals[0], account: positionals[1], timeoutMinutes };
}

function describeExpiry(expiresAt: Date | null): string {
  if (!expiresAt) return 'expiry unknown (the portal set no expiring cookie): the health check cannot warn before it ends';
  const hours = (expiresAt.getTime() - Date.now()) / 3600_000;
  const left = hours >= 48 ? `${Math.round(hours / 24)} days` : `${Math.max(0, Math.round(hours))} hours`;
  return `expires ${expiresAt.toISOString()} (in about ${left})`;
}

async function main(): Promise<void> {
  const args = parseLoginArgs(process.argv.slice(2));
  const config = loadConfigOrExit();
  let target;
  try {
    target = resolveLoginTarget(args.service, args.account, config, PORTALS);
  } catch (err) {
    if (err instanceof ManualLoginUsageError) usage(err.message);
    throw err;
  }
  for (const note of target.notes) process.stderr.write(`note: ${note}\n`);

  const sessions = new SessionStore(config.sessions.dir, config.sessions.key, config.health.sessionExpiryWarningHours);
  const file = sessionFilePath(config.sessions.dir, target.service, target.account);
  const who = target.who;
  process.stdout.write(
    `Opening ${target.loginUrl} in a Chromium window: log in there as ${who}, two-factor step included.\n` +
      `Waiting up to ${args.timeoutMinutes} minute${args.timeoutMinutes === 1 ? '' : 's'} for the portal to show you logged in (Ctrl+C to give up)…\n`,
  );

  const abort = new AbortController();
  process.once('SIGINT', () => abort.abort());
  process.once('SIGTERM', () => abort.abort());
  const result = await manualLogin({
    portal: target.portal,
    account: target.account,
    loginUrl: target.loginUrl,
    sessions,
    // Always a visible window: the whole point is a person typing into it.
    browser: { chromiumPath: config.browser.chromiumPath, headless: false },
    timeoutMs: args.timeoutMinutes * 60_000,
    signal: abort.signal,
  });

  switch (result.outcome) {
    case 'saved':
      process.stdout.write(`Logged in. Session of ${who} saved, encrypted, in ${file}\n  ${describeExpiry(result.expiresAt)}\n`);
      return;
    case 'timeout':
      process.stderr.write(
        `login: not logged in to ${target.service} within ${args.timeoutMinutes} minutes; nothing was saved. Run it again (--timeout <minutes> gives more time).\n`,
      );
      break;
    case 'closed':
      process.stderr.write(`login: the browser window was closed before the ${target.service} login completed; nothing was saved.\n`);
      break;
    case 'cancelled':
      process.stderr.write('login: cancelled; nothing was saved.\n');
      break;
  }
  process.exitCode = 1;
}

main().catch((err: unknown) => {
  const message = err instanceof Error ? err.message : String(err);
  // Headed Chromium needs a display: say so rather than echo Chromium's long launch log.
  const hint =
    err instanceof BrowserNotFoundError
      ? ''
      : /Missing X server|\$DISPLAY|cannot open display|headed browser without having a XServer/i.test(message)
        ? ' (a visible browser window needs a desktop session: run npm run login where there is a screen, with the same SESSION_KEY as the server, then copy the saved session file into its SESSION_DIR)'
        : '';
  process.stderr.write(`login failed: ${message.split('\n')[0]}${hint}\n`);
  process.exit(1);
});
