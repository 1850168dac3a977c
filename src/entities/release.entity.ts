import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A product as the stores sell it, identified by its UPC/EAN. */
@Entity('releases')
export class Release {
  @PrimaryGeneratedColumn()
  id!: number;

  @Index('UQ_releases_upc', { unique: true })
  @Column({ type: 'varchar', length: 14 })
  upc!: string;

  @Column({ type: 'varchar', length: 300, nullable: true })
  title!: string | null;
}
