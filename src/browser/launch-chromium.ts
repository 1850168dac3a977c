import fs from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const SYSTEM_CHROMIUM = '/usr/bin/chromium';

export class BrowserNotFoundError extends Error {
  readonly code = 'BROWSER_NOT_FOUND';
  constructor(detail: string) {
    super(
      `No Chromium executable found (${detail}). Either set CHROMIUM_PATH to a Chromium/Chrome binary, ` +
        `run \`npx playwright install chromium\`, or install the system package (\`apt-get install chromium\`).`,
    );
    this.name = 'BrowserNotFoundError';
  }
}

function playwrightBrowser(): string | undefined {
  try {
    const p = chromium.executablePath();
    return p && fs.existsSync(p) ? p : undefined;
  } catch {
    // playwright-core throws when it has no browser registry entry for this platform.
    return undefined;
  }
}

/**
 * CHROMIUM_PATH wins; else Playwright's own download; else Debian's package. An explicit path that
 * does not exist is an error rather than a silent fallback, so a typo in the config is noticed.
 */
export function resolveChromiumExecutable(chromiumPath?: string): string {
  if (chromiumPath) {
    if (fs.existsSync(chromiumPath)) return chromiumPath;
    throw new BrowserNotFoundError(`CHROMIUM_PATH=${chromiumPath} does not exist`);
  }
  const found = playwrightBrowser() ?? (fs.existsSync(SYSTEM_CHROMIUM) ? SYSTEM_CHROMIUM : undefined);
  if (!found) throw new BrowserNotFoundError(`no Playwright browser installed and no ${SYSTEM_CHROMIUM}`);
  return found;
}

export async function launchChromium(opts: { chromiumPath?: string; headless?: boolean } = {}): Promise<Browser> {
  const args = [
    // Keep the browser quiet on closed networks: no update checks, sync or telemetry calls out.
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-gpu',
  ];
  // Chromium refuses to start its sandbox as root (containers, CI); elsewhere keep the sandbox.
  if (process.getuid?.() === 0) args.push('--no-sandbox');
  return chromium.launch({ executablePath: resolveChromiumExecutable(opts.chromiumPath), headless: opts.headless ?? true, args });
}
