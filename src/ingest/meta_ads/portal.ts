/**
 * The Meta Graph API as the Meta Ads extractor reads it: the fields it asks for, how the API
 * numbers account statuses, which token scopes can read ads, and the defaults of its paging,
 * timeouts and back-off (each can be overridden per extractor, as the tests do).
 */
export const META_ADS_API = {
  /** What `GET /{act}/campaigns` is asked for (docs/SOURCES.md#meta-ads-campaigns-listing). */
  campaignFields: [
    'id',
    'name',
    'status',
    'objective',
    'effective_status',
    'created_time',
    'updated_time',
    'daily_budget',
    'lifetime_budget',
  ],
  /**
   * What `GET /{campaign}/insights` is asked for. `adset_id`/`adset_name` are left out: they mean
   * nothing at level=campaign, and a row carrying them would load as an ad set period total.
   * `account_currency` gives the campaigns their currency.
   */
  insightFields: [
    'campaign_id',
    'campaign_name',
    'spend',
    'impressions',
    'clicks',
    'cpc',
    'cpm',
    'ctr',
    'reach',
    'frequency',
    'actions',
    'account_currency',
    'date_start',
    'date_stop',
  ],
  accountStatus: {
    1: 'ACTIVE',
    2: 'DISABLED',
    3: 'UNSETTLED',
    7: 'PENDING_RISK_REVIEW',
    8: 'PENDING_SETTLEMENT',
    9: 'IN_GRACE_PERIOD',
    100: 'PENDING_CLOSURE',
    101: 'CLOSED',
    201: 'ANY_ACTIVE',
    202: 'ANY_CLOSED',
  } as Readonly<Record<number, string>>,
  /** A token with one of these scopes can read the ad account. */
  readScopes: ['ads_read', 'ads_management'],
  /** A token expiring sooner than this many days is warned about in the run log. */
  tokenWarningDays: 7,
  defaults: {
    /** Per request, when the browser timeout is not configured. */
    requestTimeoutMs: 60_000,
    maxRateLimitRetries: 4,
    maxTransientRetries: 2,
    backoffBaseMs: 2_000,
    /** A server asking for a longer wait is not waited for inline: the job retries later. */
    maxInlineWaitMs: 120_000,
    campaignPageSize: 100,
    insightsPageSize: 500,
    /** The default window: this many days ending yesterday (UTC). */
    days: 30,
  },
} as const;
