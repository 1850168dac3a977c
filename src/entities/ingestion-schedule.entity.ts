import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { Service } from '../config/config';

/** A service's extraction schedule as the admin set it; the job backend holds the timer itself. */
@Entity('ingestion_schedules')
export class IngestionSchedule {
  @PrimaryColumn({ type: 'varchar', length: 30 })
  service!: Service;

  /** A cron expression (`0 6 * * *`) or a human interval (`6 hours`). */
  @Column({ type: 'varchar', length: 100 })
  every!: string;

  @Column({ type: 'varchar', length: 60, default: 'UTC' })
  timezone!: string;

  @Column({ type: 'boolean', default: true })
  enabled!: boolean;

  @Column({ name: 'updated_by', type: 'varchar', length: 200 })
  updatedBy!: string;

  @UpdateDateColumn({ name: 'updated_at' })
  updatedAt!: Date;
}
