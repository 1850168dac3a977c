import type { GraphQLSchema } from 'graphql';
import { createPubSub } from '@graphql-yoga/subscription';
import { buildSchema } from 'type-graphql';
import { authChecker } from './auth-checker';
import { AnomalyResolver } from './anomalies.resolver';
import { ApiTokenResolver } from './api-token.resolver';
import { ArtistExternalIdsRelation, ArtistIdentityResolver } from './artist-identity.resolver';
import { CampaignDailyRelation, CampaignPerformanceResolver } from './campaign.resolver';
import { CatalogResolver } from './catalog.resolver';
import { ComparisonResolver } from './comparison.resolver';
import { AudiencePointRelations, EngagementResolver, SocialPointRelations } from './engagement.resolver';
import { DataQualityResolver, ServiceHealthQuality } from './data-quality.resolver';
import { FactsResolver } from './facts.resolver';
import { ForecastResolver } from './forecast.resolver';
import { IngestionResolver } from './ingestion.resolver';
import { QuarantineResolver } from './quarantine.resolver';
import {
  ArtistRelations,
  CampaignRelations,
  RevenuePointRelations,
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
  EngagementResolver,
  SongMetricsResolver,
  SocialPointRelations,
  AudiencePointRelations,
  ArtistRelations,
  TrackRelations,
  TransactionRelations,
  StreamFactRelations,
  CampaignRelations,
  RevenuePointRelations,
  StreamPointRelations,
  RestatementResolver,
  AnomalyResolver,
  DataQualityResolver,
  ServiceHealthQuality,
  ForecastResolver,
] as const;

/** The public GraphQL schema. Its names are the contract dashboards are written against. */
export function buildAppSchema(): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers: RESOLVERS,
    authChecker,
    authMode: 'error',
    // Subscriptions bring their own iterators (the run ledger); type-graphql still wants a PubSub.
    pubSub: createPubSub(),
    validate: false,
  });
}
