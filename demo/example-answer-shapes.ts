/** The shapes of the example queries' answers, as far as the demo reads them. */

export interface RevenueSeriesData {
  revenueSeries: {
    points: Array<{ period: string; platform: { code: string } | null; net: string }>;
    totals: { gross: string; net: string; quantity: number };
  };
}
export interface StreamSeriesData {
  streamSeries: { points: Array<{ period: string; source: string | null; streams: number }>; totals: { streams: number } };
}
/** A track with its performers, primary first. */
export interface TrackRef {
  title: string;
  artists: Array<{ artist: { name: string } }>;
}
export interface PlatformComparisonData {
  platformComparison: Array<{ platform: { code: string }; streams: number; units: number; net: string; streamShare: string }>;
}
export interface TopTracksData {
  topTracks: Array<{ rank: number; track: TrackRef; units: number; net: string }>;
}
export interface CampaignPerformanceData {
  campaignPerformance: Array<{
    campaign: { name: string };
    /** Null when the range cuts a snapshot window (coverage PARTIAL); the demo loads daily insights only. */
    spend: string | null;
    impressions: number | null;
    attribution: { target: 'TRACK' | 'ARTIST' | 'NONE'; revenueDuring: string | null; revenueUplift: string | null };
  }>;
}
export interface SocialSeriesData {
  socialSeries: { points: Array<{ period: string; account: string | null; videoViews: number; likes: number }> };
}
export interface LinkSeriesData {
  linkSeries: { points: Array<{ period: string; views: number; clicks: number }> };
}
export interface AudienceSeriesData {
  audienceSeries: { points: Array<{ period: string; artist: { name: string } | null; streams: number | null; followers: number | null }> };
}
export interface SongMetricsData {
  songMetrics: Array<{ track: TrackRef; extractionDate: string; streams: number | null }>;
}
export interface AnomaliesData {
  anomalies: Array<{ period: string; platform: { code: string } | null; kind: string; value: string; expected: string | null }>;
}
export interface RestatementsData {
  restatements: { totalCount: number; edges: Array<{ node: { date: string; oldValue: string | null; newValue: string | null } }> };
}
