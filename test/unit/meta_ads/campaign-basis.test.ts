/**
 * The rule choosing the basis of a campaign's spend for a range (campaign-basis.ts), on
 * hand-made snapshots: cumulative figures as of 03-10 and 03-20 of a campaign started 03-02.
 */
import { decideBasis, type Snapshot } from '../../../src/analytics/campaign-basis';

const s10: Snapshot = { since: '2025-03-02', asOf: '2025-03-10', spendNano: 100n, impressions: 1000n, clicks: 10n, reach: 700n };
const s20: Snapshot = { since: '2025-03-02', asOf: '2025-03-20', spendNano: 250n, impressions: 2600n, clicks: 31n, reach: null };
const snaps = [s20, s10]; // any order
const r = (from: string, to: string) => ({ from, to });

describe('decideBasis', () => {
  it('answers a range containing the first window with its cumulative figures and reach', () => {
    expect(decideBasis(r('2025-03-01', '2025-03-10'), false, null, snaps)).toEqual({
      basis: 'SNAPSHOT',
      covered: r('2025-03-02', '2025-03-10'),
      snapshotMeasures: { spendNano: 100n, impressions: 1000n, clicks: 10n },
      snapshotReach: 700n,
      note: expect.stringMatching(/one snapshot/),
    });
  });

  it('answers the days after one snapshot up to the next with the difference, and no reach', () => {
    const d = decideBasis(r('2025-03-11', '2025-03-20'), false, null, snaps)!;
    expect(d).toMatchObject({
      basis: 'SNAPSHOT',
      covered: r('2025-03-11', '2025-03-20'),
      snapshotMeasures: { spendNano: 150n, impressions: 1600n, clicks: 21n },
      snapshotReach: null,
    });
  });

  it('answers a range past the last snapshot up to it, and the whole life with the last cumulative figure (never a sum of snapshots)', () => {
    expect(decideBasis(r('2025-03-11', '2025-04-30'), false, null, snaps)).toMatchObject({
      basis: 'SNAPSHOT',
      covered: r('2025-03-11', '2025-03-20'),
      snapshotMeasures: { spendNano: 150n },
    });
    expect(decideBasis(r('2025-01-01', '2025-12-31'), false, null, snaps)).toMatchObject({
      basis: 'SNAPSHOT',
      covered: r('2025-03-02', '2025-03-20'),
      snapshotMeasures: { spendNano: 250n },
      snapshotReach: null,
    });
  });

  it.each([
    ['starts inside the first window', r('2025-03-05', '2025-03-20'), /starts on 2025-03-05, inside the window 2025-03-02…2025-03-20/],
    [
      'starts between two snapshots',
      r('2025-03-15', '2025-03-20'),
      /starts on 2025-03-15, between the snapshots as of 2025-03-10 and 2025-03-20/,
    ],
    ['ends inside the first window', r('2025-03-01', '2025-03-05'), /ends on 2025-03-05, inside the first snapshot's window/],
    [
      'ends between two snapshots',
      r('2025-03-01', '2025-03-15'),
      /ends on 2025-03-15, between the snapshots as of 2025-03-10 and 2025-03-20/,
    ],
  ])('is PARTIAL when the range %s without daily figures', (_t, range, note) => {
    expect(decideBasis(range, false, null, snaps)).toEqual({
      basis: 'PARTIAL',
      covered: null,
      snapshotMeasures: null,
      snapshotReach: null,
      note: expect.stringMatching(note),
    });
  });

  it('takes daily figures when their span covers the days snapshots say may have spend, and only then', () => {
    expect(decideBasis(r('2025-03-05', '2025-03-15'), true, r('2025-03-02', '2025-03-31'), snaps)).toMatchObject({
      basis: 'DAILY',
      covered: null,
      note: null,
    });
    // Daily from 03-11 only: a range from 03-05 is not covered, and cuts the first window.
    expect(decideBasis(r('2025-03-05', '2025-03-15'), true, r('2025-03-11', '2025-03-31'), snaps)).toMatchObject({ basis: 'PARTIAL' });
    // ... but a range the snapshots can answer falls back on them.
    expect(decideBasis(r('2025-03-01', '2025-03-20'), true, r('2025-03-11', '2025-03-31'), snaps)).toMatchObject({
      basis: 'SNAPSHOT',
      snapshotMeasures: { spendNano: 250n },
    });
    // Days only after the last snapshot: daily figures there answer; none there, nothing to say.
    expect(decideBasis(r('2025-03-21', '2025-03-31'), true, r('2025-03-11', '2025-03-31'), snaps)).toMatchObject({ basis: 'DAILY' });
    expect(decideBasis(r('2025-03-21', '2025-03-31'), false, null, snaps)).toBeNull();
  });

  it('is DAILY for a campaign without snapshots, and has nothing to say without either', () => {
    expect(decideBasis(r('2025-03-01', '2025-03-31'), true, r('2025-03-05', '2025-03-06'), [])).toMatchObject({ basis: 'DAILY' });
    expect(decideBasis(r('2025-03-01', '2025-03-31'), false, null, [])).toBeNull();
  });
});
