/**
 * The demo's SIMULATED portals: the six simulators beside this file (the same ones the extractor
 * tests drive), started on loopback so `triggerExtraction` in the demo's GraphiQL
 * drives a real browser extraction end to end without leaving the machine. Nothing here is a real
 * portal, and no real credential is involved: every login, password and TOTP seed is the
 * simulator's own, handed to the extractors through config overrides (and never printed).
 */
import crypto from 'node:crypto';
import path from 'node:path';
import { type AppConfig, loadConfig, type Service } from '../../src/config/config';
import { startDistrokidSimulator } from './distrokid/distrokid-simulator';
import { startLinktreeSimulator } from './linktree/linktree-simulator';
import { startMetaAdsSimulator } from './meta_ads/meta-ads-simulator';
import { startSpotifySimulator } from './spotify/spotify-simulator';
import { startTikTokSimulator } from './tiktok/tiktok-simulator';
import { startToolostSimulator } from './toolost/toolost-simulator';

export interface DemoPortal {
  service: Service;
  /** The GraphQL enum value to pass to `triggerExtraction(service:)`. */
  graphqlService: string;
  name: string;
  url: string;
  /** How the extractor gets in: shown to the user, holds no secret. */
  login: string;
}

export interface DemoPortals {
  portals: DemoPortal[];
  /**
   * Environment overrides pointing every extractor at its simulator, with the simulator's
   * credentials, plus SESSION_DIR (and SESSION_KEY when none was set). Holds secrets: never print it.
   */
  env: Record<string, string>;
  close(): Promise<void>;
}

export interface DemoPortalsOptions {
  /** Whether the user already set SESSION_KEY; when not, a key is generated for this run only. */
  haveSessionKey: boolean;
  /** Where the demo's simulated sessions go, apart from real ones (default data/demo-sessions). */
  sessionDir?: string;
}

/** Starts the six simulators on 127.0.0.1 (random ports). If one fails to start, those already started are closed. */
export async function startDemoPortals(opts: DemoPortalsOptions): Promise<DemoPortals> {
  const closers: Array<() => Promise<void>> = [];
  const close = async () => {
    await Promise.all(closers.splice(0).map((c) => c().catch(() => undefined)));
  };
  try {
    const toolost = await startToolostSimulator();
    closers.push(toolost.close);
    const distrokid = await startDistrokidSimulator();
    closers.push(distrokid.close);
    const spotify = await startSpotifySimulator();
    closers.push(spotify.close);
    const tiktok = await startTikTokSimulator();
    closers.push(tiktok.close);
    const linktree = await startLinktreeSimulator();
    closers.push(linktree.close);
    const meta = await startMetaAdsSimulator();
    closers.push(meta.close);

    const env: Record<string, string> = {
      TOOLOST_BASE_URL: toolost.url,
      TOOLOST_EMAIL: toolost.credentials.login,
      TOOLOST_PASSWORD: toolost.credentials.password,
      TOOLOST_TOTP_SECRET: toolost.credentials.totpSecret,
      DISTROKID_BASE_URL: distrokid.url,
      DISTROKID_EMAIL: distrokid.credentials.login,
      DISTROKID_PASSWORD: distrokid.credentials.password,
      DISTROKID_TOTP_SECRET: distrokid.credentials.totpSecret,
      SPOTIFY_BASE_URL: spotify.url,
      SPOTIFY_EMAIL: spotify.credentials.login,
      SPOTIFY_PASSWORD: spotify.credentials.password,
      SPOTIFY_ARTIST_IDS: spotify.data.artists.map((a) => a.id).join(','),
      TIKTOK_BASE_URL: tiktok.url,
      TIKTOK_USERNAME: tiktok.credentials.login,
      TIKTOK_PASSWORD: tiktok.credentials.password,
      TIKTOK_ACCOUNTS: tiktok.data.accounts.map((a) => a.handle).join(','),
      LINKTREE_BASE_URL: linktree.url,
      LINKTREE_USERNAME: linktree.credentials.login,
      LINKTREE_PASSWORD: linktree.credentials.password,
      META_GRAPH_URL: meta.url,
      META_ACCESS_TOKEN: meta.credentials.accessToken,
      META_AD_ACCOUNT_ID: meta.credentials.adAccountId,
      // Simulated sessions stay out of the real sessions folder (and out of its health report).
      SESSION_DIR: path.resolve(opts.sessionDir ?? 'data/demo-sessions'),
      // Sessions are only ever stored encrypted; without a key of the user's, one for this run.
      ...(opts.haveSessionKey ? {} : { SESSION_KEY: crypto.randomBytes(32).toString('hex') }),
    };
    const handles = tiktok.data.accounts.map((a) => `@${a.handle}`).join(', ');
    const portals: DemoPortal[] = [
      {
        service: 'toolost',
        graphqlService: 'TOOLOST',
        name: 'TooLost',
        url: toolost.url,
        login: 'browser: e-mail, password, then a TOTP code',
      },
      {
        service: 'distrokid',
        graphqlService: 'DISTROKID',
        name: 'DistroKid',
        url: distrokid.url,
        login: 'browser: e-mail, password, then a TOTP code',
      },
      {
        service: 'spotify',
        graphqlService: 'SPOTIFY',
        name: 'Spotify for Artists',
        url: spotify.url,
        login: `browser: e-mail and password, ${spotify.data.artists.length} artists`,
      },
      {
        service: 'tiktok',
        graphqlService: 'TIKTOK',
        name: 'TikTok Studio',
        url: tiktok.url,
        login: `browser: username and password, accounts ${handles}`,
      },
      { service: 'linktree', graphqlService: 'LINKTREE', name: 'Linktree', url: linktree.url, login: 'browser: username and password' },
      { service: 'meta_ads', graphqlService: 'META_ADS', name: 'Meta Graph API', url: meta.url, login: 'API: access token, no browser' },
    ];
    return { portals, env, close };
  } catch (err) {
    await close();
    throw err;
  }
}

/**
 * `base` with its extractors pointed at the simulators and its sessions in the demo's folder;
 * everything else (database, lake, browser, jobs) is the user's. The user's SESSION_KEY is kept when set.
 */
export function withDemoPortals(base: AppConfig, portals: DemoPortals): AppConfig {
  // Only the overrides are parsed, so no other variable is read here; their sections need nothing else.
  const simulated = loadConfig(portals.env);
  return {
    ...base,
    extractors: simulated.extractors,
    sessions: { dir: simulated.sessions.dir, key: base.sessions.key ?? simulated.sessions.key },
  };
}
