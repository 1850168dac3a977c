import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { Artist } from './artist.entity';

/** Every spelling seen in a source (`zone.a0`, `Zone A0`, …) points at one artist. */
@Entity('artist_aliases')
export class ArtistAlias {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 200 })
  alias!: string;

  @Index('UQ_artist_aliases_alias', { unique: true })
  @Column({ name: 'alias_key', type: 'varchar', length: 200 })
  aliasKey!: string;

  @Index('IDX_artist_aliases_artist')
  @Column({ name: 'artist_id', type: 'integer' })
  artistId!: number;

  @ManyToOne('Artist', 'aliases', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'artist_id' })
  artist?: Artist;
}
