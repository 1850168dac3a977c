import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * The audit trail of artist merges: the merged artist is gone, this row remembers where its facts
 * went, so repeating a merge is a no-op and an old id still leads to the artist that absorbed it.
 */
@Entity('artist_merges')
export class ArtistMerge {
  /** The id of the artist that was merged away (it no longer exists in `artists`). */
  @PrimaryColumn({ name: 'from_artist_id', type: 'integer' })
  fromArtistId!: number;

  @Column({ name: 'from_name', type: 'varchar', length: 200 })
  fromName!: string;

  @Index('IDX_artist_merges_into')
  @Column({ name: 'into_artist_id', type: 'integer' })
  intoArtistId!: number;

  /** Who asked: an API token's name, `cli`, `migration`, or `link` when linking an id merged a placeholder. */
  @Column({ name: 'merged_by', type: 'varchar', length: 200 })
  mergedBy!: string;

  @CreateDateColumn({ name: 'merged_at' })
  mergedAt!: Date;
}
