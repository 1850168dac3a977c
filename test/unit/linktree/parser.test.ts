/** Linktree account names and capture parsing, without a database. */
import { accountOf } from '../../../src/ingest/linktree/account';
import { looksLikeLinktreeCapture, parseLinktreeCapture } from '../../../src/ingest/linktree/analytics.parser';
import { linktreeCapture, overviewResponse } from '../../../demo/sample-exports/linktree';
import { reasonOf } from '../distrokid/helpers';

describe('accountOf', () => {
  it.each([
    ['graphql_20250601_120000.json', 'default'],
    ['linktree_graphql_20250601_120000.json', 'default'],
    ['linktree_20250601_120000.json', 'default'],
    ['linktree_zone.a0_20250601_120000.json', 'zone.a0'],
    ['linktree_zone_a0_graphql_20250601_120000.json', 'zone_a0'],
    ['linktree_pig1987_365d_analytics_20250601_120000.json', 'pig1987'],
    ['capture.json', 'default'],
  ])('%s → %s', (name, account) => {
    expect(accountOf(name)).toBe(account);
  });
});

describe('Linktree capture recognition', () => {
  it('knows GraphQL captures and nothing else', () => {
    expect(looksLikeLinktreeCapture('x.json', linktreeCapture({ seed: 1, endDate: '2025-01-31', windowDays: 7 }).json)).toBe(true);
    expect(looksLikeLinktreeCapture('graphql_1.json', '{"data": {"currentUser": {"id": "1"}}}')).toBe(true);
    expect(looksLikeLinktreeCapture('graphql_1.json', '{"errors": [{"message": "x"}], "data": null}')).toBe(true);
    // A Graph API page (Meta) has an array under data, and no GraphQL markers.
    expect(looksLikeLinktreeCapture('insights.json', '{"data": [{"spend": "3.41"}], "paging": {}}')).toBe(false);
    expect(looksLikeLinktreeCapture('other.json', '{"data": {"id": "1"}}')).toBe(false);
  });
});

describe('parseLinktreeCapture', () => {
  const day = (date: string, n: number) => ({ date, totalViews: n, uniqueViews: n - 1, totalClicks: 2, uniqueClicks: 1 });

  it('reads only the account overview, a later response winning for a shared day', () => {
    const doc = [
      { data: { getLinkAnalytics: { overview: { timeseries: [day('2025-01-01', 500)] } } } },
      overviewResponse([day('2025-01-01', 10), day('2025-01-02', 11)]),
      { data: { getAccountAnalytics: { referrers: [] } } },
      { data: { getAccountAnalytics: null }, errors: [{ message: 'boom' }] },
      overviewResponse([{ ...day('2025-01-02', 12), totalViews: '1,012' as unknown as number }]),
    ];
    const cap = parseLinktreeCapture(JSON.stringify(doc), 'f');
    expect(cap).toMatchObject({ responses: 5, analyticsResponses: 2 });
    expect(cap.days).toEqual([
      { date: '2025-01-01', totalViews: 10n, uniqueViews: 9n, totalClicks: 2n, uniqueClicks: 1n, response: 1 },
      { date: '2025-01-02', totalViews: 1012n, uniqueViews: 11n, totalClicks: 2n, uniqueClicks: 1n, response: 4 },
    ]);
  });

  it('treats a missing overview object as drift and a negative count as a bad value', async () => {
    expect(await reasonOf(() => parseLinktreeCapture('{"data":{"getAccountAnalytics":{"overview":null}}}', 'f'))).toMatchObject({
      code: 'SCHEMA_DRIFT',
      field: 'data.getAccountAnalytics.overview',
    });
    const neg = JSON.stringify(overviewResponse([{ ...day('2025-01-01', 3), uniqueClicks: -1 }]));
    expect(await reasonOf(() => parseLinktreeCapture(neg, 'f'))).toMatchObject({
      code: 'BAD_VALUE',
      field: 'data.getAccountAnalytics.overview.timeseries[0].uniqueClicks',
      found: '-1',
    });
  });
});
