import type { GraphQLSchema } from 'graphql';
import { createPubSub } from '@graphql-yoga/subscription';
import { buildSchema, type BuildSchemaOptions } from 'type-graphql';
import { authChecker } from './auth-checker';
import { AnomalyResolver } from './anomalies.resolver';
import { ApiTokenResolver } from './api-token.resolver';
import { ArtistExternalIdsRelation, ArtistIdentityResolver } from './artist-identity.resolver';
import { CampaignDailyRelation, CampaignPerformanceResolver } from './campaign.resolver';
import { CatalogResolver } from './catalog.resolver';
import { ComparisonResolver } from './comparison.resolver';
import { AudiencePointRelations, EngagementResolver, SocialPointRelations } from './engagement.resolver';
import { resolveDateRangeArguments } from './date-range-args';
import { DateRangeResolver } from './date-range.resolver';
import { directFieldResolvers } from './direct-field-resolvers';
import { DataQualityResolver, ServiceHealthQuality } from './data-quality.resolver';
import { FactsResolver } from './facts.resolver';
import { ForecastResolver } from './forecast.resolver';
import { IngestionResolver } from './ingestion.resolver';
import { QuarantineResolver } from './quarantine.resolver';
import {
  ArtistRelations,
  CampaignRelations,
  StreamFactRelations,
  StreamPointRelations,
  TrackRelations,
  TransactionRelations,
} from './relations.resolver';
import { RestatementResolver } from './restatements.resolver';
import { RevenueResolver } from './revenue.resolver';
import { SongMetricsResolver } from './song-metrics.resolver';
import { StreamSeriesResolver } from './stream-series.resolver';

export const RESOLVERS = [
  ApiTokenResolver,
  ArtistIdentityResolver,
  ArtistExternalIdsRelation,
  IngestionResolver,
  QuarantineResolver,
  CatalogResolver,
  FactsResolver,
  RevenueResolver,
  StreamSeriesResolver,
  CampaignPerformanceResolver,
  CampaignDailyRelation,
  ComparisonResolver,
  DateRangeResolver,
  EngagementResolver,
  SongMetricsResolver,
  SocialPointRelations,
  AudiencePointRelations,
  ArtistRelations,
  TrackRelations,
  TransactionRelations,
  StreamFactRelations,
  CampaignRelations,
  StreamPointRelations,
  RestatementResolver,
  AnomalyResolver,
  DataQualityResolver,
  ServiceHealthQuality,
  ForecastResolver,
] as const;

/** The public GraphQL schema. Its names are the contract dashboards are written against. */
export async function buildAppSchema(options: { directFieldResolvers?: boolean } = {}): Promise<GraphQLSchema> {
  const buildOptions: BuildSchemaOptions = {
    resolvers: RESOLVERS,
    authChecker,
    authMode: 'error',
    // Subscriptions bring their own iterators (the run ledger); type-graphql still wants a PubSub.
    pubSub: createPubSub(),
    validate: false,
  };
  const schema = await buildSchema(buildOptions);
  describeRootTypes(schema);
  // Field resolvers that need none of type-graphql's per-call machinery are called directly (the bench can turn this off).
  if (options.directFieldResolvers ?? true) directFieldResolvers(schema, buildOptions);
  // DateRange arguments reach every resolver as concrete days (presets resolved once, there).
  return resolveDateRangeArguments(schema);
}

/** type-graphql has no option for the root types' descriptions; the docs panel opens on them. */
function describeRootTypes(schema: GraphQLSchema): void {
  const query = schema.getQueryType();
  const mutation = schema.getMutationType();
  const subscription = schema.getSubscriptionType();
  if (query)
    query.description = [
      'Read-only questions about streams, revenue, campaigns, engagement and the ingestion pipeline.',
      'A VIEWER token may ask them, except ingestionRuns, ingestionRun, schedules, quarantinedFiles and sourceFile (ADMIN).',
      'Counts are whole numbers; money is a Decimal string in USD, the currency of the DistroKid and TooLost statements (ad spend: the ad account currency).',
      'Date is a calendar day as the source reports it, DateTime an instant in UTC.',
      'Distributor streams, statement units and Spotify for Artists audience are separate measures: never add them together.',
    ].join(' ');
  if (mutation)
    mutation.description =
      'Admin actions (ADMIN token): ingestion runs and schedules, quarantine review, artist identity links and merges, data-quality snapshots, API tokens.';
  if (subscription) subscription.description = 'Live updates over graphql-ws at /graphql (ADMIN token).';
}
