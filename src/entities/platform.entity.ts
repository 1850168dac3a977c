import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const PLATFORM_KINDS = ['streaming', 'social', 'advertising', 'distribution', 'download', 'other'] as const;
export type PlatformKind = (typeof PLATFORM_KINDS)[number];

/** Where listening, selling or advertising happens, with a stable code the API filters on. */
@Entity('platforms')
export class Platform {
  @PrimaryGeneratedColumn()
  id!: number;

  @Index('UQ_platforms_code', { unique: true })
  @Column({ type: 'varchar', length: 80 })
  code!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ type: 'varchar', length: 20 })
  kind!: PlatformKind;
}
