/** Meta Ads parsing without a database: measures, Graph pages and records, Ads Manager CSV, content sniffing. */
import { LakeValidationError, type ValidationReason } from '../../../src/ingest/lake/validation-error';
import { parseAdsManagerCsv, parseCsvRecords } from '../../../src/ingest/meta_ads/ads-manager-csv.parser';
import { nameExternalId } from '../../../src/ingest/meta_ads/campaigns';
import { arrayRecords, campaignRecord, insightRecord, pageRecords } from '../../../src/ingest/meta_ads/graph-records';
import { parseJsonText } from '../../../src/ingest/meta_ads/json-file';
import { parseCount, parseMoney } from '../../../src/ingest/meta_ads/measures';
import { metaAdsSample } from '../../../demo/sample-exports/meta_ads';
import { insightsJson } from '../../../demo/sample-exports/meta_ads-graph-pages';
import {
  dumpFileOf,
  looksLikeAdsManagerCsv,
  looksLikeCampaignsPage,
  looksLikeGraphError,
  looksLikeInsightsPage,
} from '../../../src/ingest/meta_ads/sniff';

const FILE = 'landing/meta_ads/insights/meta_insights_20250101_000000.json';

function reasonOf(fn: () => unknown): ValidationReason {
  try {
    fn();
  } catch (e) {
    if (e instanceof LakeValidationError) return e.reason;
    throw e;
  }
  throw new Error('expected a LakeValidationError');
}

const row = (over: Record<string, unknown> = {}) => ({
  campaign_id: '1',
  campaign_name: 'C',
  spend: '3.41',
  impressions: '1,200',
  reach: '900',
  date_start: '2025-01-02',
  date_stop: '2025-01-02',
  ...over,
});

describe('measures', () => {
  it('parses spend exactly and rejects what is not a plain or grouped decimal', () => {
    expect(parseMoney('3.41')).toBe(3_410_000_000n);
    expect(parseMoney('1,234.5')).toBe(1_234_500_000_000n);
    expect(parseMoney('0')).toBe(0n);
    expect(parseMoney(12.3)).toBe(12_300_000_000n);
    expect(parseMoney('')).toBeNull();
    expect(parseMoney('NaN')).toBeNull();
    expect(parseMoney(undefined)).toBeNull();
    for (const v of ['3,41', '3.41 USD', '$3.41', '1e3', 'abc', '.5', true]) expect(parseMoney(v)).toBeUndefined();
  });

  it('parses counts with separators and rejects negatives, decimals and words', () => {
    expect(parseCount('1,234,567')).toBe(1_234_567);
    expect(parseCount(42)).toBe(42);
    expect(parseCount(' ')).toBeNull();
    for (const v of ['12k', '-1', '1.5', -3, '1,23']) expect(parseCount(v)).toBeUndefined();
  });
});

describe('Graph pages and records', () => {
  it('reads one page or an array of pages, naming each record by its place', () => {
    expect(pageRecords(parseJsonText(JSON.stringify({ data: [row()], paging: {} }), FILE), FILE).map((r) => r.record)).toEqual(['data[0]']);
    const pages = [{ data: [row(), row()] }, { data: [] }, { data: [row()], paging: { next: 'x' } }];
    expect(pageRecords(JSON.parse(JSON.stringify(pages)), FILE).map((r) => r.record)).toEqual([
      'pages[0].data[0]',
      'pages[0].data[1]',
      'pages[2].data[0]',
    ]);
  });

  it('rejects an error payload with its code and another shape as SCHEMA_DRIFT', () => {
    const err = reasonOf(() =>
      pageRecords(
        { error: { message: 'Application request limit reached', type: 'OAuthException', code: 4, error_subcode: 1504022 } },
        FILE,
      ),
    );
    expect(err).toMatchObject({ code: 'MISSING_SECTION', field: 'error.code', found: 'error code 4, subcode 1504022' });
    expect(err.message).toMatch(/rate limit/);
    expect(reasonOf(() => pageRecords([{ data: [] }, { error: { code: 190, message: 'expired' } }], FILE)).found).toBe('error code 190');
    expect(reasonOf(() => pageRecords({ items: [] }, FILE))).toMatchObject({ code: 'SCHEMA_DRIFT', field: 'data, items' });
    expect(reasonOf(() => arrayRecords({ data: [] }, FILE))).toMatchObject({ code: 'SCHEMA_DRIFT', expected: 'a JSON array of objects' });
  });

  it('maps the pixel events and ignores overlapping action types', () => {
    const r = insightRecord(
      {
        record: 'data[0]',
        value: row({
          actions: [
            { action_type: 'offsite_conversion.fb_pixel_purchase', value: '2' },
            { action_type: 'omni_purchase', value: '2' },
            { action_type: 'purchase', value: '2' },
            { action_type: 'link_click', value: '1,001' },
            { action_type: 'post_engagement', value: '1100' },
            { action_type: 'offsite_conversion.fb_pixel_view_content', value: '30' },
            { action_type: 'offsite_conversion.fb_pixel_add_to_cart', value: '4' },
            { action_type: 'offsite_conversion.fb_pixel_initiate_checkout', value: '3' },
            { action_type: 'video_view', value: '999' },
          ],
        }),
      },
      FILE,
    );
    expect(r.measures).toEqual({
      spendNano: 3_410_000_000n,
      impressions: 1200,
      clicks: 0,
      reach: 900,
      linkClicks: 1001,
      postEngagement: 1100,
      viewContent: 30,
      addToCart: 4,
      initiateCheckout: 3,
      purchase: 2,
    });
    expect(insightRecord({ record: 'data[1]', value: row({ reach: undefined }) }, FILE).measures.reach).toBeNull();
  });

  it('names the record and field of a bad value, and both sides of a rename', () => {
    expect(reasonOf(() => insightRecord({ record: 'pages[1].data[3]', value: row({ spend: 'n/a' }) }, FILE))).toMatchObject({
      code: 'BAD_VALUE',
      field: 'pages[1].data[3].spend',
      found: 'n/a',
    });
    expect(reasonOf(() => insightRecord({ record: 'data[0]', value: row({ date_stop: '2025-01-01' }) }, FILE)).field).toBe(
      'data[0].date_stop',
    );
    expect(
      reasonOf(() => insightRecord({ record: 'data[0]', value: row({ actions: [{ action_type: 'link_click', value: 'x' }] }) }, FILE))
        .field,
    ).toBe('data[0].actions[0].value');
    const renamed = { ...row(), impression_count: '5' } as Record<string, unknown>;
    delete renamed.impressions;
    expect(reasonOf(() => insightRecord({ record: 'data[7]', value: renamed as never }, FILE))).toMatchObject({
      code: 'SCHEMA_DRIFT',
      field: 'impressions, impression_count',
    });
  });

  it('reads campaigns: Graph timestamps, budgets in minor units', () => {
    const c = campaignRecord(
      {
        record: 'data[0]',
        value: {
          id: '238',
          name: 'ZONE A0 - Night Drive',
          status: 'ACTIVE',
          created_time: '2024-12-01T08:09:10+0000',
          updated_time: '2025-01-02T03:04:05-0100',
          daily_budget: '2500',
        },
      },
      FILE,
    );
    expect(c).toMatchObject({ externalId: '238', dailyBudgetMinor: '2500', lifetimeBudgetMinor: null, objective: null });
    expect(c.createdAt?.toISOString()).toBe('2024-12-01T08:09:10.000Z');
    expect(c.updatedAt?.toISOString()).toBe('2025-01-02T04:04:05.000Z');
    expect(reasonOf(() => campaignRecord({ record: 'data[2]', value: { id: '1', name: 'x', daily_budget: '25.00' } }, FILE)).field).toBe(
      'data[2].daily_budget',
    );
    expect(
      reasonOf(() => campaignRecord({ record: 'data[2]', value: { id: '1', name: 'x', created_time: 'yesterday' } }, FILE)).field,
    ).toBe('data[2].created_time');
  });

  it('reports a truncated document at its end', () => {
    const text = '{\n  "data": [\n    {"campaign_id": "1", "spend": "3.4';
    expect(reasonOf(() => parseJsonText(text, FILE))).toMatchObject({
      code: 'BAD_VALUE',
      line: 3,
      message: expect.stringMatching(/truncated/),
    });
    expect(reasonOf(() => parseJsonText('{"data": [}]}', FILE))).toMatchObject({ code: 'BAD_VALUE', line: 1, column: 11 });
  });
});

describe('Ads Manager CSV', () => {
  it('splits quoted cells holding commas, quotes and line breaks, with the line each record starts on', () => {
    expect(parseCsvRecords('"a,b","say ""hi""",c\r\n"multi\nline",2,3\n\nx,y,z', 'f')).toEqual([
      { line: 1, cells: ['a,b', 'say "hi"', 'c'] },
      { line: 2, cells: ['multi\nline', '2', '3'] },
      { line: 5, cells: ['x', 'y', 'z'] },
    ]);
    expect(reasonOf(() => parseCsvRecords('a,"b\n1,2', 'f'))).toMatchObject({ code: 'BAD_VALUE', line: 1 });
  });

  it('finds columns by name, reads the currency from the spend column and tolerates other columns', () => {
    const csv =
      '\uFEFF"Campaign name","Reporting starts","Reporting ends","Amount spent (EUR)","Impressions","Frequency","Reach"\r\n"A, B","2025-01-01","2025-01-01","1,234.50","12,000","1.2",""\r\n';
    const report = parseAdsManagerCsv(csv, 'f');
    expect(report.currency).toBe('EUR');
    expect(report.rows).toHaveLength(1);
    expect(report.rows[0]).toMatchObject({ line: 2, campaignName: 'A, B', reportingStarts: '2025-01-01', adSetName: null });
    expect(report.rows[0].measures).toMatchObject({ spendNano: 1_234_500_000_000n, impressions: 12000, reach: null, clicks: 0 });
  });

  it('rejects missing columns, ragged rows and bad cells with line and column', () => {
    expect(
      reasonOf(() => parseAdsManagerCsv('Campaign name,Reporting starts,Reporting ends,Impressions\nA,2025-01-01,2025-01-01,1\n', 'f')),
    ).toMatchObject({
      code: 'SCHEMA_DRIFT',
      field: 'Amount spent (<currency>)',
      line: 1,
    });
    const head = 'Reporting starts,Reporting ends,Campaign name,Amount spent (USD),Impressions\n';
    expect(reasonOf(() => parseAdsManagerCsv(`${head}2025-01-01,2025-01-01,A,1.00\n`, 'f'))).toMatchObject({
      code: 'WRONG_FIELD_COUNT',
      line: 2,
    });
    expect(
      reasonOf(() => parseAdsManagerCsv(`${head}2025-01-01,2025-01-01,A,1.00,5\n2025-01-02,2025-01-01,A,1.00,5\n`, 'f')),
    ).toMatchObject({
      code: 'BAD_VALUE',
      line: 3,
      column: 2,
      field: 'Reporting ends',
    });
    expect(reasonOf(() => parseAdsManagerCsv(`${head}2025-01-01,2025-01-01,A,"3,41",5\n`, 'f'))).toMatchObject({
      code: 'BAD_VALUE',
      field: 'Amount spent (USD)',
      found: '3,41',
    });
    expect(reasonOf(() => parseAdsManagerCsv('\n\n', 'f')).code).toBe('EMPTY_FILE');
  });
});

describe('recognition helpers', () => {
  const sample = metaAdsSample({ seed: 1, startDate: '2025-01-01', days: 40 });
  it('sniffs insights and campaigns pages from a head cut mid-object', () => {
    const json = insightsJson(sample, { seed: 1 });
    expect(looksLikeInsightsPage(json.slice(0, 2000))).toBe(true);
    expect(looksLikeCampaignsPage(json.slice(0, 2000))).toBe(false);
    expect(
      looksLikeCampaignsPage('{"data":[{"id":"1","name":"x","effective_status":"ACTIVE","created_time":"2025-01-01T00:00:00+0000"}]}'),
    ).toBe(true);
    expect(looksLikeInsightsPage('{"data":{"getAccountAnalytics":{}}}')).toBe(false);
    expect(looksLikeGraphError('{"error":{"message":"x","type":"OAuthException","code":190,"fbtrace_id":"A"}}')).toBe(true);
    expect(looksLikeGraphError('{"error":{"message":"x"}}')).toBe(false);
  });

  it('sniffs Ads Manager headers and dump file names', () => {
    expect(looksLikeAdsManagerCsv('\uFEFF"Reporting starts","Reporting ends","Campaign name","Impressions"\r\n')).toBe(true);
    expect(looksLikeAdsManagerCsv('date,listeners,streams,followers\n')).toBe(false);
    expect(dumpFileOf('campaigns_20250301_000000.json')).toBe('campaigns.json');
    expect(dumpFileOf('insights_20250301_000000_2.json')).toBe('insights.json');
    expect(dumpFileOf('account.json')).toBeNull();
  });

  it('keeps name: external ids within 100 characters', () => {
    expect(nameExternalId('Short')).toBe('name:Short');
    const long = nameExternalId('x'.repeat(300));
    expect(long.length).toBeLessThanOrEqual(100);
    expect(long).not.toBe(nameExternalId(`${'x'.repeat(299)}y`));
  });
});
