/**
 * Linktree captured GraphQL responses into `link_daily`, on SQLite and PostgreSQL: only the
 * account analytics overview is read (currentUser, links, referrers, per-link series… ignored),
 * 7-day and 365-day captures of the same days load once, later captures correct, older stay.
 */
import fs from 'node:fs';
import path from 'node:path';
import { linkSeries, linktreeCapture, overviewResponse } from '../../../demo/sample-exports/linktree';
import { describeEachDatabase } from '../../helpers/databases';
import { type Harness, openHarness, statuses } from '../ingest/helpers';
import { linkRows, sourceFileIdsOfRows, withAccount } from './helpers';

describeEachDatabase('Linktree analytics → link_daily', (kind) => {
  let h: Harness;
  beforeEach(async () => {
    h = await openHarness(kind);
  });
  afterEach(async () => {
    await h?.close();
  });

  it('loads the 365-day overview of a generic graphql capture under account default, ignoring every other operation', async () => {
    const cap = linktreeCapture({ seed: 1, endDate: '2025-05-31', windowDays: 365, pretty: true });
    // The capture really holds the decoys: other operations, another getAccountAnalytics view, a per-link series.
    for (const op of ['currentUser', 'socialLinks', 'referrers', 'locations', 'getLinkAnalytics', 'PersistedQueryNotFound'])
      expect(cap.json).toContain(op);
    const [s] = await h.ingest([h.input('graphql_20250601_120000.json', cap.json)]);
    expect(s).toMatchObject({ status: 'loaded', service: 'linktree', stream: 'analytics', rowsRead: 365, rowsLoaded: 365, rowsSkipped: 0 });
    const stored = await linkRows(h);
    expect(stored).toEqual(withAccount('default', cap.days));
    expect(stored.some((r) => r.totalViews === 999_999)).toBe(false);
    expect(stored.reduce((t, r) => t + r.totalClicks, 0)).toBe(cap.days.reduce((t, d) => t + d.totalClicks, 0));
  });

  it('takes the account from linktree_<account>_… and keeps accounts apart', async () => {
    const a = linktreeCapture({ seed: 2, endDate: '2025-05-31', windowDays: 7 });
    const b = linktreeCapture({ seed: 3, endDate: '2025-05-31', windowDays: 7, username: 'pig1987' });
    const c = linktreeCapture({ seed: 4, endDate: '2025-05-31', windowDays: 3 });
    const summaries = await h.ingest([
      h.input('linktree_zone.a0_20250601_120000.json', a.json),
      h.input('linktree_pig1987_graphql_20250601_120000.json', b.json),
      h.input('linktree_graphql_20250601_120000.json', c.json),
    ]);
    expect(statuses(summaries).every((x) => x.endsWith('loaded'))).toBe(true);
    expect(await linkRows(h)).toEqual([
      ...withAccount('default', c.days),
      ...withAccount('pig1987', b.days),
      ...withAccount('zone.a0', a.days),
    ]);
  });

  it('loads the days a 7-day and a 365-day capture share once: the second capture leaves them unchanged', async () => {
    const year = linktreeCapture({ seed: 5, endDate: '2025-05-31', windowDays: 365 });
    const week = linktreeCapture({ seed: 5, endDate: '2025-05-31', windowDays: 7 });
    expect(year.days.slice(-7)).toEqual(week.days);

    const [w] = await h.ingest([h.input('linktree_zone.a0_7d_20250601_120000.json', week.json)]);
    expect(w).toMatchObject({ status: 'loaded', rowsRead: 7, rowsLoaded: 7, rowsSkipped: 0 });
    const [y] = await h.ingest([h.input('linktree_zone.a0_365d_20250601_120500.json', year.json)]);
    expect(y).toMatchObject({ status: 'loaded', rowsRead: 365, rowsLoaded: 358, rowsSkipped: 7 });
    const [w2] = await h.ingest([
      h.input(
        'linktree_zone.a0_7d_20250601_121000.json',
        linktreeCapture({ seed: 5, endDate: '2025-05-31', windowDays: 7, single: true }).json,
      ),
    ]);
    expect(w2).toMatchObject({ status: 'loaded', rowsRead: 7, rowsLoaded: 0, rowsSkipped: 7 });

    expect(await linkRows(h)).toEqual(withAccount('zone.a0', year.days));
    // The shared days still belong to the first capture: nothing was rewritten.
    expect(await sourceFileIdsOfRows(h)).toHaveLength(2);

    const [again] = await h.ingest([h.input('linktree_zone.a0_365d_20250601_120500.json', year.json)]);
    expect(again.status).toBe('skipped');
  });

  it('lets a later capture correct the partial last day and keeps older days; an older capture loaded late overwrites nothing', async () => {
    const first = linkSeries(6, '2025-05-31', 30);
    await h.ingest([h.input('linktree_zone.a0_20250531_180000.json', JSON.stringify([overviewResponse(first)]))]);
    const corrected = { ...first[29], totalViews: first[29].totalViews + 17, uniqueViews: first[29].uniqueViews + 5 };
    const next = [...first.slice(10, 29), corrected, ...linkSeries(6, '2025-06-10', 10)];
    const [s] = await h.ingest([h.input('linktree_zone.a0_20250610_180000.json', JSON.stringify(overviewResponse(next)))]);
    expect(s).toMatchObject({ status: 'loaded', rowsRead: 30, rowsLoaded: 11, rowsSkipped: 19 });
    const expected = [...first.slice(0, 10), ...next];
    expect(await linkRows(h)).toEqual(withAccount('zone.a0', expected));

    const stale = first.map((d) => ({ ...d, totalViews: d.totalViews + 1000 }));
    const [late] = await h.ingest([h.input('linktree_zone.a0_20250520_180000.json', JSON.stringify([overviewResponse(stale)]))]);
    expect(late).toMatchObject({ status: 'loaded', rowsLoaded: 0, rowsSkipped: 30 });
    expect(await linkRows(h)).toEqual(withAccount('zone.a0', expected));
  });

  it('loads a capture of the other operations only as 0 rows, and keeps it in landing', async () => {
    const cap = linktreeCapture({ seed: 7, endDate: '2025-05-31', windowDays: 7, withoutAnalytics: true });
    expect(cap.json).not.toContain('"overview":{"totalViews"');
    const [s] = await h.ingest([h.input('graphql_20250601_130000.json', cap.json)]);
    expect(s).toMatchObject({ status: 'loaded', service: 'linktree', stream: 'analytics', rowsRead: 0, rowsLoaded: 0 });
    expect(fs.existsSync(path.join(h.lakeDir, s.landingFile!))).toBe(true);
    expect(await linkRows(h)).toEqual([]);
  });

  it.each([undefined, 'linktree'] as const)('recognises captures by content whatever their name (service %s)', async (service) => {
    const cap = linktreeCapture({ seed: 8, endDate: '2025-05-31', windowDays: 7 });
    const single = linktreeCapture({ seed: 8, endDate: '2025-05-31', windowDays: 7, single: true, withoutAnalytics: true });
    const summaries = await h.ingest(
      [h.input('capture_20250601_120000.json', cap.json), h.input('graphql_20250601_120001.json', single.json)],
      service,
    );
    expect(summaries.map((s) => [s.service, s.stream, s.status, s.rowsRead])).toEqual([
      ['linktree', 'analytics', 'loaded', 7],
      ['linktree', 'analytics', 'loaded', 0],
    ]);
    expect(await linkRows(h)).toEqual(withAccount('default', cap.days));
  });
});
