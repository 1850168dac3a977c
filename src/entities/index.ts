import { AudienceDaily } from './audience-daily.entity';
import { CampaignDaily } from './campaign-daily.entity';
import { CampaignPeriodTotal } from './campaign-period-total.entity';
import { CampaignSnapshot } from './campaign-snapshot.entity';
import { FollowerSnapshot } from './follower-snapshot.entity';
import { LinkDaily } from './link-daily.entity';
import { PlatformDailyMetric } from './platform-daily-metric.entity';
import { PromotionCost } from './promotion-cost.entity';
import { SocialDaily } from './social-daily.entity';
import { SongMetrics } from './song-metrics.entity';
import { StreamPeriodTotal } from './stream-period-total.entity';
import { ApiToken } from './api-token.entity';
import { Artist } from './artist.entity';
import { ArtistAlias } from './artist-alias.entity';
import { ArtistExternalId } from './artist-external-id.entity';
import { ArtistMerge } from './artist-merge.entity';
import { Campaign } from './campaign.entity';
import { Platform } from './platform.entity';
import { Release } from './release.entity';
import { RevenueMonthlyRollup } from './revenue-monthly-rollup.entity';
import { RevenuePlatformRollup } from './revenue-platform-rollup.entity';
import { SourceFile } from './source-file.entity';
import { Store } from './store.entity';
import { Stream } from './stream.entity';
import { Track } from './track.entity';
import { TrackArtist } from './track-artist.entity';
import { Transaction } from './transaction.entity';
import { IngestionRun } from './ingestion-run.entity';
import { IngestionRunLog } from './ingestion-run-log.entity';
import { IngestionSchedule } from './ingestion-schedule.entity';
import { Notification } from './notification.entity';
import { Restatement } from './restatement.entity';
import { DataQualitySnapshot } from './data-quality-snapshot.entity';
import { WarehouseVersion } from './warehouse-version.entity';

/** Every entity the data source registers; import an entity itself from its own file. */
export const ENTITIES = [
  AudienceDaily,
  CampaignDaily,
  CampaignPeriodTotal,
  CampaignSnapshot,
  FollowerSnapshot,
  LinkDaily,
  PlatformDailyMetric,
  PromotionCost,
  SocialDaily,
  SongMetrics,
  StreamPeriodTotal,
  ApiToken,
  Artist,
  ArtistAlias,
  ArtistExternalId,
  ArtistMerge,
  Campaign,
  Platform,
  Release,
  RevenueMonthlyRollup,
  RevenuePlatformRollup,
  SourceFile,
  Store,
  Stream,
  Track,
  TrackArtist,
  Transaction,
  IngestionRun,
  IngestionRunLog,
  IngestionSchedule,
  Notification,
  Restatement,
  DataQualitySnapshot,
  WarehouseVersion,
];
