import { useMemo } from 'react';
import { ApiError } from '../components/ApiError';
import { useQuery } from 'urql';
import { ChartCard } from '../components/ChartCard';
import { DataTable } from '../components/DataTable';
import { formatCount, formatMoney, formatNano, toNano } from '../decimal';
import { graphql } from '../gql';
import type { ViewState } from '../url-state';
import { pivot } from './overview-data';

const MarketingQuery = graphql(`
  query DashboardMarketing($range: DateRange!, $grain: Grain!, $artist: ID) {
    campaignPerformance(range: $range) {
      campaign { id name currency track { title } artist { name } }
      coverage { basis from to note }
      spend impressions clicks reach cpc cpm ctr
      events { purchase linkClicks }
      attribution { target windowStart windowEnd streamsDuring streamsBefore streamsUplift revenueDuring revenueBefore revenueUplift roi }
    }
    social: socialSeries(range: $range, grain: $grain, groupBy: [ACCOUNT]) { points { period account videoViews likes followers engagementRate } }
    links: linkSeries(range: $range, grain: $grain) { points { period views clicks ctr } }
    audience: audienceSeries(range: $range, grain: $grain, artist: $artist) { points { period artist { name } listeners streams followers } }
  }
`);

const LINE = { tooltip: { trigger: 'axis' }, legend: { top: 0, type: 'scroll' }, grid: { left: 70, right: 20, top: 40, bottom: 30 } };

/** Campaigns with their spend basis, TikTok, link-in-bio and Spotify for Artists audience. Platform filter does not apply here. */
export function Marketing({ state }: { state: ViewState }) {
  const [{ data, error }] = useQuery({
    query: MarketingQuery,
    variables: { range: state.range, grain: state.grain, artist: state.artist },
  });
  const charts = useMemo(() => {
    if (!data) return null;
    const social = pivot(
      data.social.points,
      (p) => p.period,
      (p) => p.account ?? 'all',
      (p) => p.videoViews,
    );
    const links = data.links.points;
    return {
      social: {
        ...LINE,
        xAxis: { type: 'category', data: social.periods },
        yAxis: { type: 'value', name: 'video views' },
        series: social.names.map((n) => ({ name: n, type: 'line', data: social.periods.map((p) => social.value(n, p)) })),
      },
      links: {
        ...LINE,
        xAxis: { type: 'category', data: links.map((p) => p.period) },
        yAxis: { type: 'value' },
        series: [
          { name: 'Views', type: 'bar', data: links.map((p) => p.views) },
          { name: 'Clicks', type: 'bar', data: links.map((p) => p.clicks) },
        ],
      },
    };
  }, [data]);
  if (error) return <ApiError error={error} />;
  if (!data || !charts) return <div className="loading">Loading…</div>;
  const campaigns = data.campaignPerformance.map((c) => ({
    campaign: c.campaign.name,
    promotes: c.campaign.track?.title ?? c.campaign.artist?.name ?? '',
    basis: c.coverage.basis,
    covers: c.coverage.from && c.coverage.to ? `${c.coverage.from} → ${c.coverage.to}` : '',
    spend: c.spend ?? null,
    currency: c.campaign.currency ?? '',
    impressions: c.impressions ?? null,
    reach: c.reach ?? null,
    clicks: c.clicks ?? null,
    cpc: c.cpc ?? null,
    cpm: c.cpm ?? null,
    ctr: c.ctr ?? null,
    purchases: c.events?.purchase ?? null,
    target: c.attribution.target,
    window: `${c.attribution.windowStart} → ${c.attribution.windowEnd}`,
    streamsDuring: c.attribution.streamsDuring ?? null,
    streamsBefore: c.attribution.streamsBefore ?? null,
    streamsUplift: c.attribution.streamsUplift ?? null,
    revenueDuring: c.attribution.revenueDuring ?? null,
    revenueBefore: c.attribution.revenueBefore ?? null,
    revenueUplift: c.attribution.revenueUplift ?? null,
    roi: c.attribution.roi ?? null,
    note: c.coverage.note ?? '',
  }));
  const fmt = (k: string, v: string | number | null): string => {
    if (v === null) return '—';
    // Spend and its ratios are in the campaign's own currency (its column); revenue is USD.
    if (k === 'spend' || k === 'cpc' || k === 'cpm') return formatNano(toNano(String(v)), 2);
    if (k === 'revenueDuring' || k === 'revenueBefore' || k === 'revenueUplift') return formatMoney(String(v), 2, 'USD');
    return typeof v === 'number' ? formatCount(v) : v;
  };
  return (
    <div className="marketing">
      <p className="note">
        Each campaign's figures come from one basis (DAILY sums, cumulative SNAPSHOT, or PARTIAL with spend and ROI unknown, never 0);
        spend, CPC and CPM are in the campaign's currency.
      </p>
      <section className="card with-aside">
        <aside className="rule" aria-labelledby="attribution-rule" data-rule="attribution">
          <h2 id="attribution-rule">Attribution rule</h2>
          <ul>
            <li>
              <strong>During</strong>: the delivery window, the first to the last day with delivery in the range (snapshots: the days they
              cover).
            </li>
            <li>
              <strong>Before</strong>: the window of the same length ending the day before.
            </li>
            <li>
              <strong>Streams</strong>: daily streams of the campaign's track (else its artist) in each window.
            </li>
            <li>
              <strong>Revenue</strong>: net statement revenue of that track (else artist), each sale month spread evenly over its days; USD.
            </li>
            <li>
              <strong>Uplift</strong> = during − before. <strong>ROI</strong> = (revenue uplift − spend) ÷ spend; meaningful when the ad
              account bills in USD; none when PARTIAL.
            </li>
          </ul>
        </aside>
        <DataTable
          title="Campaigns in range"
          name="campaigns"
          columns={[
            { key: 'campaign', label: 'Campaign' },
            { key: 'promotes', label: 'Promotes' },
            { key: 'basis', label: 'Basis' },
            { key: 'covers', label: 'Covers' },
            { key: 'spend', label: 'Spend', numeric: true },
            { key: 'currency', label: 'Currency' },
            { key: 'impressions', label: 'Impressions', numeric: true },
            { key: 'reach', label: 'Reach', numeric: true },
            { key: 'clicks', label: 'Clicks', numeric: true },
            { key: 'cpc', label: 'CPC', numeric: true },
            { key: 'cpm', label: 'CPM', numeric: true },
            { key: 'ctr', label: 'CTR (clicks ÷ impressions)', numeric: true },
            { key: 'purchases', label: 'Purchases', numeric: true },
            { key: 'target', label: 'Attributed to' },
            { key: 'window', label: 'Delivery window' },
            { key: 'streamsDuring', label: 'Streams during', numeric: true },
            { key: 'streamsBefore', label: 'Streams before', numeric: true },
            { key: 'streamsUplift', label: 'Streams uplift', numeric: true },
            { key: 'revenueDuring', label: 'Revenue during', numeric: true },
            { key: 'revenueBefore', label: 'Revenue before', numeric: true },
            { key: 'revenueUplift', label: 'Revenue uplift', numeric: true },
            { key: 'roi', label: 'ROI (ratio)', numeric: true },
            { key: 'note', label: 'Coverage note' },
          ]}
          rows={campaigns}
          format={fmt}
        />
      </section>
      <div className="grid2">
        <ChartCard
          title="TikTok video views by account"
          name="tiktok"
          option={charts.social}
          columns={[
            { key: 'period', label: 'Period' },
            { key: 'account', label: 'Account' },
            { key: 'videoViews', label: 'Video views', numeric: true },
            { key: 'likes', label: 'Likes', numeric: true },
            { key: 'followers', label: 'Followers', numeric: true },
            { key: 'engagementRate', label: 'Engagement rate', numeric: true },
          ]}
          rows={data.social.points.map((p) => ({
            period: p.period,
            account: p.account ?? '',
            videoViews: p.videoViews,
            likes: p.likes,
            followers: p.followers ?? null,
            engagementRate: p.engagementRate,
          }))}
          format={fmt}
        />
        <ChartCard
          title="Link-in-bio views and clicks"
          name="linktree"
          option={charts.links}
          columns={[
            { key: 'period', label: 'Period' },
            { key: 'views', label: 'Views', numeric: true },
            { key: 'clicks', label: 'Clicks', numeric: true },
            { key: 'ctr', label: 'CTR', numeric: true },
          ]}
          rows={data.links.points.map((p) => ({ period: p.period, views: p.views, clicks: p.clicks, ctr: p.ctr }))}
          format={fmt}
        />
      </div>
      <section className="card spaced">
        <DataTable
          title="Spotify for Artists audience (its own figures; never added to distributor streams)"
          name="audience"
          columns={[
            { key: 'period', label: 'Period' },
            { key: 'artist', label: 'Artist' },
            { key: 'listeners', label: 'Listeners', numeric: true },
            { key: 'streams', label: 'Streams', numeric: true },
            { key: 'followers', label: 'Followers', numeric: true },
          ]}
          rows={data.audience.points.map((p) => ({
            period: p.period,
            artist: p.artist?.name ?? '',
            listeners: p.listeners ?? null,
            streams: p.streams ?? null,
            followers: p.followers ?? null,
          }))}
          format={fmt}
        />
      </section>
    </div>
  );
}
