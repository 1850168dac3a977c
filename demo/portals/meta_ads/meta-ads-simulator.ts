/**
 * A simulated Meta Graph API (Marketing API subset) for the Meta Ads extractor and the demo:
 * `GET /{version}/debug_token`, `/{act}`, `/{act}/campaigns`, `/{campaign}/insights`, with the
 * token taken from `Authorization: Bearer|OAuth` or `access_token`, cursor paging (small pages so
 * paging is always exercised), numbers as strings and `actions` lists from the sample generators,
 * and Graph error payloads. `data` is the truth: every campaign's figures per day. `faults` are
 * switches a test flips; `requests` logs every call (without tokens) so tests can count retries
 * and pages.
 */
import express, { type NextFunction, type Request, type Response } from 'express';
import { seededRandom } from '../../seeded-random';
import { addDays } from '../../calendar-days';
import { metaAdsSample, type MetaSample, type SampleCampaign, type SampleDay } from '../../sample-exports/meta_ads';
import { campaignObject, insightObject } from '../../sample-exports/meta_ads-graph-pages';
import { listen } from '../http-server';
import { graphError, type GraphErrorBody, pageOf, requestedFields, selectFields } from './graph-payloads';

export type Endpoint = 'debug_token' | 'account' | 'campaigns' | 'insights' | 'unknown';

export interface MetaAdsFaults {
  /** Every call answers error 190 (expired token). */
  invalidToken: boolean;
  /** `debug_token` answers `is_valid: false` (as when debugging with an app token). */
  expiredToken: boolean;
  /** The next targeted call is rate limited, once (the switch turns itself off). */
  rateLimitOnce: boolean;
  /** Every targeted call is rate limited. */
  rateLimit: boolean;
  /** code17: HTTP 400, code 17, no Retry-After; http429: HTTP 429, code 80004, Retry-After; usage: code 80004 with X-Business-Use-Case-Usage. */
  rateLimitKind: 'code17' | 'http429' | 'usage';
  /** Retry-After (seconds) of the http429 kind; minutes to regain access of the usage kind. */
  retryAfterSeconds: number;
  /** Targeted calls answer HTTP 500 (Graph error code 1, transient). */
  serverError: boolean;
  /** Targeted calls answer after `slowMs` (longer than the extractor's request timeout). */
  slow: boolean;
  slowMs: number;
  /** Targeted calls answer 200 with truncated JSON. */
  malformedJson: boolean;
  /** Targeted calls answer 200 with valid JSON that has no `data` (`{"results": [], "paging": {}}`). */
  missingData: boolean;
  /** Insights rows carry `amount_spent` instead of `spend`. */
  changedField: boolean;
  /** Which calls the rate limit, server error, slow, malformed and missing-data switches hit. */
  target: Endpoint | 'any';
}

export interface LoggedRequest {
  endpoint: Endpoint;
  path: string;
  /** Query parameters without `access_token` and `input_token`. */
  query: Record<string, string>;
  /** How the caller sent its token. */
  auth: 'header' | 'query' | 'none';
  /** True when the URL carried `access_token` (e.g. a `paging.next` followed without stripping it). */
  tokenInQuery: boolean;
  /** 0 when the caller hung up before the answer. */
  status: number;
}

export interface MetaAdsSimulatorOptions {
  port?: number;
  seed?: number;
  /** First day of data; by default 45 days before today (UTC), so the default 30-day window is covered. */
  startDate?: string;
  /** Days of data; by default through today. */
  days?: number;
  campaigns?: number;
  /** Largest page the API hands out (whatever `limit` asks): small so that paging happens. */
  campaignPageSize?: number;
  insightsPageSize?: number;
  currency?: string;
}

export interface MetaAdsSimulator {
  url: string;
  close(): Promise<void>;
  faults: MetaAdsFaults;
  /** The truth: campaigns in listing order and their daily figures. */
  data: MetaSample;
  credentials: { accessToken: string; adAccountId: string };
  account: { id: string; name: string; currency: string; account_status: number };
  requests: LoggedRequest[];
  /** Creates a campaign (with daily figures over the simulator's days), listed last. */
  addCampaign(opts?: { name?: string }): SampleCampaign;
  /** Days in the data range. */
  range: { from: string; to: string };
}

export const DEFAULT_FAULTS: Readonly<MetaAdsFaults> = {
  invalidToken: false,
  expiredToken: false,
  rateLimitOnce: false,
  rateLimit: false,
  rateLimitKind: 'code17',
  retryAfterSeconds: 1,
  serverError: false,
  slow: false,
  slowMs: 3_000,
  malformedJson: false,
  missingData: false,
  changedField: false,
  target: 'insights',
};

const todayUtc = (): string => new Date().toISOString().slice(0, 10);

function tokenOf(req: Request): { token: string | null; auth: LoggedRequest['auth'] } {
  const header = req.get('authorization');
  const m = header ? /^(?:Bearer|OAuth)\s+(\S+)$/i.exec(header) : null;
  if (m) return { token: m[1], auth: 'header' };
  if (typeof req.query.access_token === 'string') return { token: req.query.access_token, auth: 'query' };
  return { token: null, auth: 'none' };
}

function endpointOf(path: string): Endpoint {
  if (/^\/v\d+\.\d+\/debug_token$/.test(path)) return 'debug_token';
  if (/^\/v\d+\.\d+\/act_\d+$/.test(path)) return 'account';
  if (/^\/v\d+\.\d+\/act_\d+\/campaigns$/.test(path)) return 'campaigns';
  if (/^\/v\d+\.\d+\/\d+\/insights$/.test(path)) return 'insights';
  return 'unknown';
}

export async function startMetaAdsSimulator(opts: MetaAdsSimulatorOptions = {}): Promise<MetaAdsSimulator> {
  const seed = opts.seed ?? 7;
  const startDate = opts.startDate ?? addDays(todayUtc(), -45);
  const days = opts.days ?? 46;
  const range = { from: startDate, to: addDays(startDate, days - 1) };
  const data = metaAdsSample({ seed, startDate, days, campaigns: opts.campaigns ?? 7 });
  const campaignPageSize = opts.campaignPageSize ?? 2;
  const insightsPageSize = opts.insightsPageSize ?? 7;
  const credentials = { accessToken: `EAAGsim${seed}Zx${Math.random().toString(36).slice(2, 12)}TkN0ken`, adAccountId: 'act_1029384756' };
  const account = { id: credentials.adAccountId, name: 'Label Ads (simulated)', currency: opts.currency ?? 'EUR', account_status: 1 };
  const faults: MetaAdsFaults = { ...DEFAULT_FAULTS };
  const requests: LoggedRequest[] = [];
  let added = 0;
  // Only the spelling of numbers ("12" or "12.00") and the order of actions depend on it.
  const rng = seededRandom(seed * 31 + 5);

  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);

  // Request log, written when the answer goes out (its status known).
  app.use((req: Request, res: Response, next: NextFunction) => {
    const { auth } = tokenOf(req);
    const query = Object.fromEntries(
      Object.entries(req.query).filter(
        (e): e is [string, string] => typeof e[1] === 'string' && !['access_token', 'input_token'].includes(e[0]),
      ),
    );
    // On close, so that calls the client gave up on (timeouts) are logged too, with status 0.
    res.on('close', () =>
      requests.push({
        endpoint: endpointOf(req.path),
        path: req.path,
        query,
        auth,
        tokenInQuery: 'access_token' in req.query,
        status: res.writableFinished ? res.statusCode : 0,
      }),
    );
    res.set('x-fb-trace-id', Math.random().toString(36).slice(2, 13));
    next();
  });

  const send = (res: Response, status: number, body: unknown) =>
    res.status(status).type('application/json; charset=UTF-8').send(JSON.stringify(body));
  const fail = (res: Response, status: number, body: GraphErrorBody) => {
    if (body.error.type === 'OAuthException' && body.error.code === 190)
      res.set('www-authenticate', `OAuth "Facebook Platform" "invalid_token" "${body.error.message}"`);
    send(res, status, body);
  };

  // Authentication, then the fault switches of the targeted calls.
  app.use(async (req: Request, res: Response, next: NextFunction) => {
    const { token } = tokenOf(req);
    if (token === null) return fail(res, 400, graphError(104, 'An access token is required to request this resource.'));
    if (faults.invalidToken) {
      return fail(
        res,
        400,
        graphError(190, 'Error validating access token: Session has expired on Tuesday, 01-Apr-25 10:00:00 PDT.', { subcode: 463 }),
      );
    }
    if (token !== credentials.accessToken) return fail(res, 400, graphError(190, 'Invalid OAuth access token - Cannot parse access token'));
    const endpoint = endpointOf(req.path);
    if (faults.target !== 'any' && faults.target !== endpoint) return next();
    if (faults.slow) {
      const ok = await new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => resolve(true), faults.slowMs);
        res.on('close', () => {
          clearTimeout(timer);
          resolve(false);
        });
      });
      if (!ok) return;
    }
    if (faults.serverError) return fail(res, 500, graphError(1, 'An unknown error occurred', { subcode: 99, transient: true }));
    if (faults.rateLimit || faults.rateLimitOnce) {
      faults.rateLimitOnce = false;
      if (faults.rateLimitKind === 'http429') {
        res.set('retry-after', String(faults.retryAfterSeconds));
        return fail(
          res,
          429,
          graphError(80004, '(#80004) There have been too many calls to this ad-account. Wait a bit and try again.', {
            subcode: 2446079,
            transient: true,
          }),
        );
      }
      if (faults.rateLimitKind === 'usage') {
        const usage = {
          '1029384756': [
            {
              type: 'ads_insights',
              call_count: 100,
              total_cputime: 41,
              total_time: 63,
              estimated_time_to_regain_access: faults.retryAfterSeconds,
            },
          ],
        };
        res.set('x-business-use-case-usage', JSON.stringify(usage));
        return fail(
          res,
          400,
          graphError(80004, '(#80004) There have been too many calls to this ad-account. Wait a bit and try again.', {
            subcode: 2446079,
            transient: true,
          }),
        );
      }
      return fail(res, 400, graphError(17, '(#17) User request limit reached', { subcode: 2446079, transient: true }));
    }
    if (faults.malformedJson) {
      return res.status(200).type('application/json; charset=UTF-8').send('{"data":[{"campaign_id":"2385","spend":"3.4');
    }
    if (faults.missingData) return send(res, 200, { results: [], paging: {} });
    next();
  });

  app.get('/:version/debug_token', (req: Request, res: Response) => {
    const input = req.query.input_token;
    const now = Math.floor(Date.now() / 1000);
    const base = {
      app_id: '246810121416',
      type: 'SYSTEM_USER',
      application: 'Label Analytics',
      data_access_expires_at: 0,
      scopes: ['ads_read', 'read_insights', 'business_management'],
      user_id: '10009999',
    };
    if (typeof input !== 'string') return fail(res, 400, graphError(100, 'The parameter input_token is required'));
    if (input !== credentials.accessToken)
      return send(res, 200, { data: { error: { code: 190, message: 'Invalid OAuth access token.' }, is_valid: false, scopes: [] } });
    if (faults.expiredToken) {
      return send(res, 200, {
        data: {
          ...base,
          expires_at: now - 3600,
          is_valid: false,
          error: { code: 190, message: 'Error validating access token: Session has expired.', subcode: 463 },
        },
      });
    }
    return send(res, 200, { data: { ...base, expires_at: 0, is_valid: true, issued_at: now - 86_400 } });
  });

  const unknownObject = (res: Response, id: string) =>
    fail(
      res,
      400,
      graphError(
        100,
        `Unsupported get request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`,
        { subcode: 33, type: 'GraphMethodException' },
      ),
    );
  const badCursor = (res: Response) =>
    fail(res, 400, graphError(100, 'Invalid parameter: after cursor is not valid', { type: 'OAuthException' }));

  app.get('/:version/:id/campaigns', (req: Request, res: Response) => {
    if (req.params.id !== credentials.adAccountId) return unknownObject(res, String(req.params.id));
    const fields = requestedFields(req);
    const objects = data.campaigns.map((c) => selectFields(campaignObject(c), fields, ['id']));
    const page = pageOf(req, objects, campaignPageSize, credentials.accessToken);
    return page ? send(res, 200, page) : badCursor(res);
  });

  app.get('/:version/:id/insights', (req: Request, res: Response) => {
    const campaign = data.campaigns.find((c) => c.id === req.params.id);
    if (!campaign) return unknownObject(res, String(req.params.id));
    let since: unknown;
    let until: unknown;
    try {
      ({ since, until } = JSON.parse(String(req.query.time_range ?? '')) as { since?: unknown; until?: unknown });
    } catch {
      since = undefined;
    }
    const day = /^\d{4}-\d{2}-\d{2}$/;
    if (typeof since !== 'string' || typeof until !== 'string' || !day.test(since) || !day.test(until) || since > until) {
      return fail(res, 400, graphError(100, 'Invalid parameter: time_range must be {"since":"YYYY-MM-DD","until":"YYYY-MM-DD"}'));
    }
    if (req.query.time_increment !== '1' || req.query.level !== 'campaign') {
      return fail(res, 400, graphError(100, 'Invalid parameter: this simulator serves time_increment=1&level=campaign only'));
    }
    const fields = requestedFields(req);
    const objects = data.days
      .filter((d) => d.campaignId === campaign.id && d.date >= since && d.date <= until)
      .sort((a, b) => (a.date < b.date ? -1 : 1))
      .map((d) => {
        const o: Record<string, unknown> = { ...insightObject(d, d.date, d.date, rng), account_currency: account.currency };
        if (faults.changedField) {
          o.amount_spent = o.spend;
          delete o.spend;
        }
        return selectFields(o, fields && faults.changedField ? [...fields, 'amount_spent'] : fields, ['date_start', 'date_stop']);
      });
    const page = pageOf(req, objects, insightsPageSize, credentials.accessToken);
    return page ? send(res, 200, page) : badCursor(res);
  });

  app.get('/:version/:id', (req: Request, res: Response) => {
    if (req.params.id !== credentials.adAccountId) return unknownObject(res, String(req.params.id));
    return send(res, 200, selectFields({ ...account }, requestedFields(req), ['id']));
  });

  app.use((req: Request, res: Response) => fail(res, 400, graphError(2500, `Unknown path components: ${req.path}`)));

  const server = await listen(app, opts.port);
  return {
    url: server.url,
    close: server.close,
    faults,
    data,
    credentials,
    account,
    requests,
    range,
    addCampaign(o = {}) {
      added++;
      // A fresh sample gives realistic figures; its first campaign (never the paused one) is the new one.
      const extra = metaAdsSample({ seed: seed * 100 + added, startDate, days, campaigns: 2 });
      const base = extra.campaigns[0];
      const id = `2399${String(seed).padStart(4, '0')}${String(500000 + added)}`;
      const name = o.name ?? `New Release ${added} - Launch - US 18-34`;
      const campaign: SampleCampaign = { ...base, id, name, artist: null, track: null, status: 'ACTIVE', effectiveStatus: 'ACTIVE' };
      const newDays: SampleDay[] = extra.days
        .filter((d) => d.campaignId === base.id)
        .map((d) => ({ ...d, campaignId: id, campaignName: name }));
      data.campaigns.push(campaign);
      data.days.push(...newDays);
      return campaign;
    },
  };
}
