/**
 * Malformed Meta Ads files are quarantined with a precise reason while a valid file of the same
 * batch loads, and nothing of a bad file reaches raw, staging or the warehouse. Also: recognition
 * by name, by content and with --service meta_ads.
 */
import fs from 'node:fs';
import path from 'node:path';
import { metaAdsSample, totalsOf } from '../../../demo/sample-exports/meta_ads';
import { adsManagerCsv } from '../../../demo/sample-exports/meta_ads-ads-manager-csv';
import { dumpFolder, type DumpGrain } from '../../../demo/sample-exports/meta_ads-dump-folder';
import { campaignsJson, graphErrorJson, insightsJson } from '../../../demo/sample-exports/meta_ads-graph-pages';
import { describeEachDatabase } from '../../helpers/databases';
import { type Harness, listFiles, openHarness, statuses } from '../ingest/helpers';
import { campaigns, dailyRows, periodRows, snapshotRows, spendSum } from './helpers';

const good = metaAdsSample({ seed: 51, startDate: '2025-05-01', days: 14, campaigns: 3 });
const bad = metaAdsSample({ seed: 52, startDate: '2025-05-01', days: 14, campaigns: 3 });
const badJson = (): Array<{ data: Array<Record<string, unknown>> }> => JSON.parse(insightsJson(bad, { seed: 9, pageSize: 5 }));

interface BadCase {
  title: string;
  name: string;
  content: () => string;
  code: string;
  field?: string | RegExp;
  message?: RegExp;
  found?: RegExp;
  line?: number;
}

const CASES: BadCase[] = [
  {
    title: 'a renamed insights field',
    name: 'meta_insights_20250515_000000.json',
    content: () => {
      const pages = badJson();
      const row = pages[1].data[2];
      row.amount_spent = row.spend;
      delete row.spend;
      return JSON.stringify(pages);
    },
    code: 'SCHEMA_DRIFT',
    field: 'spend, amount_spent',
    message: /pages\[1\]\.data\[2\].*missing field\(s\): spend; unexpected field\(s\): amount_spent/,
  },
  {
    title: 'a non-numeric spend',
    name: 'meta_insights_20250515_000001.json',
    content: () => {
      const pages = badJson();
      pages[1].data[4].spend = '3,41';
      return JSON.stringify(pages);
    },
    code: 'BAD_VALUE',
    field: 'pages[1].data[4].spend',
    found: /^3,41$/,
  },
  {
    title: 'a truncated capture',
    name: 'meta_insights_20250515_000002.json',
    content: () => {
      const text = insightsJson(bad, { seed: 9 });
      return text.slice(0, Math.floor(text.length * 0.6));
    },
    code: 'BAD_VALUE',
    message: /truncated/,
  },
  {
    title: 'an API error payload (expired token)',
    name: 'meta_insights_20250515_000003.json',
    content: () => graphErrorJson(190, 463, 'Error validating access token: Session has expired on Thursday, 15-May-25.'),
    code: 'MISSING_SECTION',
    field: 'error.code',
    found: /error code 190, subcode 463/,
    message: /Graph API error 190\/463 \(OAuthException, invalid or expired token/,
  },
  {
    title: 'a CSV export without Amount spent',
    name: 'ads_manager_export_20250515_000004.csv',
    content: () => {
      const { csv } = adsManagerCsv({ seed: 3, startDate: '2025-05-01', days: 3, campaignNames: ['Bad campaign'], breakdown: 'daily' });
      return csv.replace('"Amount spent (USD)"', '"Spend"');
    },
    code: 'SCHEMA_DRIFT',
    field: 'Amount spent (<currency>)',
    line: 1,
  },
  {
    title: 'an empty capture',
    name: 'meta_campaigns_20250515_000005.json',
    content: () => '',
    code: 'EMPTY_FILE',
  },
  {
    title: 'a capture of another JSON shape',
    name: 'meta_insights_20250515_000006.json',
    content: () => JSON.stringify({ results: JSON.parse(insightsJson(bad, { seed: 9, pageSize: 500 }))[0].data }),
    code: 'SCHEMA_DRIFT',
    field: 'data, results',
  },
  {
    title: 'a non-numeric impressions cell in a CSV export',
    name: 'ads_manager_export_20250515_000007.csv',
    content: () => {
      const { csv } = adsManagerCsv({ seed: 3, startDate: '2025-05-01', days: 3, campaignNames: ['Bad campaign'], breakdown: 'daily' });
      const lines = csv.split('\r\n');
      const cells = lines[2].split('","');
      cells[6] = '12k';
      lines[2] = cells.join('","');
      return lines.join('\r\n');
    },
    code: 'BAD_VALUE',
    field: 'Impressions',
    line: 3,
    found: /^12k$/,
  },
];

interface DumpCase {
  title: string;
  grain: DumpGrain;
  edit: (rows: Array<Record<string, unknown>>) => Array<Record<string, unknown>>;
  code: string;
  /** The reason's field, given the rows as generated. */
  field: string | ((rows: Array<Record<string, unknown>>) => string);
  message: RegExp;
}

/** The first row of a campaign whose ad set is not its first. */
const secondAdsetRow = (rows: Array<Record<string, unknown>>): number =>
  rows.findIndex((r, k) => rows.slice(0, k).some((e) => e.campaign_id === r.campaign_id));

const DUMP_CASES: DumpCase[] = [
  {
    title: 'a campaign-level row among ad set rows',
    grain: 'adset',
    edit: (rows) =>
      rows.map((r, k) =>
        k === 2 ? Object.fromEntries(Object.entries(r).filter(([key]) => key !== 'adset_id' && key !== 'adset_name')) : r,
      ),
    code: 'SCHEMA_DRIFT',
    field: '[2].adset_id',
    message: /\[2\] is at campaign grain but \[0\] is at adset grain/,
  },
  {
    title: 'a campaign repeated at campaign grain',
    grain: 'campaign',
    edit: (rows) => [rows[0], { ...rows[0] }, ...rows.slice(1)],
    code: 'BAD_VALUE',
    field: '[1].campaign_id',
    message: /appears twice in a campaign-level dump/,
  },
  {
    title: 'an ad set repeated',
    grain: 'adset',
    edit: (rows) => [rows[0], rows[1], { ...rows[1] }, ...rows.slice(2)],
    code: 'BAD_VALUE',
    field: '[2].adset_id',
    message: /appears twice in one dump/,
  },
  {
    title: 'ad sets of one campaign ending on different days',
    grain: 'adset',
    edit: (rows) => rows.map((r, k) => (k === secondAdsetRow(rows) ? { ...r, date_stop: '2025-05-13' } : r)),
    code: 'BAD_VALUE',
    field: (rows) => `[${secondAdsetRow(rows)}].date_stop`,
    message: /end on different days/,
  },
  {
    title: 'an actions list (dumps have none)',
    grain: 'campaign',
    edit: (rows) => rows.map((r, k) => (k === 1 ? { ...r, actions: [{ action_type: 'link_click', value: '3' }] } : r)),
    code: 'SCHEMA_DRIFT',
    field: 'actions',
    message: /insights row \[1\] changed: unexpected field\(s\): actions/,
  },
  {
    title: 'a decimal comma in spend',
    grain: 'campaign',
    edit: (rows) => rows.map((r, k) => (k === 0 ? { ...r, spend: '12,5' } : r)),
    code: 'BAD_VALUE',
    field: '[0].spend',
    message: /invalid spend in \[0\]/,
  },
  {
    title: 'date_stop before date_start',
    grain: 'campaign',
    edit: (rows) => rows.map((r, k) => (k === 1 ? { ...r, date_stop: '2025-04-01' } : r)),
    code: 'BAD_VALUE',
    field: '[1].date_stop',
    message: /invalid date_stop in \[1\]/,
  },
];

describeEachDatabase('Meta Ads malformed files and recognition', (kind) => {
  let h: Harness;
  beforeEach(async () => {
    h = await openHarness(kind);
  });
  afterEach(async () => {
    await h?.close();
  });

  it.each(CASES)('quarantines $title ($code) while the valid file of the batch loads', async (c) => {
    const badFile = h.input(c.name, c.content());
    const goodFile = h.input('meta_insights_20250515_120000.json', insightsJson(good, { seed: 8 }));
    const [sBad, sGood] = await h.ingest([badFile, goodFile]);
    expect(sGood.status).toBe('loaded');
    expect(sBad).toMatchObject({ status: 'quarantined', service: 'meta_ads' });
    expect(sBad.reason).toMatchObject({ code: c.code, file: sBad.landingFile });
    if (typeof c.field === 'string') expect(sBad.reason?.field).toBe(c.field);
    if (c.message) expect(sBad.reason?.message).toMatch(c.message);
    if (c.found) expect(sBad.reason?.found).toMatch(c.found);
    if (c.line !== undefined) expect(sBad.reason?.line).toBe(c.line);

    // The warehouse holds exactly the valid file: its days, its campaigns, nothing of the bad one.
    expect(await spendSum(h.ds, 'campaign_daily')).toBe(totalsOf(good.days).spendNano.toString());
    expect((await dailyRows(h.ds)).length).toBe(good.days.length);
    expect(await periodRows(h.ds)).toEqual([]);
    const goodIds = new Set(good.days.map((d) => d.campaignId));
    expect((await campaigns(h.ds)).map((r) => r.external_id).sort()).toEqual([...goodIds].sort());

    // Raw and staging hold only the valid file; the bad one sits in quarantine with its reason.
    const badBase = path.basename(sBad.landingFile!).replace(/\.[^.]+$/, '');
    for (const zone of ['raw', 'staging']) {
      const files = listFiles(path.join(h.lakeDir, zone, 'meta_ads'));
      expect(files.some((f) => f.includes(badBase))).toBe(false);
      expect(files.some((f) => f.includes('meta_insights_20250515_120000'))).toBe(true);
    }
    const quarantined = listFiles(path.join(h.lakeDir, 'quarantine', 'meta_ads'));
    expect(quarantined).toEqual([path.basename(sBad.landingFile!), `${path.basename(sBad.landingFile!)}.reason.json`].sort());
    const reason = JSON.parse(
      fs.readFileSync(path.join(h.lakeDir, 'quarantine', 'meta_ads', `${path.basename(sBad.landingFile!)}.reason.json`), 'utf8'),
    ) as { code: string };
    expect(reason.code).toBe(c.code);
  });

  it('quarantines a rate-limit error captured under a generic name, recognised by content, with its code', async () => {
    const [s] = await h.ingest([h.input('response.json', graphErrorJson(17, 2446079, 'User request limit reached', 'OAuthException'))]);
    expect(s).toMatchObject({ status: 'quarantined', service: 'meta_ads', stream: 'insights' });
    expect(s.reason?.message).toMatch(/Graph API error 17\/2446079 .*rate limit/);
  });

  it('quarantines a dump file that is not a JSON array', async () => {
    const dump = dumpFolder(good, { seed: 1, dateStop: '2025-05-14', grain: 'campaign' });
    const dir = 'meta_ads_dump_20250515_000000';
    h.input(`${dir}/campaigns.json`, dump.files['campaigns.json']);
    h.input(`${dir}/insights.json`, JSON.stringify({ data: JSON.parse(dump.files['insights.json']) }));
    const summaries = await h.ingest([path.join(h.inputDir, dir)]);
    expect(statuses(summaries)).toEqual([
      'campaigns.json: loaded',
      expect.stringMatching(/^insights\.json: quarantined .*unexpected JSON shape/),
    ]);
    expect(summaries[1].reason).toMatchObject({ code: 'SCHEMA_DRIFT', expected: 'a JSON array of objects' });
    expect(await periodRows(h.ds)).toEqual([]);
    expect(await snapshotRows(h.ds)).toEqual([]);
  });

  it.each(DUMP_CASES)(
    'quarantines a dump insights.json with $title ($code), naming the record and field; campaigns.json of the folder loads',
    async (c) => {
      const dump = dumpFolder(good, { seed: 2, dateStop: '2025-05-14', grain: c.grain });
      const rows = JSON.parse(dump.files['insights.json']) as Array<Record<string, unknown>>;
      const dir = c.grain === 'campaign' ? 'meta_ads_dump_20250515_010000' : '20250515_010000';
      h.input(`${dir}/campaigns.json`, dump.files['campaigns.json']);
      h.input(`${dir}/insights.json`, JSON.stringify(c.edit(rows), null, 2));
      const summaries = await h.ingest([path.join(h.inputDir, dir)]);
      expect(summaries.map((s) => [path.basename(s.input), s.status, s.stream])).toEqual([
        ['campaigns.json', 'loaded', 'dump'],
        ['insights.json', 'quarantined', 'dump'],
      ]);
      expect(summaries[1].reason).toMatchObject({
        code: c.code,
        field: typeof c.field === 'string' ? c.field : c.field(rows),
        file: summaries[1].landingFile,
      });
      expect(summaries[1].reason?.message).toMatch(c.message);
      expect(await snapshotRows(h.ds)).toEqual([]);
      expect(await dailyRows(h.ds)).toEqual([]);
      expect(listFiles(path.join(h.lakeDir, 'raw', 'meta_ads', 'dump')).filter((f) => f.startsWith('insights'))).toEqual([]);
      const quarantined = listFiles(path.join(h.lakeDir, 'quarantine', 'meta_ads'));
      expect(quarantined).toContain(`${path.basename(summaries[1].landingFile!)}.reason.json`);
    },
  );

  it('recognises captures and exports by content under any name, and with --service meta_ads', async () => {
    const byContent = await h.ingest([
      h.input('export (3).json', insightsJson(good, { seed: 8 })),
      h.input('campaigns_page.json', campaignsJson(good, { seed: 2 })),
      h.input(
        'Label-Campaigns-May-1-2025-May-3-2025.csv',
        adsManagerCsv({ seed: 5, startDate: '2025-05-01', days: 3, campaignNames: ['Some campaign'], breakdown: 'daily' }).csv,
      ),
    ]);
    expect(byContent.map((s) => [s.status, s.service, s.stream])).toEqual([
      ['loaded', 'meta_ads', 'insights'],
      ['loaded', 'meta_ads', 'campaigns'],
      ['loaded', 'meta_ads', 'ads_manager_csv'],
    ]);

    const [withService] = await h.ingest([h.input('page-2.json', insightsJson(bad, { seed: 8 }))], 'meta_ads');
    expect(withService).toMatchObject({ status: 'loaded', service: 'meta_ads', stream: 'insights' });

    const [foreign] = await h.ingest([h.input('notes.json', JSON.stringify({ hello: 'world' }))], 'meta_ads');
    expect(foreign).toMatchObject({ status: 'quarantined', reason: expect.objectContaining({ code: 'UNKNOWN_SOURCE' }) });
  });
});
