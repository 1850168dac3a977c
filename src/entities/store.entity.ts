import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { Platform } from './platform.entity';

/** A store name as a distributor writes it (`YouTube (Red)`), mapped to the platform it belongs to. */
@Entity('stores')
@Index('UQ_stores_source_name', ['source', 'name'], { unique: true })
export class Store {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 30 })
  source!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Index('IDX_stores_platform')
  @Column({ name: 'platform_id', type: 'integer' })
  platformId!: number;

  @ManyToOne('Platform', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'platform_id' })
  platform?: Platform;
}
