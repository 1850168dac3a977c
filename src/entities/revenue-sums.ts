import { Column } from 'typeorm';
import { bigintTransformer } from './column-types';

/** The sums both revenue rollups keep for their key: exact money in nano-units, units and line count. */
export abstract class RevenueSums {
  @Column({ name: 'gross_nano', type: 'bigint', transformer: bigintTransformer })
  grossNano!: bigint;

  @Column({ name: 'net_nano', type: 'bigint', transformer: bigintTransformer })
  netNano!: bigint;

  @Column({ type: 'bigint', transformer: bigintTransformer })
  quantity!: bigint;

  @Column({ name: 'transaction_count', type: 'integer' })
  transactionCount!: number;
}
