/**
 * Meta Ads handlers (Graph API, no browser; what is asked for is in portal.ts): checks the token (`/debug_token`), reads the ad
 * account, lists its campaigns and fetches each campaign's daily insights over the window, every
 * list followed through `paging.next`. Each page is validated with the cleaners' own record
 * readers before anything is staged, so a drifted payload fails the run (SCHEMA_DRIFT) instead of
 * landing. Two captures per run, each holding all of its pages as a JSON array of Graph pages
 * (the shape the cleaners read), with every token stripped from the paging links:
 *   campaigns/meta_campaigns_<ts>.json  and  insights/meta_insights_<ts>.json.
 */
import type { AppConfig, ExtractorsConfig } from '../../config/config';
import { ExtractionError } from '../../errors/extraction-error';
import type { ExtractionContext, ExtractionWindow, Extractor } from '../extract/extractor';
import { utcStamp } from '../lake/lake';
import { LakeValidationError } from '../lake/validation-error';
import { abortableSleep, GraphClient, maskSecret } from './graph-client';
import { campaignRecord, insightRecord, type Located, pageRecords } from './graph-records';
import { isObject, type JsonObject } from './json-file';
import { META_ADS_API as API } from './portal';

export interface MetaAdsExtractorOptions {
  /** Per request; defaults to config.browser.timeoutMs, else 60 s. */
  requestTimeoutMs?: number;
  /** Injected by tests to keep backoff instant and observable. */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  random?: () => number;
  maxRateLimitRetries?: number;
  maxTransientRetries?: number;
  backoffBaseMs?: number;
  maxInlineWaitMs?: number;
  campaignPageSize?: number;
  insightsPageSize?: number;
  /** Length of the default window (days ending yesterday, UTC). */
  defaultDays?: number;
}

const DAY_MS = 86_400_000;
const isoDay = (d: Date): string => d.toISOString().slice(0, 10);
const shiftDay = (day: string, n: number): string => isoDay(new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS));

/**
 * The default window: the `days` days ending yesterday (UTC). Today is left out because its
 * figures are still moving; the next run's window covers it once it is complete.
 */
export function defaultWindow(now: Date, days: number = API.defaults.days): ExtractionWindow {
  const to = shiftDay(isoDay(now), -1);
  return { from: shiftDay(to, -(days - 1)), to };
}

function checkWindow(w: ExtractionWindow): ExtractionWindow {
  const day = /^\d{4}-\d{2}-\d{2}$/;
  if (!day.test(w.from) || !day.test(w.to) || Number.isNaN(Date.parse(w.from)) || Number.isNaN(Date.parse(w.to)) || w.from > w.to) {
    throw new RangeError(`invalid extraction window ${w.from}…${w.to}`);
  }
  return w;
}

/** Reads a page's records with the cleaner's own validators; their complaint becomes SCHEMA_DRIFT. */
function validated<T>(page: JsonObject, where: string, read: (loc: Located, file: string) => T): T[] {
  try {
    return pageRecords(page, where).map((loc) => read(loc, where));
  } catch (err) {
    if (err instanceof LakeValidationError) throw new ExtractionError('SCHEMA_DRIFT', err.message);
    throw err;
  }
}

/** The page as it is captured: only what the cleaners accept, paging links without any token. */
function capturable(page: JsonObject, client: GraphClient): JsonObject {
  const out: JsonObject = { data: page.data };
  if (isObject(page.paging)) {
    const paging: JsonObject = { ...page.paging };
    for (const k of ['next', 'previous']) {
      const link = paging[k];
      if (typeof link === 'string') paging[k] = client.safe(link);
    }
    out.paging = paging;
  }
  if (page.summary !== undefined) out.summary = page.summary;
  return out;
}

export function createMetaAdsExtractor(
  config: ExtractorsConfig['meta_ads'],
  browser?: AppConfig['browser'],
  options: MetaAdsExtractorOptions = {},
): Extractor {
  return {
    service: 'meta_ads',
    async extract(ctx: ExtractionContext): Promise<void> {
      const token = config.accessToken?.trim();
      const rawAccount = config.adAccountId?.trim();
      const missing = [token ? '' : 'META_ACCESS_TOKEN', rawAccount ? '' : 'META_AD_ACCOUNT_ID'].filter(Boolean);
      if (!token || !rawAccount)
        throw new ExtractionError('CREDENTIALS_MISSING', `Meta Ads needs ${missing.join(' and ')} to be configured`);
      const account = rawAccount.startsWith('act_') ? rawAccount : `act_${rawAccount}`;
      const window = checkWindow(ctx.window ?? defaultWindow(ctx.now(), options.defaultDays ?? API.defaults.days));
      const stamp = utcStamp(ctx.now());
      const client = new GraphClient({
        graphUrl: config.graphUrl,
        apiVersion: config.apiVersion,
        accessToken: token,
        signal: ctx.signal,
        requestTimeoutMs: options.requestTimeoutMs ?? browser?.timeoutMs ?? API.defaults.requestTimeoutMs,
        maxRateLimitRetries: options.maxRateLimitRetries ?? API.defaults.maxRateLimitRetries,
        maxTransientRetries: options.maxTransientRetries ?? API.defaults.maxTransientRetries,
        backoffBaseMs: options.backoffBaseMs ?? API.defaults.backoffBaseMs,
        maxInlineWaitMs: options.maxInlineWaitMs ?? API.defaults.maxInlineWaitMs,
        sleep: options.sleep ?? abortableSleep,
        random: options.random ?? Math.random,
        log: (line) => ctx.log(maskSecret(line, token)),
        logger: ctx.logger,
      });
      const log = (line: string) => ctx.log(maskSecret(line, token));

      await ctx.touch(2, 'checking the access token');
      await checkToken(client, token, log);

      await ctx.touch(8, 'reading the ad account');
      await readAccount(client, account, log);

      await ctx.touch(12, 'listing campaigns');
      const campaignsUrl = client.url(`${account}/campaigns`, {
        fields: API.campaignFields.join(','),
        limit: String(options.campaignPageSize ?? API.defaults.campaignPageSize),
      });
      const campaignPages: JsonObject[] = [];
      const campaignIds: string[] = [];
      for await (const { page, url, index } of client.pages(campaignsUrl)) {
        const records = validated(page, `page ${index + 1} of ${client.where(url)}`, campaignRecord);
        for (const r of records) if (!campaignIds.includes(r.externalId)) campaignIds.push(r.externalId);
        campaignPages.push(capturable(page, client));
      }
      log(`${campaignIds.length} campaign(s) listed over ${campaignPages.length} page(s)`);

      const insightParams = {
        fields: API.insightFields.join(','),
        time_range: JSON.stringify({ since: window.from, until: window.to }),
        time_increment: '1',
        level: 'campaign',
        limit: String(options.insightsPageSize ?? API.defaults.insightsPageSize),
      };
      const insightPages: JsonObject[] = [];
      let rows = 0;
      for (const [k, campaignId] of campaignIds.entries()) {
        await ctx.touch(15 + Math.floor((80 * k) / campaignIds.length), `daily insights of campaign ${k + 1}/${campaignIds.length}`);
        for await (const { page, url, index } of client.pages(client.url(`${campaignId}/insights`, insightParams))) {
          const where = `page ${index + 1} of ${client.where(url)}`;
          for (const r of validated(page, where, insightRecord)) {
            // Daily, campaign-level rows of the campaign asked for, inside the window: anything else would load wrongly.
            const problem =
              r.campaignId !== campaignId
                ? `campaign_id ${r.campaignId} instead of ${campaignId}`
                : r.dateStart !== r.dateStop
                  ? `a row spanning ${r.dateStart}…${r.dateStop} although time_increment=1 was asked`
                  : r.dateStart < window.from || r.dateStart > window.to
                    ? `a row for ${r.dateStart}, outside ${window.from}…${window.to}`
                    : r.adsetId !== null
                      ? 'an ad set row although level=campaign was asked'
                      : null;
            if (problem) throw new ExtractionError('SCHEMA_DRIFT', `${where}, ${r.record}: ${problem}`);
            rows++;
          }
          insightPages.push(capturable(page, client));
        }
      }
      log(
        `daily insights ${window.from}…${window.to}: ${rows} row(s) for ${campaignIds.length} campaign(s) over ${insightPages.length} page(s)`,
      );

      await ctx.touch(96, 'staging the captures');
      const campaignsName = `meta_campaigns_${stamp}.json`;
      await ctx.capture({
        stream: 'campaigns',
        name: campaignsName,
        origin: client.safe(campaignsUrl),
        body: `${maskSecret(JSON.stringify(campaignPages), token)}\n`,
      });
      const captured = [campaignsName];
      if (insightPages.length > 0) {
        const insightsName = `meta_insights_${stamp}.json`;
        const origin = client.safe(`${client.base}/{campaign_id}/insights?${new URLSearchParams(insightParams).toString()}`);
        await ctx.capture({ stream: 'insights', name: insightsName, origin, body: `${maskSecret(JSON.stringify(insightPages), token)}\n` });
        captured.push(insightsName);
      }
      log(
        `captured ${captured.join(' and ')} (${client.requests} request(s), ${client.retries} retr${client.retries === 1 ? 'y' : 'ies'})`,
      );
    },
  };
}

/** `GET /debug_token`: the token must be valid and able to read ads. */
async function checkToken(client: GraphClient, token: string, log: (line: string) => void): Promise<void> {
  const url = client.url('debug_token', { input_token: token });
  const body = await client.get(url);
  const data = body.data;
  if (!isObject(data)) throw new ExtractionError('SCHEMA_DRIFT', `${client.where(url)}: no "data" object in the answer`);
  if (data.is_valid !== true) {
    const e = isObject(data.error) ? data.error : null;
    const why = e && typeof e.message === 'string' ? `: ${maskSecret(e.message, token).slice(0, 200)}` : '';
    throw new ExtractionError('TOKEN_INVALID', `the Meta access token is not valid${why}; renew META_ACCESS_TOKEN`);
  }
  const scopes = Array.isArray(data.scopes) ? data.scopes.filter((s): s is string => typeof s === 'string') : [];
  if (scopes.length > 0 && !API.readScopes.some((s) => scopes.includes(s))) {
    throw new ExtractionError('TOKEN_INVALID', `the Meta access token lacks the ads_read permission (it has ${scopes.join(', ')})`);
  }
  const expires = typeof data.expires_at === 'number' && data.expires_at > 0 ? new Date(data.expires_at * 1000) : null;
  const type = typeof data.type === 'string' ? data.type : 'unknown type';
  log(`access token valid (${type}, ${expires ? `expires ${expires.toISOString()}` : 'does not expire'})`);
  if (expires && expires.getTime() - Date.now() < API.tokenWarningDays * DAY_MS)
    log(`warning: the Meta access token expires within ${API.tokenWarningDays} days (${expires.toISOString()}): renew it`);
}

/** `GET /{act}?fields=name,currency,account_status`: the account exists and says its currency. */
async function readAccount(client: GraphClient, account: string, log: (line: string) => void): Promise<void> {
  const url = client.url(account, { fields: 'name,currency,account_status' });
  const body = await client.get(url);
  if (typeof body.currency !== 'string' || !/^[A-Z]{3}$/.test(body.currency)) {
    throw new ExtractionError('SCHEMA_DRIFT', `${client.where(url)}: no "currency" (ISO 4217) in the answer`);
  }
  const status =
    typeof body.account_status === 'number' ? (API.accountStatus[body.account_status] ?? String(body.account_status)) : 'unknown';
  const name = typeof body.name === 'string' ? ` "${body.name.slice(0, 100)}"` : '';
  log(`ad account ${account}${name}: ${body.currency}, status ${status}`);
}
