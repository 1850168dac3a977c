import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { Artist } from './artist.entity';
import type { Track } from './track.entity';

export type TrackArtistRole = 'primary' | 'featured';

/** Who performs on a track; a collaboration (`A X B`) gives one row per artist. */
@Entity('track_artists')
export class TrackArtist {
  @PrimaryColumn({ name: 'track_id', type: 'integer' })
  trackId!: number;

  @Index('IDX_track_artists_artist')
  @PrimaryColumn({ name: 'artist_id', type: 'integer' })
  artistId!: number;

  @Column({ type: 'varchar', length: 20, default: 'primary' })
  role!: TrackArtistRole;

  /** Optional royalty share in basis points (10000 = 100 %). */
  @Column({ name: 'royalty_share_bps', type: 'integer', nullable: true })
  royaltyShareBps!: number | null;

  @ManyToOne('Track', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'track_id' })
  track?: Track;

  @ManyToOne('Artist', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'artist_id' })
  artist?: Artist;
}
