/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** What series are split by before judging; values of a metric without that dimension (e.g. TikTok views by track) stay whole. */
export type AnomalyDimension =
  /** Per artist. */
  | 'ARTIST'
  /** Per platform. */
  | 'PLATFORM'
  /** Per track. */
  | 'TRACK';

/** Whether the value is above (UP) or below (DOWN) what was expected. */
export type AnomalyDirection =
  /** The value is below the expected level (a DROP, a ZERO, or a restatement downwards). */
  | 'DOWN'
  /** The value is above the expected level (a SPIKE, or a restatement upwards). */
  | 'UP';

/** What kind of anomaly: a departure from the robust baseline of comparable past values of the same series (their median and median absolute deviation): SPIKE, DROP, ZERO; or a stored value a later capture changed: RESTATED. */
export type AnomalyKind =
  /** Far below the expected level, but not zero. */
  | 'DROP'
  /** A later capture changed this day's stored figure (expected = the old value, value = the new one). */
  | 'RESTATED'
  /** Far above the expected level. */
  | 'SPIKE'
  /** Zero where a clear level was expected: likely an extraction gap rather than a real fall. */
  | 'ZERO';

/** What the attributed results were measured on: the campaign track, else its artist, else nothing. */
export type AttributionTarget =
  /** The campaign has no track but an artist: stream facts and statement lines of that artist. */
  | 'ARTIST'
  /** The campaign is linked to neither (its name names no known track or artist): streams and revenue are null. */
  | 'NONE'
  /** The campaign's track: stream facts and statement lines of that track. */
  | 'TRACK';

/** Days, both ends inclusive: either `from` and `to`, or a `preset` resolved on today's date in the label's time zone (LABEL_TIME_ZONE). Giving both, or neither, is BAD_USER_INPUT. */
export type DateRange = {
  /** First day, inclusive. Goes with `to`; not with `preset`. */
  from?: string | null | undefined;
  /** A range relative to today in the label's time zone, instead of `from` and `to`. */
  preset?: DateRangePreset | null | undefined;
  /** True: the range just before the one described, as "versus the previous range" compares with: the month, quarter or year before for PREVIOUS_MONTH, PREVIOUS_QUARTER and PREVIOUS_YEAR; the same span one year earlier for LAST_12_MONTHS and YEAR_TO_DATE; otherwise the same number of days ending the day before `from`. */
  previous?: boolean | null | undefined;
  /** Last day, inclusive. Goes with `from`; not with `preset`. */
  to?: string | null | undefined;
};

/** A range relative to today, where today is the current date in the label's time zone (LABEL_TIME_ZONE, default UTC). Ranges that end today include today, whose figures usually arrive a day or more later. */
export type DateRangePreset =
  /** The 7 days ending today (today and the 6 days before it). Previous range: the 7 days before. */
  | 'LAST_7_DAYS'
  /** The current month so far and the 11 whole calendar months before it: from the 1st of the month 11 months back to today (12 MONTH buckets). Previous range: the same span one year earlier. */
  | 'LAST_12_MONTHS'
  /** The 30 days ending today. Previous range: the 30 days before. */
  | 'LAST_30_DAYS'
  /** The 90 days ending today. Previous range: the 90 days before. */
  | 'LAST_90_DAYS'
  /** The whole calendar month before the current one. Previous range: the month before it. */
  | 'PREVIOUS_MONTH'
  /** The whole calendar quarter (Jan–Mar, Apr–Jun, Jul–Sep, Oct–Dec) before the current one. Previous range: the quarter before it. */
  | 'PREVIOUS_QUARTER'
  /** The whole calendar year before the current one. Previous range: the year before it. */
  | 'PREVIOUS_YEAR'
  /** From 1 January of the current year to today. Previous range: 1 January to the same day of the year before (29 February compares with 28 February). */
  | 'YEAR_TO_DATE';

/** Period of the forecast: DAY (source calendar day), WEEK (Monday to Sunday, labelled by its Monday), MONTH (YYYY-MM). */
export type ForecastGrain =
  /** Calendar days as the source reports them; seasonal models use a 7-day season. STREAMS only. */
  | 'DAY'
  /** Calendar months (YYYY-MM); seasonal models use a 12-month season when 25 months of history exist. */
  | 'MONTH'
  /** Weeks from Monday to Sunday, labelled by their Monday (YYYY-MM-DD); no seasonal model. STREAMS only. */
  | 'WEEK';

/** What to forecast. Each source is its own series: sources are never added together. */
export type ForecastMetric =
  /** Net revenue by sale month (statement lines), in the statement currency; grain MONTH only. */
  | 'NET_REVENUE'
  /** Streams (streams table), summed over the period. */
  | 'STREAMS';

/** Bucket size of a series. Period labels: DAY 2025-01-31, WEEK 2025-01-27 (the Monday of the ISO week), MONTH 2025-01, QUARTER 2025-Q1, YEAR 2025. */
export type Grain =
  /** One calendar day as the source reports it (no time zone conversion); label YYYY-MM-DD. */
  | 'DAY'
  /** A calendar month; label YYYY-MM. */
  | 'MONTH'
  /** A calendar quarter (Q1 = January to March); label YYYY-Qn. */
  | 'QUARTER'
  /** An ISO week, Monday to Sunday; labelled by its Monday (YYYY-MM-DD). */
  | 'WEEK'
  /** A calendar year; label YYYY. */
  | 'YEAR';

/** A service's pipeline health; ServiceHealth.reasons says why. */
export type HealthStatus =
  /** Two or more runs failed in a row, or a portal session has expired. */
  | 'FAILING'
  /** Data extracted recently, nothing to warn about. */
  | 'HEALTHY'
  /** Nothing extracted or uploaded yet, so nothing to judge. */
  | 'UNKNOWN'
  /** Needs attention: stale landing, raw behind landing, one failed run, a session about to expire, quarantined files or unlinked artist ids. */
  | 'WARNING';

/** What an admin did about a quarantined file. */
export type QuarantineResolution =
  /** Acknowledged and left unloaded. */
  | 'DISMISSED'
  /** Re-run through its cleaner (after a fix or an upgrade); its status says how that ended. */
  | 'RELEASED';

/** Every list narrows the result; an empty or missing list does not filter. */
export type RevenueFilter = {
  /** Artist ids (Artist.id): only lines billed to one of these artists as primary artist. */
  artistIds?: Array<string | number> | null | undefined;
  /** ISO-3166 alpha-2 codes. */
  countries?: Array<string> | null | undefined;
  /** Platform codes, e.g. ["spotify", "youtube"]. */
  platforms?: Array<string> | null | undefined;
  /** Data sources, e.g. ["distrokid"]. */
  sources?: Array<string> | null | undefined;
  /** Store names as the distributor writes them, e.g. "YouTube (Red)". */
  stores?: Array<string> | null | undefined;
  /** Track ids (Track.id): only lines of one of these tracks. */
  trackIds?: Array<string | number> | null | undefined;
};

/** EXTRACT fetches from the source then loads; PIPELINE re-runs cleaners and loading over landing. */
export type RunKind =
  /** Fetch new captures from the source (portal, API or file drop) into landing, then load them. */
  | 'EXTRACT'
  /** Load again what is already in landing for the service, without fetching. */
  | 'PIPELINE';

/** Where a run is in its life. QUEUED and RUNNING are active (at most one active run per service); the others are final. */
export type RunStatus =
  /** Cancelled by an admin (cancelRun). */
  | 'CANCELLED'
  /** Stopped on an error (errorCode), including a file that could not be loaded: not transient, or no attempts left. retryRun queues a new run. */
  | 'FAILED'
  /** Waiting for a worker, or for its next attempt after a transient failure (nextAttemptAt). */
  | 'QUEUED'
  /** A worker is extracting or loading. */
  | 'RUNNING'
  /** A scheduled trigger that found a run of the service already active: recorded with the reason, nothing done. */
  | 'SKIPPED'
  /** Finished with every file loaded, skipped as already loaded, or quarantined (quarantined files are counted, not a failure). */
  | 'SUCCEEDED';

/** What asked for a run. */
export type RunTrigger =
  /** An admin, through triggerExtraction or runPipeline. */
  | 'MANUAL'
  /** retryRun: a new run redoing a failed or cancelled one (retryOf). Automatic retries are further attempts of the same run. */
  | 'RETRY'
  /** The service's schedule (setSchedule). */
  | 'SCHEDULE'
  /** Files loaded outside the job queue (npm run ingest), recorded afterwards as a finished run. */
  | 'UPLOAD';

/** A data source. No other value is accepted, so no free text ever reaches a path. */
export type Service =
  /** DistroKid: bank details export (statement lines in USD) and the Spotify and Apple Music statistics pages (daily streams). */
  | 'DISTROKID'
  /** Linktree: link-in-bio views and clicks per account and day. */
  | 'LINKTREE'
  /** Meta Ads: campaigns, daily delivery and cumulative lifetime snapshots (dump folders); spend in the ad account currency. */
  | 'META_ADS'
  /** Spotify for Artists: audience timeline and song lists (artist dashboard figures, never added to distributor streams). */
  | 'SPOTIFY'
  /** TikTok Studio: account overview (views, likes, comments, shares) and followers, per account handle. */
  | 'TIKTOK'
  /** TooLost: monthly sales reports (statement lines in USD) and Spotify and Apple Music analytics (daily streams). */
  | 'TOOLOST';

/** State of a saved portal login session (used by the browser extractors). */
export type SessionState =
  /** Past its expiry: extractions of the account fail until someone logs in again (npm run login). */
  | 'EXPIRED'
  /** Saved, but expires within the configured warning hours: log in again soon (npm run login). */
  | 'EXPIRING'
  /** No session saved for the account. */
  | 'MISSING'
  /** Saved and not about to expire. */
  | 'VALID';

/** What became of a landing file. */
export type SourceFileStatus =
  /** A quarantined file an admin acknowledged without loading it; no longer counted by pipelineHealth. */
  | 'DISMISSED'
  /** Could not be loaded for a reason other than its content (rolled back); a later run retries it. */
  | 'FAILED'
  /** Loaded into the warehouse. */
  | 'LOADED'
  /** Being loaded now (or its load was interrupted; the next run completes it). */
  | 'LOADING'
  /** Failed validation; kept in quarantine/ with its reason, nothing of it loaded. Counted by pipelineHealth. */
  | 'QUARANTINED'
  /** Its content was already loaded from another landing file. */
  | 'SKIPPED';

/**
 * Which figures a campaign's spend in a range comes from. Daily figures and cumulative snapshots (Meta dump folders) are never added
 * together, and snapshots are never summed with each other: one basis answers, or none does.
 */
export type SpendBasis =
  /**
   * Sums of daily delivery (campaign_daily). Used when daily figures cover every day of the range on which the campaign's
   * snapshots say it may have spent; days inside the span of its daily figures without a row are days without delivery.
   */
  | 'DAILY'
  /**
   * The range starts or ends strictly between two known cumulative points, without daily figures for those days: their spend is
   * inside a total that cannot be split, so spend, impressions, clicks, ratios and ROI are null (not 0); coverage.note names the window that is cut.
   */
  | 'PARTIAL'
  /**
   * From cumulative lifetime snapshots: the range starts on or before the campaign's start (since) or the day after a snapshot's
   * as-of day, and ends on a snapshot's as-of day or after the last one. Spend = cumulative as of the end − cumulative the start follows (0 before
   * since). coverage.from/to give the days this covers: days after the last snapshot are known to no snapshot.
   */
  | 'SNAPSHOT';

/** Narrows daily stream facts. Every list narrows the result; an empty or missing list does not filter. */
export type StreamFilter = {
  /** Artist ids (Artist.id). */
  artistIds?: Array<string | number> | null | undefined;
  /** ISO-3166 alpha-2 codes, any case. Facts without a country never match. */
  countries?: Array<string> | null | undefined;
  /** Platform codes (Platform.code), e.g. ["spotify", "apple_music"]. */
  platforms?: Array<string> | null | undefined;
  /** Data sources, e.g. ["distrokid", "toolost"]. */
  sources?: Array<string> | null | undefined;
  /** Track ids (Track.id). Artist-level facts (no track) never match. */
  trackIds?: Array<string | number> | null | undefined;
};

export type DashboardFiltersQueryVariables = Exact<{ [key: string]: never; }>;


export type DashboardFiltersQuery = { artists: { edges: Array<{ node: { id: string, name: string, isPlaceholder: boolean } }> }, platforms: { edges: Array<{ node: { code: string, name: string } }> } };

export type DashboardRangeQueryVariables = Exact<{
  range: DateRange;
}>;


export type DashboardRangeQuery = { resolvedDateRange: { from: string, to: string, preset: DateRangePreset | null, today: string, timeZone: string, previous: { from: string, to: string } } };

export type DashboardCatalogueArtistsQueryVariables = Exact<{
  after?: string | null | undefined;
}>;


export type DashboardCatalogueArtistsQuery = { artists: { totalCount: number | null, edges: Array<{ cursor: string, node: { id: string, name: string, isPlaceholder: boolean, tracks: Array<{ id: string, title: string, isrc: string | null }> } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type DashboardArtistTracksQueryVariables = Exact<{
  id: string | number;
}>;


export type DashboardArtistTracksQuery = { artist: { id: string, name: string, tracks: Array<{ id: string, title: string, isrc: string | null }> } | null };

export type DashboardStatementLinesQueryVariables = Exact<{
  track: string | number;
  range: DateRange;
  after?: string | null | undefined;
}>;


export type DashboardStatementLinesQuery = { transactions: { totalCount: number | null, edges: Array<{ cursor: string, node: { id: string, saleMonth: string, reportingDate: string, store: string, country: string | null, quantity: number, gross: string, net: string, currency: string } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type DashboardMarketingQueryVariables = Exact<{
  range: DateRange;
  grain: Grain;
  artist?: string | number | null | undefined;
}>;


export type DashboardMarketingQuery = { campaignPerformance: Array<{ spend: string | null, impressions: number | null, clicks: number | null, reach: number | null, cpc: string | null, cpm: string | null, ctr: string | null, campaign: { id: string, name: string, currency: string | null, track: { title: string } | null, artist: { name: string } | null }, coverage: { basis: SpendBasis, from: string | null, to: string | null, note: string | null }, events: { purchase: number, linkClicks: number } | null, attribution: { target: AttributionTarget, windowStart: string, windowEnd: string, streamsDuring: number | null, streamsBefore: number | null, streamsUplift: number | null, revenueDuring: string | null, revenueBefore: string | null, revenueUplift: string | null, roi: string | null } }>, social: { points: Array<{ period: string, account: string | null, videoViews: number, likes: number, followers: number | null, engagementRate: string }> }, links: { points: Array<{ period: string, views: number, clicks: number, ctr: string }> }, audience: { points: Array<{ period: string, listeners: string | null, streams: number | null, followers: number | null, artist: { name: string } | null }> } };

export type DashboardOutlookQueryVariables = Exact<{ [key: string]: never; }>;


export type DashboardOutlookQuery = { revenue: { metric: ForecastMetric, grain: ForecastGrain, horizon: number, levelPercent: number, seriesFound: number, series: Array<{ source: string, lastActualPeriod: string, platform: { name: string } | null, method: { name: string }, points: Array<{ period: string, value: string, lower: string, upper: string }> }> }, streams: { metric: ForecastMetric, grain: ForecastGrain, horizon: number, levelPercent: number, seriesFound: number, series: Array<{ source: string, lastActualPeriod: string, platform: { name: string } | null, method: { name: string }, points: Array<{ period: string, value: string, lower: string, upper: string }> }> } };

export type DashboardOverviewQueryVariables = Exact<{
  range: DateRange;
  previous: DateRange;
  grain: Grain;
  revenueFilter?: RevenueFilter | null | undefined;
  streamFilter?: StreamFilter | null | undefined;
  artist?: string | number | null | undefined;
  anomalyGroupBy: Array<AnomalyDimension> | AnomalyDimension;
}>;


export type DashboardOverviewQuery = { resolved: { from: string, to: string, previous: { from: string, to: string } }, current: { gross: string, net: string, quantity: number, payoutPerStream: string | null }, previous: { gross: string, net: string, quantity: number, payoutPerStream: string | null }, streams: { points: Array<{ period: string, source: string | null, streams: number }>, totals: { streams: number } }, previousStreams: { totals: { streams: number } }, revenueByMonth: { points: Array<{ period: string, net: string, gross: string, quantity: number, platform: { code: string, name: string } | null }> }, audience: { points: Array<{ period: string, streams: number | null, artist: { name: string } | null }> }, byTrack: { points: Array<{ net: string, quantity: number, track: { id: string, title: string, isrc: string | null } | null }> }, anomalies: Array<{ period: string, source: string, kind: AnomalyKind, direction: AnomalyDirection, value: string, expected: string | null, reason: string, platform: { code: string, name: string } | null, artist: { id: string, name: string } | null }>, byCountry: { points: Array<{ country: string | null, net: string, quantity: number }> } };

export type DashboardPipelineQueryVariables = Exact<{ [key: string]: never; }>;


export type DashboardPipelineQuery = { pipelineHealth: Array<{ service: Service, status: HealthStatus, reasons: Array<string>, quarantinedFiles: number, consecutiveFailures: number, staleAfterHours: number, dataQuality: number, lastSuccess: { id: string, finishedAt: string | null } | null, lastFailure: { id: string, finishedAt: string | null, errorCode: string | null } | null, activeRun: { id: string, status: RunStatus, progress: number, step: string | null } | null, zones: Array<{ zone: string, files: number, newestAt: string | null, newestFile: string | null, ageHours: number | null }>, sessions: Array<{ account: string, state: SessionState, expiresAt: string | null, savedAt: string | null }> }>, quarantinedFiles: { totalCount: number | null, pageInfo: { hasNextPage: boolean }, edges: Array<{ node: { id: string, originalName: string, landingFile: string, service: string, stream: string, sizeBytes: number, finishedAt: string | null, reason: { code: string, message: string, line: number | null, column: number | null, field: string | null, expected: string | null, found: string | null } | null } }> }, ingestionRuns: { totalCount: number | null, edges: Array<{ node: { id: string, service: Service, kind: RunKind, status: RunStatus, progress: number, step: string | null, trigger: RunTrigger, triggeredBy: string, queuedAt: string, finishedAt: string | null, durationMs: number | null, errorCode: string | null, errorMessage: string | null, counts: { filesLoaded: number, filesQuarantined: number, rowsLoaded: number } } }> } };

export type DashboardRunPipelineMutationVariables = Exact<{
  service: Service;
}>;


export type DashboardRunPipelineMutation = { runPipeline: { id: string, service: Service, kind: RunKind, status: RunStatus, progress: number, step: string | null, errorCode: string | null, errorMessage: string | null, counts: { filesLoaded: number, rowsLoaded: number } } };

export type DashboardTriggerExtractionMutationVariables = Exact<{
  service: Service;
}>;


export type DashboardTriggerExtractionMutation = { triggerExtraction: { id: string, service: Service, kind: RunKind, status: RunStatus, progress: number, step: string | null, errorCode: string | null, errorMessage: string | null, counts: { filesLoaded: number, rowsLoaded: number } } };

export type DashboardRetryRunMutationVariables = Exact<{
  id: string | number;
}>;


export type DashboardRetryRunMutation = { retryRun: { id: string, service: Service, kind: RunKind, status: RunStatus, progress: number, step: string | null, errorCode: string | null, errorMessage: string | null, counts: { filesLoaded: number, rowsLoaded: number } } };

export type DashboardCancelRunMutationVariables = Exact<{
  id: string | number;
}>;


export type DashboardCancelRunMutation = { cancelRun: { id: string, service: Service, kind: RunKind, status: RunStatus, progress: number, step: string | null, errorCode: string | null, errorMessage: string | null, counts: { filesLoaded: number, rowsLoaded: number } } };

export type DashboardRunUpdatedSubscriptionVariables = Exact<{
  id: string | number;
}>;


export type DashboardRunUpdatedSubscription = { ingestionRunUpdated: { id: string, service: Service, kind: RunKind, status: RunStatus, progress: number, step: string | null, errorCode: string | null, errorMessage: string | null, counts: { filesLoaded: number, rowsLoaded: number } } };

export type DashboardPlatformsQueryVariables = Exact<{
  range: DateRange;
}>;


export type DashboardPlatformsQuery = { resolved: { from: string, to: string, previous: { from: string, to: string } }, platformComparison: Array<{ streams: number, units: number, net: string, revenuePerStream: string | null, streamShare: string, revenueShare: string, streamsGrowthPct: string | null, revenueGrowthPct: string | null, platform: { code: string, name: string } }> };

export type DashboardServiceQualityQueryVariables = Exact<{
  service: Service;
}>;


export type DashboardServiceQualityQuery = { dataQuality: { service: Service, from: string, to: string, computedAt: string, overall: number, scores: Array<{ name: string, score: number, weight: number, rule: string }>, failedChecks: Array<{ check: string, count: number, detail: string }> }, dataQualityHistory: Array<{ computedAt: string, from: string, to: string, overall: number, completeness: number, accuracy: number, consistency: number, timeliness: number, validity: number }> };

export type DashboardQualityQueryVariables = Exact<{ [key: string]: never; }>;


export type DashboardQualityQuery = { pipelineHealth: Array<{ service: Service, dataQuality: number }> };

export type DashboardReleaseQuarantinedFileMutationVariables = Exact<{
  file: string;
  service?: Service | null | undefined;
}>;


export type DashboardReleaseQuarantinedFileMutation = { releaseQuarantinedFile: { message: string, rowsLoaded: number, file: { id: string, status: SourceFileStatus, resolution: QuarantineResolution | null, resolvedBy: string | null } } };

export type DashboardDismissQuarantinedFileMutationVariables = Exact<{
  file: string;
  note?: string | null | undefined;
}>;


export type DashboardDismissQuarantinedFileMutation = { dismissQuarantinedFile: { id: string, status: SourceFileStatus, resolution: QuarantineResolution | null, resolvedBy: string | null } };


export const DashboardFiltersDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"DashboardFilters"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"artists"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"500"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"isPlaceholder"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"platforms"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}}]} as unknown as DocumentNode<DashboardFiltersQuery, DashboardFiltersQueryVariables>;
export const DashboardRangeDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"DashboardRange"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"range"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"DateRange"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"resolvedDateRange"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"range"},"value":{"kind":"Variable","name":{"kind":"Name","value":"range"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"from"}},{"kind":"Field","name":{"kind":"Name","value":"to"}},{"kind":"Field","name":{"kind":"Name","value":"preset"}},{"kind":"Field","name":{"kind":"Name","value":"today"}},{"kind":"Field","name":{"kind":"Name","value":"timeZone"}},{"kind":"Field","name":{"kind":"Name","value":"previous"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"from"}},{"kind":"Field","name":{"kind":"Name","value":"to"}}]}}]}}]}}]} as unknown as DocumentNode<DashboardRangeQuery, DashboardRangeQueryVariables>;
export const DashboardCatalogueArtistsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"DashboardCatalogueArtists"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"artists"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"50"}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"isPlaceholder"}},{"kind":"Field","name":{"kind":"Name","value":"tracks"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"isrc"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]} as unknown as DocumentNode<DashboardCatalogueArtistsQuery, DashboardCatalogueArtistsQueryVariables>;
export const DashboardArtistTracksDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"DashboardArtistTracks"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"artist"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"tracks"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"isrc"}}]}}]}}]}}]} as unknown as DocumentNode<DashboardArtistTracksQuery, DashboardArtistTracksQueryVariables>;
export const DashboardStatementLinesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"DashboardStatementLines"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"track"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"range"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"DateRange"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"transactions"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"trackIds"},"value":{"kind":"ListValue","values":[{"kind":"Variable","name":{"kind":"Name","value":"track"}}]}}]}},{"kind":"Argument","name":{"kind":"Name","value":"range"},"value":{"kind":"Variable","name":{"kind":"Name","value":"range"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"50"}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"saleMonth"}},{"kind":"Field","name":{"kind":"Name","value":"reportingDate"}},{"kind":"Field","name":{"kind":"Name","value":"store"}},{"kind":"Field","name":{"kind":"Name","value":"country"}},{"kind":"Field","name":{"kind":"Name","value":"quantity"}},{"kind":"Field","name":{"kind":"Name","value":"gross"}},{"kind":"Field","name":{"kind":"Name","value":"net"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]} as unknown as DocumentNode<DashboardStatementLinesQuery, DashboardStatementLinesQueryVariables>;
export const DashboardMarketingDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"DashboardMarketing"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"range"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"DateRange"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"grain"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Grain"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"artist"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"campaignPerformance"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"range"},"value":{"kind":"Variable","name":{"kind":"Name","value":"range"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"campaign"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"track"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"title"}}]}},{"kind":"Field","name":{"kind":"Name","value":"artist"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"coverage"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"basis"}},{"kind":"Field","name":{"kind":"Name","value":"from"}},{"kind":"Field","name":{"kind":"Name","value":"to"}},{"kind":"Field","name":{"kind":"Name","value":"note"}}]}},{"kind":"Field","name":{"kind":"Name","value":"spend"}},{"kind":"Field","name":{"kind":"Name","value":"impressions"}},{"kind":"Field","name":{"kind":"Name","value":"clicks"}},{"kind":"Field","name":{"kind":"Name","value":"reach"}},{"kind":"Field","name":{"kind":"Name","value":"cpc"}},{"kind":"Field","name":{"kind":"Name","value":"cpm"}},{"kind":"Field","name":{"kind":"Name","value":"ctr"}},{"kind":"Field","name":{"kind":"Name","value":"events"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"purchase"}},{"kind":"Field","name":{"kind":"Name","value":"linkClicks"}}]}},{"kind":"Field","name":{"kind":"Name","value":"attribution"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"target"}},{"kind":"Field","name":{"kind":"Name","value":"windowStart"}},{"kind":"Field","name":{"kind":"Name","value":"windowEnd"}},{"kind":"Field","name":{"kind":"Name","value":"streamsDuring"}},{"kind":"Field","name":{"kind":"Name","value":"streamsBefore"}},{"kind":"Field","name":{"kind":"Name","value":"streamsUplift"}},{"kind":"Field","name":{"kind":"Name","value":"revenueDuring"}},{"kind":"Field","name":{"kind":"Name","value":"revenueBefore"}},{"kind":"Field","name":{"kind":"Name","value":"revenueUplift"}},{"kind":"Field","name":{"kind":"Name","value":"roi"}}]}}]}},{"kind":"Field","alias":{"kind":"Name","value":"social"},"name":{"kind":"Name","value":"socialSeries"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"range"},"value":{"kind":"Variable","name":{"kind":"Name","value":"range"}}},{"kind":"Argument","name":{"kind":"Name","value":"grain"},"value":{"kind":"Variable","name":{"kind":"Name","value":"grain"}}},{"kind":"Argument","name":{"kind":"Name","value":"groupBy"},"value":{"kind":"ListValue","values":[{"kind":"EnumValue","value":"ACCOUNT"}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"points"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"period"}},{"kind":"Field","name":{"kind":"Name","value":"account"}},{"kind":"Field","name":{"kind":"Name","value":"videoViews"}},{"kind":"Field","name":{"kind":"Name","value":"likes"}},{"kind":"Field","name":{"kind":"Name","value":"followers"}},{"kind":"Field","name":{"kind":"Name","value":"engagementRate"}}]}}]}},{"kind":"Field","alias":{"kind":"Name","value":"links"},"name":{"kind":"Name","value":"linkSeries"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"range"},"value":{"kind":"Variable","name":{"kind":"Name","value":"range"}}},{"kind":"Argument","name":{"kind":"Name","value":"grain"},"value":{"kind":"Variable","name":{"kind":"Name","value":"grain"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"points"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"period"}},{"kind":"Field","name":{"kind":"Name","value":"views"}},{"kind":"Field","name":{"kind":"Name","value":"clicks"}},{"kind":"Field","name":{"kind":"Name","value":"ctr"}}]}}]}},{"kind":"Field","alias":{"kind":"Name","value":"audience"},"name":{"kind":"Name","value":"audienceSeries"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"range"},"value":{"kind":"Variable","name":{"kind":"Name","value":"range"}}},{"kind":"Argument","name":{"kind":"Name","value":"grain"},"value":{"kind":"Variable","name":{"kind":"Name","value":"grain"}}},{"kind":"Argument","name":{"kind":"Name","value":"artist"},"value":{"kind":"Variable","name":{"kind":"Name","value":"artist"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"points"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"period"}},{"kind":"Field","name":{"kind":"Name","value":"artist"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"listeners"}},{"kind":"Field","name":{"kind":"Name","value":"streams"}},{"kind":"Field","name":{"kind":"Name","value":"followers"}}]}}]}}]}}]} as unknown as DocumentNode<DashboardMarketingQuery, DashboardMarketingQueryVariables>;
export const DashboardOutlookDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"DashboardOutlook"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","alias":{"kind":"Name","value":"revenue"},"name":{"kind":"Name","value":"forecast"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"metric"},"value":{"kind":"EnumValue","value":"NET_REVENUE"}},{"kind":"Argument","name":{"kind":"Name","value":"grain"},"value":{"kind":"EnumValue","value":"MONTH"}},{"kind":"Argument","name":{"kind":"Name","value":"horizon"},"value":{"kind":"IntValue","value":"6"}},{"kind":"Argument","name":{"kind":"Name","value":"level"},"value":{"kind":"IntValue","value":"80"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"metric"}},{"kind":"Field","name":{"kind":"Name","value":"grain"}},{"kind":"Field","name":{"kind":"Name","value":"horizon"}},{"kind":"Field","name":{"kind":"Name","value":"levelPercent"}},{"kind":"Field","name":{"kind":"Name","value":"seriesFound"}},{"kind":"Field","name":{"kind":"Name","value":"series"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"platform"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"lastActualPeriod"}},{"kind":"Field","name":{"kind":"Name","value":"method"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"points"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"period"}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"lower"}},{"kind":"Field","name":{"kind":"Name","value":"upper"}}]}}]}}]}},{"kind":"Field","alias":{"kind":"Name","value":"streams"},"name":{"kind":"Name","value":"forecast"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"metric"},"value":{"kind":"EnumValue","value":"STREAMS"}},{"kind":"Argument","name":{"kind":"Name","value":"grain"},"value":{"kind":"EnumValue","value":"WEEK"}},{"kind":"Argument","name":{"kind":"Name","value":"horizon"},"value":{"kind":"IntValue","value":"12"}},{"kind":"Argument","name":{"kind":"Name","value":"level"},"value":{"kind":"IntValue","value":"80"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"metric"}},{"kind":"Field","name":{"kind":"Name","value":"grain"}},{"kind":"Field","name":{"kind":"Name","value":"horizon"}},{"kind":"Field","name":{"kind":"Name","value":"levelPercent"}},{"kind":"Field","name":{"kind":"Name","value":"seriesFound"}},{"kind":"Field","name":{"kind":"Name","value":"series"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"platform"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"lastActualPeriod"}},{"kind":"Field","name":{"kind":"Name","value":"method"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"points"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"period"}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"lower"}},{"kind":"Field","name":{"kind":"Name","value":"upper"}}]}}]}}]}}]}}]} as unknown as DocumentNode<DashboardOutlookQuery, DashboardOutlookQueryVariables>;
export const DashboardOverviewDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"DashboardOverview"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"range"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"DateRange"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"previous"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"DateRange"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"grain"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Grain"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"revenueFilter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"RevenueFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"streamFilter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"StreamFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"artist"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"anomalyGroupBy"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"AnomalyDimension"}}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","alias":{"kind":"Name","value":"resolved"},"name":{"kind":"Name","value":"resolvedDateRange"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"range"},"value":{"kind":"Variable","name":{"kind":"Name","value":"range"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"from"}},{"kind":"Field","name":{"kind":"Name","value":"to"}},{"kind":"Field","name":{"kind":"Name","value":"previous"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"from"}},{"kind":"Field","name":{"kind":"Name","value":"to"}}]}}]}},{"kind":"Field","alias":{"kind":"Name","value":"current"},"name":{"kind":"Name","value":"revenueSummary"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"range"},"value":{"kind":"Variable","name":{"kind":"Name","value":"range"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"revenueFilter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"gross"}},{"kind":"Field","name":{"kind":"Name","value":"net"}},{"kind":"Field","name":{"kind":"Name","value":"quantity"}},{"kind":"Field","name":{"kind":"Name","value":"payoutPerStream"}}]}},{"kind":"Field","alias":{"kind":"Name","value":"previous"},"name":{"kind":"Name","value":"revenueSummary"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"range"},"value":{"kind":"Variable","name":{"kind":"Name","value":"previous"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"revenueFilter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"gross"}},{"kind":"Field","name":{"kind":"Name","value":"net"}},{"kind":"Field","name":{"kind":"Name","value":"quantity"}},{"kind":"Field","name":{"kind":"Name","value":"payoutPerStream"}}]}},{"kind":"Field","alias":{"kind":"Name","value":"streams"},"name":{"kind":"Name","value":"streamSeries"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"range"},"value":{"kind":"Variable","name":{"kind":"Name","value":"range"}}},{"kind":"Argument","name":{"kind":"Name","value":"grain"},"value":{"kind":"Variable","name":{"kind":"Name","value":"grain"}}},{"kind":"Argument","name":{"kind":"Name","value":"groupBy"},"value":{"kind":"ListValue","values":[{"kind":"EnumValue","value":"SOURCE"}]}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"streamFilter"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"10000"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"points"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"period"}},{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"streams"}}]}},{"kind":"Field","name":{"kind":"Name","value":"totals"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"streams"}}]}}]}},{"kind":"Field","alias":{"kind":"Name","value":"previousStreams"},"name":{"kind":"Name","value":"streamSeries"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"range"},"value":{"kind":"Variable","name":{"kind":"Name","value":"previous"}}},{"kind":"Argument","name":{"kind":"Name","value":"grain"},"value":{"kind":"EnumValue","value":"YEAR"}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"streamFilter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totals"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"streams"}}]}}]}},{"kind":"Field","alias":{"kind":"Name","value":"revenueByMonth"},"name":{"kind":"Name","value":"revenueSeries"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"range"},"value":{"kind":"Variable","name":{"kind":"Name","value":"range"}}},{"kind":"Argument","name":{"kind":"Name","value":"grain"},"value":{"kind":"EnumValue","value":"MONTH"}},{"kind":"Argument","name":{"kind":"Name","value":"groupBy"},"value":{"kind":"ListValue","values":[{"kind":"EnumValue","value":"PLATFORM"}]}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"revenueFilter"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"10000"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"points"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"period"}},{"kind":"Field","name":{"kind":"Name","value":"platform"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"net"}},{"kind":"Field","name":{"kind":"Name","value":"gross"}},{"kind":"Field","name":{"kind":"Name","value":"quantity"}}]}}]}},{"kind":"Field","alias":{"kind":"Name","value":"audience"},"name":{"kind":"Name","value":"audienceSeries"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"range"},"value":{"kind":"Variable","name":{"kind":"Name","value":"range"}}},{"kind":"Argument","name":{"kind":"Name","value":"grain"},"value":{"kind":"Variable","name":{"kind":"Name","value":"grain"}}},{"kind":"Argument","name":{"kind":"Name","value":"artist"},"value":{"kind":"Variable","name":{"kind":"Name","value":"artist"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"points"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"period"}},{"kind":"Field","name":{"kind":"Name","value":"artist"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"streams"}}]}}]}},{"kind":"Field","alias":{"kind":"Name","value":"byTrack"},"name":{"kind":"Name","value":"revenueSeries"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"range"},"value":{"kind":"Variable","name":{"kind":"Name","value":"range"}}},{"kind":"Argument","name":{"kind":"Name","value":"grain"},"value":{"kind":"EnumValue","value":"YEAR"}},{"kind":"Argument","name":{"kind":"Name","value":"groupBy"},"value":{"kind":"ListValue","values":[{"kind":"EnumValue","value":"TRACK"}]}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"revenueFilter"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"10000"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"points"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"track"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"isrc"}}]}},{"kind":"Field","name":{"kind":"Name","value":"net"}},{"kind":"Field","name":{"kind":"Name","value":"quantity"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"anomalies"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"range"},"value":{"kind":"Variable","name":{"kind":"Name","value":"range"}}},{"kind":"Argument","name":{"kind":"Name","value":"metric"},"value":{"kind":"EnumValue","value":"STREAMS"}},{"kind":"Argument","name":{"kind":"Name","value":"groupBy"},"value":{"kind":"Variable","name":{"kind":"Name","value":"anomalyGroupBy"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"1000"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"period"}},{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"direction"}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"expected"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"platform"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"artist"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"Field","alias":{"kind":"Name","value":"byCountry"},"name":{"kind":"Name","value":"revenueSeries"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"range"},"value":{"kind":"Variable","name":{"kind":"Name","value":"range"}}},{"kind":"Argument","name":{"kind":"Name","value":"grain"},"value":{"kind":"EnumValue","value":"YEAR"}},{"kind":"Argument","name":{"kind":"Name","value":"groupBy"},"value":{"kind":"ListValue","values":[{"kind":"EnumValue","value":"COUNTRY"}]}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"revenueFilter"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"10000"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"points"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"country"}},{"kind":"Field","name":{"kind":"Name","value":"net"}},{"kind":"Field","name":{"kind":"Name","value":"quantity"}}]}}]}}]}}]} as unknown as DocumentNode<DashboardOverviewQuery, DashboardOverviewQueryVariables>;
export const DashboardPipelineDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"DashboardPipeline"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pipelineHealth"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"service"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"reasons"}},{"kind":"Field","name":{"kind":"Name","value":"quarantinedFiles"}},{"kind":"Field","name":{"kind":"Name","value":"consecutiveFailures"}},{"kind":"Field","name":{"kind":"Name","value":"staleAfterHours"}},{"kind":"Field","name":{"kind":"Name","value":"dataQuality"}},{"kind":"Field","name":{"kind":"Name","value":"lastSuccess"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"finishedAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"lastFailure"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"finishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"errorCode"}}]}},{"kind":"Field","name":{"kind":"Name","value":"activeRun"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"progress"}},{"kind":"Field","name":{"kind":"Name","value":"step"}}]}},{"kind":"Field","name":{"kind":"Name","value":"zones"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"zone"}},{"kind":"Field","name":{"kind":"Name","value":"files"}},{"kind":"Field","name":{"kind":"Name","value":"newestAt"}},{"kind":"Field","name":{"kind":"Name","value":"newestFile"}},{"kind":"Field","name":{"kind":"Name","value":"ageHours"}}]}},{"kind":"Field","name":{"kind":"Name","value":"sessions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"account"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"savedAt"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"quarantinedFiles"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"50"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"originalName"}},{"kind":"Field","name":{"kind":"Name","value":"landingFile"}},{"kind":"Field","name":{"kind":"Name","value":"service"}},{"kind":"Field","name":{"kind":"Name","value":"stream"}},{"kind":"Field","name":{"kind":"Name","value":"sizeBytes"}},{"kind":"Field","name":{"kind":"Name","value":"finishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"reason"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"line"}},{"kind":"Field","name":{"kind":"Name","value":"column"}},{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"expected"}},{"kind":"Field","name":{"kind":"Name","value":"found"}}]}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"ingestionRuns"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"25"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"service"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"progress"}},{"kind":"Field","name":{"kind":"Name","value":"step"}},{"kind":"Field","name":{"kind":"Name","value":"trigger"}},{"kind":"Field","name":{"kind":"Name","value":"triggeredBy"}},{"kind":"Field","name":{"kind":"Name","value":"queuedAt"}},{"kind":"Field","name":{"kind":"Name","value":"finishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"durationMs"}},{"kind":"Field","name":{"kind":"Name","value":"errorCode"}},{"kind":"Field","name":{"kind":"Name","value":"errorMessage"}},{"kind":"Field","name":{"kind":"Name","value":"counts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"filesLoaded"}},{"kind":"Field","name":{"kind":"Name","value":"filesQuarantined"}},{"kind":"Field","name":{"kind":"Name","value":"rowsLoaded"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<DashboardPipelineQuery, DashboardPipelineQueryVariables>;
export const DashboardRunPipelineDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DashboardRunPipeline"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"service"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Service"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"runPipeline"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"service"},"value":{"kind":"Variable","name":{"kind":"Name","value":"service"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"service"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"progress"}},{"kind":"Field","name":{"kind":"Name","value":"step"}},{"kind":"Field","name":{"kind":"Name","value":"errorCode"}},{"kind":"Field","name":{"kind":"Name","value":"errorMessage"}},{"kind":"Field","name":{"kind":"Name","value":"counts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"filesLoaded"}},{"kind":"Field","name":{"kind":"Name","value":"rowsLoaded"}}]}}]}}]}}]} as unknown as DocumentNode<DashboardRunPipelineMutation, DashboardRunPipelineMutationVariables>;
export const DashboardTriggerExtractionDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DashboardTriggerExtraction"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"service"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Service"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"triggerExtraction"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"service"},"value":{"kind":"Variable","name":{"kind":"Name","value":"service"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"service"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"progress"}},{"kind":"Field","name":{"kind":"Name","value":"step"}},{"kind":"Field","name":{"kind":"Name","value":"errorCode"}},{"kind":"Field","name":{"kind":"Name","value":"errorMessage"}},{"kind":"Field","name":{"kind":"Name","value":"counts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"filesLoaded"}},{"kind":"Field","name":{"kind":"Name","value":"rowsLoaded"}}]}}]}}]}}]} as unknown as DocumentNode<DashboardTriggerExtractionMutation, DashboardTriggerExtractionMutationVariables>;
export const DashboardRetryRunDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DashboardRetryRun"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"retryRun"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"service"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"progress"}},{"kind":"Field","name":{"kind":"Name","value":"step"}},{"kind":"Field","name":{"kind":"Name","value":"errorCode"}},{"kind":"Field","name":{"kind":"Name","value":"errorMessage"}},{"kind":"Field","name":{"kind":"Name","value":"counts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"filesLoaded"}},{"kind":"Field","name":{"kind":"Name","value":"rowsLoaded"}}]}}]}}]}}]} as unknown as DocumentNode<DashboardRetryRunMutation, DashboardRetryRunMutationVariables>;
export const DashboardCancelRunDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DashboardCancelRun"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cancelRun"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"service"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"progress"}},{"kind":"Field","name":{"kind":"Name","value":"step"}},{"kind":"Field","name":{"kind":"Name","value":"errorCode"}},{"kind":"Field","name":{"kind":"Name","value":"errorMessage"}},{"kind":"Field","name":{"kind":"Name","value":"counts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"filesLoaded"}},{"kind":"Field","name":{"kind":"Name","value":"rowsLoaded"}}]}}]}}]}}]} as unknown as DocumentNode<DashboardCancelRunMutation, DashboardCancelRunMutationVariables>;
export const DashboardRunUpdatedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"DashboardRunUpdated"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ingestionRunUpdated"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"service"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"progress"}},{"kind":"Field","name":{"kind":"Name","value":"step"}},{"kind":"Field","name":{"kind":"Name","value":"errorCode"}},{"kind":"Field","name":{"kind":"Name","value":"errorMessage"}},{"kind":"Field","name":{"kind":"Name","value":"counts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"filesLoaded"}},{"kind":"Field","name":{"kind":"Name","value":"rowsLoaded"}}]}}]}}]}}]} as unknown as DocumentNode<DashboardRunUpdatedSubscription, DashboardRunUpdatedSubscriptionVariables>;
export const DashboardPlatformsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"DashboardPlatforms"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"range"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"DateRange"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","alias":{"kind":"Name","value":"resolved"},"name":{"kind":"Name","value":"resolvedDateRange"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"range"},"value":{"kind":"Variable","name":{"kind":"Name","value":"range"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"from"}},{"kind":"Field","name":{"kind":"Name","value":"to"}},{"kind":"Field","name":{"kind":"Name","value":"previous"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"from"}},{"kind":"Field","name":{"kind":"Name","value":"to"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"platformComparison"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"range"},"value":{"kind":"Variable","name":{"kind":"Name","value":"range"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"platform"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"streams"}},{"kind":"Field","name":{"kind":"Name","value":"units"}},{"kind":"Field","name":{"kind":"Name","value":"net"}},{"kind":"Field","name":{"kind":"Name","value":"revenuePerStream"}},{"kind":"Field","name":{"kind":"Name","value":"streamShare"}},{"kind":"Field","name":{"kind":"Name","value":"revenueShare"}},{"kind":"Field","name":{"kind":"Name","value":"streamsGrowthPct"}},{"kind":"Field","name":{"kind":"Name","value":"revenueGrowthPct"}}]}}]}}]} as unknown as DocumentNode<DashboardPlatformsQuery, DashboardPlatformsQueryVariables>;
export const DashboardServiceQualityDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"DashboardServiceQuality"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"service"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Service"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"dataQuality"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"service"},"value":{"kind":"Variable","name":{"kind":"Name","value":"service"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"service"}},{"kind":"Field","name":{"kind":"Name","value":"from"}},{"kind":"Field","name":{"kind":"Name","value":"to"}},{"kind":"Field","name":{"kind":"Name","value":"computedAt"}},{"kind":"Field","name":{"kind":"Name","value":"overall"}},{"kind":"Field","name":{"kind":"Name","value":"scores"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"score"}},{"kind":"Field","name":{"kind":"Name","value":"weight"}},{"kind":"Field","name":{"kind":"Name","value":"rule"}}]}},{"kind":"Field","name":{"kind":"Name","value":"failedChecks"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"check"}},{"kind":"Field","name":{"kind":"Name","value":"count"}},{"kind":"Field","name":{"kind":"Name","value":"detail"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"dataQualityHistory"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"service"},"value":{"kind":"Variable","name":{"kind":"Name","value":"service"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"30"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"computedAt"}},{"kind":"Field","name":{"kind":"Name","value":"from"}},{"kind":"Field","name":{"kind":"Name","value":"to"}},{"kind":"Field","name":{"kind":"Name","value":"overall"}},{"kind":"Field","name":{"kind":"Name","value":"completeness"}},{"kind":"Field","name":{"kind":"Name","value":"accuracy"}},{"kind":"Field","name":{"kind":"Name","value":"consistency"}},{"kind":"Field","name":{"kind":"Name","value":"timeliness"}},{"kind":"Field","name":{"kind":"Name","value":"validity"}}]}}]}}]} as unknown as DocumentNode<DashboardServiceQualityQuery, DashboardServiceQualityQueryVariables>;
export const DashboardQualityDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"DashboardQuality"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pipelineHealth"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"service"}},{"kind":"Field","name":{"kind":"Name","value":"dataQuality"}}]}}]}}]} as unknown as DocumentNode<DashboardQualityQuery, DashboardQualityQueryVariables>;
export const DashboardReleaseQuarantinedFileDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DashboardReleaseQuarantinedFile"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"file"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"service"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Service"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"releaseQuarantinedFile"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"file"},"value":{"kind":"Variable","name":{"kind":"Name","value":"file"}}},{"kind":"Argument","name":{"kind":"Name","value":"service"},"value":{"kind":"Variable","name":{"kind":"Name","value":"service"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"rowsLoaded"}},{"kind":"Field","name":{"kind":"Name","value":"file"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"resolution"}},{"kind":"Field","name":{"kind":"Name","value":"resolvedBy"}}]}}]}}]}}]} as unknown as DocumentNode<DashboardReleaseQuarantinedFileMutation, DashboardReleaseQuarantinedFileMutationVariables>;
export const DashboardDismissQuarantinedFileDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DashboardDismissQuarantinedFile"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"file"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"note"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"dismissQuarantinedFile"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"file"},"value":{"kind":"Variable","name":{"kind":"Name","value":"file"}}},{"kind":"Argument","name":{"kind":"Name","value":"note"},"value":{"kind":"Variable","name":{"kind":"Name","value":"note"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"resolution"}},{"kind":"Field","name":{"kind":"Name","value":"resolvedBy"}}]}}]}}]} as unknown as DocumentNode<DashboardDismissQuarantinedFileMutation, DashboardDismissQuarantinedFileMutationVariables>;