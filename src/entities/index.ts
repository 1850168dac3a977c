import { ApiToken } from './api-token.entity';
import { Artist } from './artist.entity';
import { ArtistAlias } from './artist-alias.entity';
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

export { ApiToken, Artist, ArtistAlias, Campaign, Platform, Release, RevenueMonthlyRollup, RevenuePlatformRollup, SourceFile, Store, Stream, Track, TrackArtist, Transaction };

export const ENTITIES = [ApiToken, Artist, ArtistAlias, Campaign, Platform, Release, RevenueMonthlyRollup, RevenuePlatformRollup, SourceFile, Store, Stream, Track, TrackArtist, Transaction];
