/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query DashboardFilters {\n    artists(first: 500) { edges { node { id name isPlaceholder } } }\n    platforms(first: 100) { edges { node { code name } } }\n  }\n": typeof types.DashboardFiltersDocument,
    "\n  query DashboardCatalogueArtists($after: String) {\n    artists(first: 50, after: $after) {\n      totalCount\n      edges { cursor node { id name isPlaceholder tracks { id title isrc } } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": typeof types.DashboardCatalogueArtistsDocument,
    "\n  query DashboardArtistTracks($id: ID!) {\n    artist(id: $id) { id name tracks { id title isrc } }\n  }\n": typeof types.DashboardArtistTracksDocument,
    "\n  query DashboardStatementLines($track: ID!, $range: DateRange!, $after: String) {\n    transactions(filter: { trackIds: [$track] }, range: $range, first: 50, after: $after) {\n      totalCount\n      edges { cursor node { id saleMonth reportingDate store country quantity gross net currency } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": typeof types.DashboardStatementLinesDocument,
    "\n  query DashboardMarketing($range: DateRange!, $grain: Grain!, $artist: ID) {\n    campaignPerformance(range: $range) {\n      campaign { id name currency track { title } artist { name } }\n      coverage { basis from to note }\n      spend impressions clicks reach cpc cpm ctr\n      events { purchase linkClicks }\n      attribution { target streamsUplift revenueDuring revenueBefore revenueUplift roi }\n    }\n    social: socialSeries(range: $range, grain: $grain, groupBy: [ACCOUNT]) { points { period account videoViews likes followers engagementRate } }\n    links: linkSeries(range: $range, grain: $grain) { points { period views clicks ctr } }\n    audience: audienceSeries(range: $range, grain: $grain, artist: $artist) { points { period artist { name } listeners streams followers } }\n  }\n": typeof types.DashboardMarketingDocument,
    "\n  query DashboardOverview($range: DateRange!, $previous: DateRange!, $grain: Grain!, $revenueFilter: RevenueFilter, $streamFilter: StreamFilter, $artist: ID) {\n    current: revenueSummary(range: $range, filter: $revenueFilter) { gross net quantity payoutPerStream }\n    previous: revenueSummary(range: $previous, filter: $revenueFilter) { gross net quantity payoutPerStream }\n    streams: streamSeries(range: $range, grain: $grain, groupBy: [SOURCE], filter: $streamFilter, first: 10000) {\n      points { period source streams }\n      totals { streams }\n    }\n    previousStreams: streamSeries(range: $previous, grain: YEAR, filter: $streamFilter) { totals { streams } }\n    revenueByMonth: revenueSeries(range: $range, grain: MONTH, groupBy: [PLATFORM], filter: $revenueFilter, first: 10000) {\n      points { period platform { code name } net gross quantity }\n    }\n    audience: audienceSeries(range: $range, grain: $grain, artist: $artist) { points { period artist { name } streams } }\n    byTrack: revenueSeries(range: $range, grain: YEAR, groupBy: [TRACK], filter: $revenueFilter, first: 10000) {\n      points { track { id title isrc } net quantity }\n    }\n    byCountry: revenueSeries(range: $range, grain: YEAR, groupBy: [COUNTRY], filter: $revenueFilter, first: 10000) {\n      points { country net quantity }\n    }\n  }\n": typeof types.DashboardOverviewDocument,
    "\n  query DashboardPipeline {\n    pipelineHealth {\n      service status reasons quarantinedFiles consecutiveFailures\n      lastSuccess { id finishedAt }\n      activeRun { id status progress step }\n    }\n    ingestionRuns(first: 25) {\n      totalCount\n      edges { node { id service kind status progress step trigger triggeredBy queuedAt finishedAt durationMs errorCode errorMessage counts { filesLoaded filesQuarantined rowsLoaded } } }\n    }\n  }\n": typeof types.DashboardPipelineDocument,
    "\n  mutation DashboardRunPipeline($service: Service!) { runPipeline(service: $service) { id service kind status progress step errorCode errorMessage counts { filesLoaded rowsLoaded } } }\n": typeof types.DashboardRunPipelineDocument,
    "\n  mutation DashboardTriggerExtraction($service: Service!) { triggerExtraction(service: $service) { id service kind status progress step errorCode errorMessage counts { filesLoaded rowsLoaded } } }\n": typeof types.DashboardTriggerExtractionDocument,
    "\n  mutation DashboardRetryRun($id: ID!) { retryRun(id: $id) { id service kind status progress step errorCode errorMessage counts { filesLoaded rowsLoaded } } }\n": typeof types.DashboardRetryRunDocument,
    "\n  mutation DashboardCancelRun($id: ID!) { cancelRun(id: $id) { id service kind status progress step errorCode errorMessage counts { filesLoaded rowsLoaded } } }\n": typeof types.DashboardCancelRunDocument,
    "\n  subscription DashboardRunUpdated($id: ID!) { ingestionRunUpdated(id: $id) { id service kind status progress step errorCode errorMessage counts { filesLoaded rowsLoaded } } }\n": typeof types.DashboardRunUpdatedDocument,
    "\n  query DashboardPlatforms($range: DateRange!) {\n    platformComparison(range: $range) {\n      platform { code name }\n      streams units net revenuePerStream streamShare revenueShare streamsGrowthPct revenueGrowthPct\n    }\n  }\n": typeof types.DashboardPlatformsDocument,
};
const documents: Documents = {
    "\n  query DashboardFilters {\n    artists(first: 500) { edges { node { id name isPlaceholder } } }\n    platforms(first: 100) { edges { node { code name } } }\n  }\n": types.DashboardFiltersDocument,
    "\n  query DashboardCatalogueArtists($after: String) {\n    artists(first: 50, after: $after) {\n      totalCount\n      edges { cursor node { id name isPlaceholder tracks { id title isrc } } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": types.DashboardCatalogueArtistsDocument,
    "\n  query DashboardArtistTracks($id: ID!) {\n    artist(id: $id) { id name tracks { id title isrc } }\n  }\n": types.DashboardArtistTracksDocument,
    "\n  query DashboardStatementLines($track: ID!, $range: DateRange!, $after: String) {\n    transactions(filter: { trackIds: [$track] }, range: $range, first: 50, after: $after) {\n      totalCount\n      edges { cursor node { id saleMonth reportingDate store country quantity gross net currency } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": types.DashboardStatementLinesDocument,
    "\n  query DashboardMarketing($range: DateRange!, $grain: Grain!, $artist: ID) {\n    campaignPerformance(range: $range) {\n      campaign { id name currency track { title } artist { name } }\n      coverage { basis from to note }\n      spend impressions clicks reach cpc cpm ctr\n      events { purchase linkClicks }\n      attribution { target streamsUplift revenueDuring revenueBefore revenueUplift roi }\n    }\n    social: socialSeries(range: $range, grain: $grain, groupBy: [ACCOUNT]) { points { period account videoViews likes followers engagementRate } }\n    links: linkSeries(range: $range, grain: $grain) { points { period views clicks ctr } }\n    audience: audienceSeries(range: $range, grain: $grain, artist: $artist) { points { period artist { name } listeners streams followers } }\n  }\n": types.DashboardMarketingDocument,
    "\n  query DashboardOverview($range: DateRange!, $previous: DateRange!, $grain: Grain!, $revenueFilter: RevenueFilter, $streamFilter: StreamFilter, $artist: ID) {\n    current: revenueSummary(range: $range, filter: $revenueFilter) { gross net quantity payoutPerStream }\n    previous: revenueSummary(range: $previous, filter: $revenueFilter) { gross net quantity payoutPerStream }\n    streams: streamSeries(range: $range, grain: $grain, groupBy: [SOURCE], filter: $streamFilter, first: 10000) {\n      points { period source streams }\n      totals { streams }\n    }\n    previousStreams: streamSeries(range: $previous, grain: YEAR, filter: $streamFilter) { totals { streams } }\n    revenueByMonth: revenueSeries(range: $range, grain: MONTH, groupBy: [PLATFORM], filter: $revenueFilter, first: 10000) {\n      points { period platform { code name } net gross quantity }\n    }\n    audience: audienceSeries(range: $range, grain: $grain, artist: $artist) { points { period artist { name } streams } }\n    byTrack: revenueSeries(range: $range, grain: YEAR, groupBy: [TRACK], filter: $revenueFilter, first: 10000) {\n      points { track { id title isrc } net quantity }\n    }\n    byCountry: revenueSeries(range: $range, grain: YEAR, groupBy: [COUNTRY], filter: $revenueFilter, first: 10000) {\n      points { country net quantity }\n    }\n  }\n": types.DashboardOverviewDocument,
    "\n  query DashboardPipeline {\n    pipelineHealth {\n      service status reasons quarantinedFiles consecutiveFailures\n      lastSuccess { id finishedAt }\n      activeRun { id status progress step }\n    }\n    ingestionRuns(first: 25) {\n      totalCount\n      edges { node { id service kind status progress step trigger triggeredBy queuedAt finishedAt durationMs errorCode errorMessage counts { filesLoaded filesQuarantined rowsLoaded } } }\n    }\n  }\n": types.DashboardPipelineDocument,
    "\n  mutation DashboardRunPipeline($service: Service!) { runPipeline(service: $service) { id service kind status progress step errorCode errorMessage counts { filesLoaded rowsLoaded } } }\n": types.DashboardRunPipelineDocument,
    "\n  mutation DashboardTriggerExtraction($service: Service!) { triggerExtraction(service: $service) { id service kind status progress step errorCode errorMessage counts { filesLoaded rowsLoaded } } }\n": types.DashboardTriggerExtractionDocument,
    "\n  mutation DashboardRetryRun($id: ID!) { retryRun(id: $id) { id service kind status progress step errorCode errorMessage counts { filesLoaded rowsLoaded } } }\n": types.DashboardRetryRunDocument,
    "\n  mutation DashboardCancelRun($id: ID!) { cancelRun(id: $id) { id service kind status progress step errorCode errorMessage counts { filesLoaded rowsLoaded } } }\n": types.DashboardCancelRunDocument,
    "\n  subscription DashboardRunUpdated($id: ID!) { ingestionRunUpdated(id: $id) { id service kind status progress step errorCode errorMessage counts { filesLoaded rowsLoaded } } }\n": types.DashboardRunUpdatedDocument,
    "\n  query DashboardPlatforms($range: DateRange!) {\n    platformComparison(range: $range) {\n      platform { code name }\n      streams units net revenuePerStream streamShare revenueShare streamsGrowthPct revenueGrowthPct\n    }\n  }\n": types.DashboardPlatformsDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashboardFilters {\n    artists(first: 500) { edges { node { id name isPlaceholder } } }\n    platforms(first: 100) { edges { node { code name } } }\n  }\n"): (typeof documents)["\n  query DashboardFilters {\n    artists(first: 500) { edges { node { id name isPlaceholder } } }\n    platforms(first: 100) { edges { node { code name } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashboardCatalogueArtists($after: String) {\n    artists(first: 50, after: $after) {\n      totalCount\n      edges { cursor node { id name isPlaceholder tracks { id title isrc } } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n"): (typeof documents)["\n  query DashboardCatalogueArtists($after: String) {\n    artists(first: 50, after: $after) {\n      totalCount\n      edges { cursor node { id name isPlaceholder tracks { id title isrc } } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashboardArtistTracks($id: ID!) {\n    artist(id: $id) { id name tracks { id title isrc } }\n  }\n"): (typeof documents)["\n  query DashboardArtistTracks($id: ID!) {\n    artist(id: $id) { id name tracks { id title isrc } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashboardStatementLines($track: ID!, $range: DateRange!, $after: String) {\n    transactions(filter: { trackIds: [$track] }, range: $range, first: 50, after: $after) {\n      totalCount\n      edges { cursor node { id saleMonth reportingDate store country quantity gross net currency } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n"): (typeof documents)["\n  query DashboardStatementLines($track: ID!, $range: DateRange!, $after: String) {\n    transactions(filter: { trackIds: [$track] }, range: $range, first: 50, after: $after) {\n      totalCount\n      edges { cursor node { id saleMonth reportingDate store country quantity gross net currency } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashboardMarketing($range: DateRange!, $grain: Grain!, $artist: ID) {\n    campaignPerformance(range: $range) {\n      campaign { id name currency track { title } artist { name } }\n      coverage { basis from to note }\n      spend impressions clicks reach cpc cpm ctr\n      events { purchase linkClicks }\n      attribution { target streamsUplift revenueDuring revenueBefore revenueUplift roi }\n    }\n    social: socialSeries(range: $range, grain: $grain, groupBy: [ACCOUNT]) { points { period account videoViews likes followers engagementRate } }\n    links: linkSeries(range: $range, grain: $grain) { points { period views clicks ctr } }\n    audience: audienceSeries(range: $range, grain: $grain, artist: $artist) { points { period artist { name } listeners streams followers } }\n  }\n"): (typeof documents)["\n  query DashboardMarketing($range: DateRange!, $grain: Grain!, $artist: ID) {\n    campaignPerformance(range: $range) {\n      campaign { id name currency track { title } artist { name } }\n      coverage { basis from to note }\n      spend impressions clicks reach cpc cpm ctr\n      events { purchase linkClicks }\n      attribution { target streamsUplift revenueDuring revenueBefore revenueUplift roi }\n    }\n    social: socialSeries(range: $range, grain: $grain, groupBy: [ACCOUNT]) { points { period account videoViews likes followers engagementRate } }\n    links: linkSeries(range: $range, grain: $grain) { points { period views clicks ctr } }\n    audience: audienceSeries(range: $range, grain: $grain, artist: $artist) { points { period artist { name } listeners streams followers } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashboardOverview($range: DateRange!, $previous: DateRange!, $grain: Grain!, $revenueFilter: RevenueFilter, $streamFilter: StreamFilter, $artist: ID) {\n    current: revenueSummary(range: $range, filter: $revenueFilter) { gross net quantity payoutPerStream }\n    previous: revenueSummary(range: $previous, filter: $revenueFilter) { gross net quantity payoutPerStream }\n    streams: streamSeries(range: $range, grain: $grain, groupBy: [SOURCE], filter: $streamFilter, first: 10000) {\n      points { period source streams }\n      totals { streams }\n    }\n    previousStreams: streamSeries(range: $previous, grain: YEAR, filter: $streamFilter) { totals { streams } }\n    revenueByMonth: revenueSeries(range: $range, grain: MONTH, groupBy: [PLATFORM], filter: $revenueFilter, first: 10000) {\n      points { period platform { code name } net gross quantity }\n    }\n    audience: audienceSeries(range: $range, grain: $grain, artist: $artist) { points { period artist { name } streams } }\n    byTrack: revenueSeries(range: $range, grain: YEAR, groupBy: [TRACK], filter: $revenueFilter, first: 10000) {\n      points { track { id title isrc } net quantity }\n    }\n    byCountry: revenueSeries(range: $range, grain: YEAR, groupBy: [COUNTRY], filter: $revenueFilter, first: 10000) {\n      points { country net quantity }\n    }\n  }\n"): (typeof documents)["\n  query DashboardOverview($range: DateRange!, $previous: DateRange!, $grain: Grain!, $revenueFilter: RevenueFilter, $streamFilter: StreamFilter, $artist: ID) {\n    current: revenueSummary(range: $range, filter: $revenueFilter) { gross net quantity payoutPerStream }\n    previous: revenueSummary(range: $previous, filter: $revenueFilter) { gross net quantity payoutPerStream }\n    streams: streamSeries(range: $range, grain: $grain, groupBy: [SOURCE], filter: $streamFilter, first: 10000) {\n      points { period source streams }\n      totals { streams }\n    }\n    previousStreams: streamSeries(range: $previous, grain: YEAR, filter: $streamFilter) { totals { streams } }\n    revenueByMonth: revenueSeries(range: $range, grain: MONTH, groupBy: [PLATFORM], filter: $revenueFilter, first: 10000) {\n      points { period platform { code name } net gross quantity }\n    }\n    audience: audienceSeries(range: $range, grain: $grain, artist: $artist) { points { period artist { name } streams } }\n    byTrack: revenueSeries(range: $range, grain: YEAR, groupBy: [TRACK], filter: $revenueFilter, first: 10000) {\n      points { track { id title isrc } net quantity }\n    }\n    byCountry: revenueSeries(range: $range, grain: YEAR, groupBy: [COUNTRY], filter: $revenueFilter, first: 10000) {\n      points { country net quantity }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashboardPipeline {\n    pipelineHealth {\n      service status reasons quarantinedFiles consecutiveFailures\n      lastSuccess { id finishedAt }\n      activeRun { id status progress step }\n    }\n    ingestionRuns(first: 25) {\n      totalCount\n      edges { node { id service kind status progress step trigger triggeredBy queuedAt finishedAt durationMs errorCode errorMessage counts { filesLoaded filesQuarantined rowsLoaded } } }\n    }\n  }\n"): (typeof documents)["\n  query DashboardPipeline {\n    pipelineHealth {\n      service status reasons quarantinedFiles consecutiveFailures\n      lastSuccess { id finishedAt }\n      activeRun { id status progress step }\n    }\n    ingestionRuns(first: 25) {\n      totalCount\n      edges { node { id service kind status progress step trigger triggeredBy queuedAt finishedAt durationMs errorCode errorMessage counts { filesLoaded filesQuarantined rowsLoaded } } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DashboardRunPipeline($service: Service!) { runPipeline(service: $service) { id service kind status progress step errorCode errorMessage counts { filesLoaded rowsLoaded } } }\n"): (typeof documents)["\n  mutation DashboardRunPipeline($service: Service!) { runPipeline(service: $service) { id service kind status progress step errorCode errorMessage counts { filesLoaded rowsLoaded } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DashboardTriggerExtraction($service: Service!) { triggerExtraction(service: $service) { id service kind status progress step errorCode errorMessage counts { filesLoaded rowsLoaded } } }\n"): (typeof documents)["\n  mutation DashboardTriggerExtraction($service: Service!) { triggerExtraction(service: $service) { id service kind status progress step errorCode errorMessage counts { filesLoaded rowsLoaded } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DashboardRetryRun($id: ID!) { retryRun(id: $id) { id service kind status progress step errorCode errorMessage counts { filesLoaded rowsLoaded } } }\n"): (typeof documents)["\n  mutation DashboardRetryRun($id: ID!) { retryRun(id: $id) { id service kind status progress step errorCode errorMessage counts { filesLoaded rowsLoaded } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DashboardCancelRun($id: ID!) { cancelRun(id: $id) { id service kind status progress step errorCode errorMessage counts { filesLoaded rowsLoaded } } }\n"): (typeof documents)["\n  mutation DashboardCancelRun($id: ID!) { cancelRun(id: $id) { id service kind status progress step errorCode errorMessage counts { filesLoaded rowsLoaded } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription DashboardRunUpdated($id: ID!) { ingestionRunUpdated(id: $id) { id service kind status progress step errorCode errorMessage counts { filesLoaded rowsLoaded } } }\n"): (typeof documents)["\n  subscription DashboardRunUpdated($id: ID!) { ingestionRunUpdated(id: $id) { id service kind status progress step errorCode errorMessage counts { filesLoaded rowsLoaded } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashboardPlatforms($range: DateRange!) {\n    platformComparison(range: $range) {\n      platform { code name }\n      streams units net revenuePerStream streamShare revenueShare streamsGrowthPct revenueGrowthPct\n    }\n  }\n"): (typeof documents)["\n  query DashboardPlatforms($range: DateRange!) {\n    platformComparison(range: $range) {\n      platform { code name }\n      streams units net revenuePerStream streamShare revenueShare streamsGrowthPct revenueGrowthPct\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;