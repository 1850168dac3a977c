import { Column, CreateDateColumn, Entity, Index, OneToMany, PrimaryGeneratedColumn } from 'typeorm';
import type { ArtistAlias } from './artist-alias.entity';

/**
 * One act. `nameKey` is the folded name (case, spaces, dots, underscores and hyphens dropped),
 * unique, so spelling variants cannot make a second artist.
 */
@Entity('artists')
export class Artist {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Index('UQ_artists_name_key', { unique: true })
  @Column({ name: 'name_key', type: 'varchar', length: 200 })
  nameKey!: string;

  /**
   * A stand-in created for a platform id nobody has linked yet (named after the id): its facts
   * move to the real artist when the id is linked.
   */
  @Column({ name: 'is_placeholder', type: 'boolean', default: false })
  isPlaceholder!: boolean;

  @CreateDateColumn({ name: 'created_at' })
  createdAt!: Date;

  @OneToMany('ArtistAlias', 'artist')
  aliases?: ArtistAlias[];
}
