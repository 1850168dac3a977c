import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A run's log lines, shown with the run in GraphQL. Redacted before they are stored. */
@Entity('ingestion_run_logs')
@Index('IDX_ingestion_run_logs_run', ['runId', 'id'])
export class IngestionRunLog {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ name: 'run_id', type: 'integer' })
  runId!: number;

  @Column({ type: Date })
  at!: Date;

  @Column({ type: 'varchar', length: 10 })
  level!: 'info' | 'warn' | 'error';

  @Column({ type: 'text' })
  message!: string;
}
