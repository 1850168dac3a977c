/**
 * Pieces of the end-to-end extraction job test: the six simulators started together, the server
 * environment pointing every extractor at them, the secrets they and the config hold (with the
 * encodings a leak could take), and readers of everything the server writes (warehouse tables,
 * the Agenda jobs file, lake files) for the secret search. Nothing here calls the code under test.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { unzipSync } from 'fflate';
import type { DataSource } from 'typeorm';
import { testEnv } from '../helpers/test-env';
import { type RunningDistrokid, startDistrokidSimulator } from '../../demo/portals/distrokid/distrokid-simulator';
import { type LinktreeSimulator, startLinktreeSimulator } from '../../demo/portals/linktree/linktree-simulator';
import { type MetaAdsSimulator, startMetaAdsSimulator } from '../../demo/portals/meta_ads/meta-ads-simulator';
import { type SpotifySimulator, startSpotifySimulator } from '../../demo/portals/spotify/spotify-simulator';
import { startTikTokSimulator, type TikTokSimulator } from '../../demo/portals/tiktok/tiktok-simulator';
import { type RunningToolost, startToolostSimulator } from '../../demo/portals/toolost/toolost-simulator';

/** 32 bytes as 64 hex characters, used by no other test. */
export const E2E_SESSION_KEY = 'c0ffee15c0ffee15c0ffee15c0ffee15c0ffee15c0ffee15c0ffee15c0ffee15';

export interface Simulators {
  toolost: RunningToolost;
  distrokid: RunningDistrokid;
  spotify: SpotifySimulator;
  tiktok: TikTokSimulator;
  linktree: LinktreeSimulator;
  meta_ads: MetaAdsSimulator;
  close(): Promise<void>;
}

export async function startSimulators(): Promise<Simulators> {
  const [toolost, distrokid, spotify, tiktok, linktree, meta_ads] = await Promise.all([
    startToolostSimulator(),
    startDistrokidSimulator(),
    startSpotifySimulator(),
    startTikTokSimulator(),
    startLinktreeSimulator(),
    startMetaAdsSimulator(),
  ]);
  return {
    toolost,
    distrokid,
    spotify,
    tiktok,
    linktree,
    meta_ads,
    close: async () => void (await Promise.all([toolost, distrokid, spotify, tiktok, linktree, meta_ads].map((s) => s.close()))),
  };
}

/** Every extractor pointed at its simulator, with the simulator's credentials. */
export function simulatorEnv(sims: Simulators): Record<string, string> {
  return {
    CHROMIUM_PATH: testEnv.chromiumExecutable ?? '',
    SESSION_KEY: E2E_SESSION_KEY,
    TOOLOST_BASE_URL: sims.toolost.url,
    TOOLOST_EMAIL: sims.toolost.credentials.login,
    TOOLOST_PASSWORD: sims.toolost.credentials.password,
    TOOLOST_TOTP_SECRET: sims.toolost.credentials.totpSecret,
    DISTROKID_BASE_URL: sims.distrokid.url,
    DISTROKID_EMAIL: sims.distrokid.credentials.login,
    DISTROKID_PASSWORD: sims.distrokid.credentials.password,
    DISTROKID_TOTP_SECRET: sims.distrokid.credentials.totpSecret,
    SPOTIFY_BASE_URL: sims.spotify.url,
    SPOTIFY_EMAIL: sims.spotify.credentials.login,
    SPOTIFY_PASSWORD: sims.spotify.credentials.password,
    SPOTIFY_ARTIST_IDS: sims.spotify.data.artists.map((a) => a.id).join(','),
    TIKTOK_BASE_URL: sims.tiktok.url,
    TIKTOK_USERNAME: sims.tiktok.credentials.login,
    TIKTOK_PASSWORD: sims.tiktok.credentials.password,
    TIKTOK_ACCOUNTS: sims.tiktok.data.accounts.map((a) => a.handle).join(','),
    LINKTREE_BASE_URL: sims.linktree.url,
    LINKTREE_USERNAME: sims.linktree.credentials.login,
    LINKTREE_PASSWORD: sims.linktree.credentials.password,
    META_GRAPH_URL: sims.meta_ads.url,
    META_ACCESS_TOKEN: sims.meta_ads.credentials.accessToken,
    META_AD_ACCOUNT_ID: sims.meta_ads.credentials.adAccountId,
  };
}

export interface Secret {
  label: string;
  value: string;
}

/** Passwords, TOTP seeds, the Graph token, the session key and every cookie value the portals issued (read when called: cookies accumulate). */
export function secretsOf(sims: Simulators): Secret[] {
  const key = Buffer.from(E2E_SESSION_KEY, 'hex');
  const cookies = [
    ...sims.toolost.issuedCookies.map((v, i) => ({ label: `toolost cookie #${i}`, value: v })),
    ...sims.distrokid.issuedCookies.map((v, i) => ({ label: `distrokid cookie #${i}`, value: v })),
    ...sims.spotify.issuedCookies.map((v, i) => ({ label: `spotify cookie #${i}`, value: v })),
    ...sims.tiktok.issuedCookies.map((v, i) => ({ label: `tiktok cookie #${i}`, value: v })),
    ...sims.linktree.issuedCookies.map((v, i) => ({ label: `linktree cookie #${i}`, value: v })),
  ];
  return [
    { label: 'TOOLOST_PASSWORD', value: sims.toolost.credentials.password },
    { label: 'TOOLOST_TOTP_SECRET', value: sims.toolost.credentials.totpSecret },
    { label: 'DISTROKID_PASSWORD', value: sims.distrokid.credentials.password },
    { label: 'DISTROKID_TOTP_SECRET', value: sims.distrokid.credentials.totpSecret },
    { label: 'SPOTIFY_PASSWORD', value: sims.spotify.credentials.password },
    { label: 'TIKTOK_PASSWORD', value: sims.tiktok.credentials.password },
    { label: 'LINKTREE_PASSWORD', value: sims.linktree.credentials.password },
    { label: 'META_ACCESS_TOKEN', value: sims.meta_ads.credentials.accessToken },
    { label: 'SESSION_KEY (hex)', value: E2E_SESSION_KEY },
    { label: 'SESSION_KEY (base64)', value: key.toString('base64') },
    ...cookies,
  ];
}

/** The forms a secret takes when written raw, inside JSON, URL-encoded or HTML-escaped. */
export function encodings(secret: string): string[] {
  const html = secret.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  return [
    ...new Set([secret, JSON.stringify(secret).slice(1, -1), encodeURIComponent(secret), html, secret.toLowerCase(), secret.toUpperCase()]),
  ];
}

/** `where: label` for every secret found in `text` (empty when none). */
export function leaksIn(where: string, text: string, secrets: Secret[]): string[] {
  const out: string[] = [];
  for (const s of secrets) if (encodings(s.value).some((e) => text.includes(e))) out.push(`${where}: ${s.label}`);
  return out;
}

/** Every text cell of one table, one string per row (values joined, so none is JSON-escaped). */
function rowsAsText(rows: Array<Record<string, unknown>>): string {
  return rows
    .map((r) =>
      Object.values(r)
        .map((v) => (v === null || v === undefined ? '' : Buffer.isBuffer(v) ? v.toString('utf8') : String(v)))
        .join('\u0001'),
    )
    .join('\n');
}

/** Every table of the (SQLite) warehouse as text, by table name. */
export async function warehouseText(ds: DataSource): Promise<Record<string, string>> {
  const tables = await ds.query<Array<{ name: string }>>(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`);
  const out: Record<string, string> = {};
  for (const { name } of tables)
    out[name] = rowsAsText(await ds.query<Array<Record<string, unknown>>>(`SELECT * FROM "${name.replace(/"/g, '""')}"`));
  return out;
}

/** Every table of the Agenda jobs SQLite file, opened read-only, as text by table name. */
export function jobsDbText(file: string): Record<string, string> {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`).all() as Array<{ name: string }>;
    const out: Record<string, string> = {};
    for (const { name } of tables)
      out[name] = rowsAsText(db.prepare(`SELECT * FROM "${name.replace(/"/g, '""')}"`).all() as Array<Record<string, unknown>>);
    return out;
  } finally {
    db.close();
  }
}

/** Every file under `dir` (absolute paths), none when it does not exist. */
export function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

/** The readable content of every file under `dir`, each ZIP (a Playwright trace) opened entry by entry, by `file` or `file!entry`. */
export function filesAsText(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const file of filesUnder(dir)) {
    const bytes = fs.readFileSync(file);
    out[file] = bytes.toString('latin1');
    if (file.endsWith('.zip')) {
      for (const [entry, content] of Object.entries(unzipSync(new Uint8Array(bytes))))
        out[`${file}!${entry}`] = Buffer.from(content).toString('latin1');
    }
  }
  return out;
}
