import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Every notification posted (or attempted); the unique key keeps one per event, also across processes. */
@Entity('notifications')
export class Notification {
  @PrimaryGeneratedColumn()
  id!: number;

  @Index('UQ_notifications_key', { unique: true })
  @Column({ name: 'dedupe_key', type: 'varchar', length: 200 })
  dedupeKey!: string;

  @Column({ type: 'varchar', length: 40 })
  kind!: 'run_failed_twice' | 'session_expiring' | 'anomaly' | 'restatement';

  @Column({ type: 'varchar', length: 30 })
  service!: string;

  @Column({ type: 'text' })
  text!: string;

  /** delivered, failed (with the HTTP status or error), or unconfigured (no webhook URL). */
  @Column({ type: 'varchar', length: 200 })
  outcome!: string;

  @CreateDateColumn({ name: 'created_at' })
  createdAt!: Date;
}
