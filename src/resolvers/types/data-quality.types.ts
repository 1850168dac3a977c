import { Field, Float, Int, ObjectType } from 'type-graphql';
import type { Service } from '../../config/config';
import { EXPECTED_FANOUT, fanOutCost } from '../complexity';
import { ServiceEnum } from './ingestion.types';
import { DateScalar, DateTimeScalar } from './scalars';

@ObjectType('QualityScore', { simpleResolvers: true, description: 'One of the five data-quality scores, with the rule that computed it.' })
export class QualityScoreType {
  @Field({ description: 'completeness, accuracy, consistency, timeliness or validity.' })
  name!: string;

  @Field(() => Float, { description: 'In [0, 1]; 1 is best.' })
  score!: number;

  @Field(() => Float, { description: 'Its weight in the overall score (DATA_QUALITY_WEIGHTS; the weights sum to 1).' })
  weight!: number;

  @Field({ description: 'The rule behind the score, in plain language.' })
  rule!: string;
}

@ObjectType('FailedCheck', { simpleResolvers: true, description: 'A check that found a problem.' })
export class FailedCheckType {
  @Field({
    description:
      'Machine-readable name, e.g. missing_days, net_above_gross, restated_values, stale, rejected_files (count: files), rejected_rows (count: rows).',
  })
  check!: string;

  @Field({ description: 'What was found, naming the series, months or files.' })
  detail!: string;

  @Field(() => Int, { description: 'How many rows, days, months or files it concerns.' })
  count!: number;
}

@ObjectType('DataQuality', {
  simpleResolvers: true,
  description: "How far a service's data in the warehouse can be trusted, scored from the data itself.",
})
export class DataQualityType {
  @Field(() => ServiceEnum, { description: 'The data source judged.' })
  service!: Service;

  @Field(() => DateScalar, { description: 'First day judged (default: 364 days before today, UTC).' })
  from!: string;

  @Field(() => DateScalar, { description: 'Last day judged (default: today, UTC).' })
  to!: string;

  @Field(() => DateTimeScalar, { description: 'When the scores were computed (UTC).' })
  computedAt!: Date;

  @Field(() => Float, {
    description:
      'Weighted mean of the five scores, in [0, 1]. Default weights: completeness 0.25, accuracy 0.30, consistency 0.20, timeliness 0.15, validity 0.10.',
  })
  overall!: number;

  @Field(() => [QualityScoreType], {
    complexity: fanOutCost(5),
    description: 'The five scores, in the order completeness, accuracy, consistency, timeliness, validity.',
  })
  scores!: QualityScoreType[];

  @Field(() => [FailedCheckType], {
    complexity: fanOutCost(EXPECTED_FANOUT.failedChecks),
    description: 'Every check that found a problem; empty when all passed.',
  })
  failedChecks!: FailedCheckType[];
}

@ObjectType('DataQualitySnapshot', {
  simpleResolvers: true,
  description: 'A stored computation of the scores (after a load, or recordDataQuality), for charting their history.',
})
export class DataQualitySnapshotType {
  @Field(() => DateTimeScalar, { description: 'When it was computed (UTC).' })
  computedAt!: Date;

  @Field(() => DateScalar, { description: 'First day judged.' })
  from!: string;

  @Field(() => DateScalar, { description: 'Last day judged.' })
  to!: string;

  @Field(() => Float, { description: 'Overall score in [0, 1] with the weights in force then.' })
  overall!: number;

  @Field(() => Float, { description: 'Completeness score in [0, 1].' })
  completeness!: number;

  @Field(() => Float, { description: 'Accuracy score in [0, 1].' })
  accuracy!: number;

  @Field(() => Float, { description: 'Consistency score in [0, 1].' })
  consistency!: number;

  @Field(() => Float, { description: 'Timeliness score in [0, 1].' })
  timeliness!: number;

  @Field(() => Float, { description: 'Validity score in [0, 1].' })
  validity!: number;
}
