/**
 * What the warehouse holds after the demo's ingest, asked through the API: the DistroKid and
 * TooLost totals against what the generated exports hold, and the artists the billings resolved to.
 */
import { formatNano, parseDecimalToNano } from '../src/domain/money';
import { DEMO_ARTISTS, DEMO_RELEASES, type DemoPlan } from './catalogue';
import { out, usd } from './console-output';
import { withSeparators } from './digit-groups';
import { graphql } from './graphql-client';
import type { SourcesPlan } from './other-sources';

export const TOTALS_QUERY = '{ revenueSummary(filter: { sources: ["distrokid"] }) { gross net quantity transactionCount } }';
const TOOLOST_TOTALS_QUERY = '{ revenueSummary(filter: { sources: ["toolost"] }) { gross net quantity transactionCount } }';
interface RevenueSummaryData {
  revenueSummary: { gross: string; net: string; quantity: number; transactionCount: number };
}
const ARTISTS_QUERY = '{ artists(first: 50) { totalCount edges { node { name tracks { isrc } } } } }';

/** Prints the totals and artists; a mismatch is explained, not an error (the warehouse may hold more than the demo). */
export async function reportWarehouse(url: string, plan: DemoPlan, sources: SourcesPlan): Promise<void> {
  const { revenueSummary: t } = await graphql<RevenueSummaryData>(url, TOTALS_QUERY);
  out();
  out(`Warehouse totals of the DistroKid lines (GraphQL ${TOTALS_QUERY}):`);
  out(
    `  gross ${t.gross} USD (${usd(t.gross)}), net ${t.net} USD (${usd(t.net)}), quantity ${withSeparators(t.quantity)}, ${withSeparators(t.transactionCount)} transactions`,
  );
  const e = plan.expected;
  const matches =
    parseDecimalToNano(t.gross) === e.grossNano &&
    parseDecimalToNano(t.net) === e.netNano &&
    t.quantity === e.quantity &&
    t.transactionCount === e.rows;
  out(
    matches
      ? `  = exactly what the latest export holds (${withSeparators(e.rows)} lines): the two earlier full-history exports added nothing twice.`
      : `  The latest export alone holds gross ${formatNano(e.grossNano)}, net ${formatNano(e.netNano)}, quantity ${withSeparators(e.quantity)}, ${withSeparators(e.rows)} lines; ` +
          'the warehouse holds more (other data, or demo months from an earlier run).',
  );
  const { revenueSummary: tl } = await graphql<RevenueSummaryData>(url, TOOLOST_TOTALS_QUERY);
  const st = sources.sales;
  const salesMatch = parseDecimalToNano(tl.net) === st.netNano && tl.quantity === st.quantity && tl.transactionCount === st.rows;
  out(
    `  TooLost lines: net ${tl.net} USD (${usd(tl.net)}), quantity ${withSeparators(tl.quantity)}, ${withSeparators(tl.transactionCount)} transactions` +
      (salesMatch
        ? ` = exactly the ${sources.salesMonth} sales report (its summary line left out).`
        : `; the ${sources.salesMonth} report alone holds net ${formatNano(st.netNano)}, ${st.rows} lines.`),
  );

  const { artists } = await graphql<{
    artists: { totalCount: number; edges: Array<{ node: { name: string; tracks: Array<{ isrc: string | null }> } }> };
  }>(url, ARTISTS_QUERY);
  const onLines = DEMO_RELEASES.map((r) => r.artist).filter((a, i, all) => all.indexOf(a) === i);
  out(
    `Artists in the warehouse (${artists.totalCount}): ${artists.edges.map(({ node: a }) => `${a.name} (${a.tracks.filter((tr) => tr.isrc).length} recordings)`).join(', ')}`,
  );
  if (artists.totalCount === DEMO_ARTISTS.length)
    out(
      `  = the ${onLines.length} billings on the lines (${onLines.map((a) => `"${a}"`).join(', ')}) resolved to ${DEMO_ARTISTS.length} artists, no duplicates.`,
    );
}
