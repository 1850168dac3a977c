import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One computation of a service's data-quality scores, kept so their history can be charted.
 * Written after each run that committed a load (one row per service and UTC day, the latest of the
 * day replacing earlier ones) and when asked (the recordDataQuality mutation).
 */
@Entity('data_quality_snapshots')
@Index('IDX_data_quality_snapshots_service_at', ['service', 'computedAt'])
export class DataQualitySnapshot {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 30 })
  service!: string;

  @Column({ name: 'computed_at', type: Date })
  computedAt!: Date;

  /** The days judged, both ends inclusive. */
  @Column({ name: 'range_from', type: 'date' })
  rangeFrom!: string;

  @Column({ name: 'range_to', type: 'date' })
  rangeTo!: string;

  @Column({ type: 'real' })
  overall!: number;

  @Column({ type: 'real' })
  completeness!: number;

  @Column({ type: 'real' })
  accuracy!: number;

  @Column({ type: 'real' })
  consistency!: number;

  @Column({ type: 'real' })
  timeliness!: number;

  @Column({ type: 'real' })
  validity!: number;

  /** The failed checks, as JSON: [{ check, detail, count }]. */
  @Column({ name: 'failed_checks', type: 'text' })
  failedChecks!: string;
}
