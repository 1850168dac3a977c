import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { Artist } from './artist.entity';

/** Every spelling seen in a source (`zone.a0`, `Zone A0`, …) is recorded and points at one artist. */
@Entity('artist_aliases')
export class ArtistAlias {
  @PrimaryGeneratedColumn()
  id!: number;

  /** The spelling exactly as a source wrote it. */
  @Index('UQ_artist_aliases_alias', { unique: true })
  @Column({ type: 'varchar', length: 200 })
  alias!: string;

  /** Folded spelling: what lookups match on, so every variant resolves to the same artist. */
  @Index('IDX_artist_aliases_alias_key')
  @Column({ name: 'alias_key', type: 'varchar', length: 200 })
  aliasKey!: string;

  @Index('IDX_artist_aliases_artist')
  @Column({ name: 'artist_id', type: 'integer' })
  artistId!: number;

  @ManyToOne('Artist', 'aliases', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'artist_id' })
  artist?: Artist;
}
