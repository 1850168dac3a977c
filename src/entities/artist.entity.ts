import { Column, CreateDateColumn, Entity, Index, OneToMany, PrimaryGeneratedColumn } from 'typeorm';
import type { ArtistAlias } from './artist-alias.entity';

/** One act. `nameKey` is the case- and punctuation-folded name, unique, so spelling variants cannot make a second artist. */
@Entity('artists')
export class Artist {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Index('UQ_artists_name_key', { unique: true })
  @Column({ name: 'name_key', type: 'varchar', length: 200 })
  nameKey!: string;

  @CreateDateColumn({ name: 'created_at' })
  createdAt!: Date;

  @OneToMany('ArtistAlias', 'artist')
  aliases?: ArtistAlias[];
}
