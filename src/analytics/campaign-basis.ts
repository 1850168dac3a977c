/**
 * Which figures answer "what did this campaign spend in this range", when a campaign may have
 * daily delivery (campaign_daily) and cumulative lifetime snapshots (campaign_snapshots, from
 * Meta dump folders). The two are never added together; one of them answers, or neither does:
 *
 *  - DAILY: daily figures cover every day of the range on which snapshots say the campaign may
 *    have spent (the range within the snapshots' since…as-of span); days inside the daily span
 *    without a row are days without delivery (the API leaves them out).
 *  - SNAPSHOT: the range starts on or before a snapshot's since day, or the day after another
 *    snapshot's as-of day, and ends on a snapshot's as-of day, or after the last snapshot. Spend is
 *    the cumulative figure as of the end, minus the cumulative figure the start follows (zero
 *    before since). Days after the last snapshot are unknown to snapshots, so the answer covers
 *    since…as-of, which `coveredFrom`/`coveredTo` state.
 *  - PARTIAL: the range starts or ends strictly inside the span between two known cumulative
 *    points, with no daily figures for it: the spend of those days is inside a total that cannot
 *    be split, so there is no figure (null), and the note says which window is cut.
 */
import type { DateRange } from './periods';

export const SPEND_BASES = ['DAILY', 'SNAPSHOT', 'PARTIAL'] as const;
export type SpendBasis = (typeof SPEND_BASES)[number];

/** Cumulative figures of one campaign as of one day. */
export interface Snapshot {
  asOf: string;
  since: string;
  spendNano: bigint;
  impressions: bigint;
  clicks: bigint;
  /** Unique reach since `since`; null at ad set grain. */
  reach: bigint | null;
}

export interface AdditiveMeasures {
  spendNano: bigint;
  impressions: bigint;
  clicks: bigint;
}

export interface BasisDecision {
  basis: SpendBasis;
  /** The days the figures describe (null for PARTIAL). */
  covered: DateRange | null;
  /** Figures of the snapshot basis (null for DAILY, whose figures are the daily sums, and for PARTIAL). */
  snapshotMeasures: AdditiveMeasures | null;
  /** Unique reach over `covered`, when a single campaign-level snapshot from since states it. */
  snapshotReach: bigint | null;
  /** Why the figures are what they are, or why there are none. */
  note: string | null;
}

const DAY_MS = 86_400_000;

export function dayBefore(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) - DAY_MS).toISOString().slice(0, 10);
}

/** The range cut to the snapshots' since…as-of span, or null when they do not meet. */
export function snapshotSpan(range: DateRange, snapshots: readonly Snapshot[]): DateRange | null {
  if (snapshots.length === 0) return null;
  const since = snapshots.reduce((m, s) => (s.since < m ? s.since : m), snapshots[0].since);
  const asOf = snapshots.reduce((m, s) => (s.asOf > m ? s.asOf : m), snapshots[0].asOf);
  const from = range.from > since ? range.from : since;
  const to = range.to < asOf ? range.to : asOf;
  return from <= to ? { from, to } : null;
}

/**
 * The basis for one campaign. `dailySpan` is the first and last day of its daily figures (all
 * time), null without any; `snapshots` all its snapshots. Returns null when neither daily figures
 * in the range nor snapshots touching it exist (the campaign has nothing to say about the range).
 */
export function decideBasis(
  range: DateRange,
  hasDailyInRange: boolean,
  dailySpan: DateRange | null,
  snapshots: readonly Snapshot[],
): BasisDecision | null {
  const sorted = [...snapshots].sort((a, b) => (a.asOf < b.asOf ? -1 : a.asOf > b.asOf ? 1 : 0));
  const need = snapshotSpan(range, sorted);
  const daily = (note: string | null): BasisDecision => ({
    basis: 'DAILY',
    covered: null,
    snapshotMeasures: null,
    snapshotReach: null,
    note,
  });
  if (need === null) return hasDailyInRange ? daily(null) : null;
  if (dailySpan !== null && dailySpan.from <= need.from && dailySpan.to >= need.to) return daily(null);

  const partial = (note: string): BasisDecision => ({ basis: 'PARTIAL', covered: null, snapshotMeasures: null, snapshotReach: null, note });
  const endIndex = sorted.map((s) => s.asOf <= range.to).lastIndexOf(true);
  const next = sorted[endIndex + 1];
  if (endIndex === -1) {
    return partial(
      `the range ends on ${range.to}, inside the first snapshot's window ${sorted[0].since}…${sorted[0].asOf}, and daily figures do not cover it`,
    );
  }
  const end = sorted[endIndex];
  if (end.asOf !== range.to && next !== undefined) {
    return partial(
      `the range ends on ${range.to}, between the snapshots as of ${end.asOf} and ${next.asOf}, and daily figures do not cover those days`,
    );
  }
  let start: Snapshot | null = null;
  if (range.from > end.since) {
    const before = dayBefore(range.from);
    start = sorted.find((s) => s.asOf === before) ?? null;
    if (start === null) {
      const prior = sorted.filter((s) => s.asOf < range.from).pop();
      const window = prior
        ? `between the snapshots as of ${prior.asOf} and ${end.asOf}`
        : `inside the window ${end.since}…${end.asOf} of the snapshot as of ${end.asOf}`;
      return partial(`the range starts on ${range.from}, ${window}, and daily figures do not cover those days`);
    }
  }
  if (start !== null && start.asOf >= end.asOf) return hasDailyInRange ? daily(null) : null;
  const measures: AdditiveMeasures = {
    spendNano: end.spendNano - (start?.spendNano ?? 0n),
    impressions: end.impressions - (start?.impressions ?? 0n),
    clicks: end.clicks - (start?.clicks ?? 0n),
  };
  const covered = { from: start === null ? end.since : range.from, to: end.asOf };
  return {
    basis: 'SNAPSHOT',
    covered,
    snapshotMeasures: measures,
    snapshotReach: start === null ? end.reach : null,
    note:
      start === null
        ? `cumulative figures since ${end.since} as of ${end.asOf} (one snapshot)`
        : `cumulative figures as of ${end.asOf} minus those as of ${start.asOf} (two snapshots)`,
  };
}
