/** The demo's opening lines: which fictional label, which acts and which date ranges it generates. */
import { DEMO_ARTISTS, DEMO_RELEASES, type DemoPlan } from './catalogue';
import { out } from './console-output';
import { LINKTREE_ACCOUNT, type SourcesPlan } from './other-sources';

export function describePlan(plan: DemoPlan, sources: SourcesPlan): void {
  const variants = DEMO_RELEASES.map((r) => r.artist).filter(
    (a, i, all) => all.indexOf(a) === i && !(DEMO_ARTISTS as readonly string[]).includes(a),
  );
  out(
    `Demo label: ${DEMO_ARTISTS.length} artists (${DEMO_ARTISTS.join(', ')}), ${plan.tracks.length} tracks on ${DEMO_RELEASES.length} releases;`,
  );
  out(
    `  billed on some releases as ${variants.map((v) => `"${v}"`).join(', ')} (spellings and a collaboration that must resolve to those artists).`,
  );
  out(
    `  Bank lines for sale months ${plan.saleMonths.from}…${plan.saleMonths.to}, reported ${plan.reportingMonths[0]}…${plan.reportingMonths[plan.reportingMonths.length - 1]}; ` +
      `stats pages for ${plan.statsDays.from}…${plan.statsDays.to}.`,
  );
  out(
    `  Also, for the same acts: TooLost analytics ${sources.yearDays.from}…${sources.yearDays.to} and its sales report for ${sources.salesMonth}; ` +
      `Spotify for Artists, TikTok (${sources.handles.map((h) => `@${h}`).join(', ')}) and Linktree (${LINKTREE_ACCOUNT}) for ${sources.days.from}…${sources.days.to}; ` +
      `${sources.campaignCount} Meta Ads campaigns ${sources.campaignDays.from}…${sources.campaignDays.to}.`,
  );
}
