import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One row whose counter moves in the same transaction as every commit that changes what the
 * analytics read (a file loaded, artists linked or merged). Answers computed from the warehouse
 * stay right until it moves, which is what the API's response cache keys on — across processes,
 * since the worker that loads is not the server that answers.
 */
@Entity('warehouse_version')
export class WarehouseVersion {
  /** Always 1: the table holds one row. */
  @PrimaryColumn({ type: 'integer' })
  id!: number;

  @Column({ type: 'integer', default: 0 })
  version!: number;
}
