import { Field, Float, ObjectType, registerEnumType } from 'type-graphql';
import { ANOMALY_DIRECTIONS, type AnomalyDirection, type AnomalyRecord } from '../../analytics/insights/anomalies.service';
import { ANOMALY_DIMENSIONS, ANOMALY_METRICS, type AnomalyMetric } from '../../analytics/insights/anomaly-sources';
import { ANOMALY_KINDS, type AnomalyKind } from '../../analytics/insights/robust-baseline';
import { describedValues, enumOf } from './enum-of';
import { DecimalScalar } from './scalars';

export const AnomalyMetricEnum = enumOf(ANOMALY_METRICS);
registerEnumType(AnomalyMetricEnum, {
  name: 'AnomalyMetric',
  description: 'A measure watched for anomalies. Series of different sources are judged apart, never added together.',
  valuesConfig: {
    STREAMS: { description: 'Daily streams (streams table: DistroKid pages, TooLost analytics), per source.' },
    NET_REVENUE: { description: 'Net revenue by sale month (statement lines), per source, in the statement currency.' },
    SPEND: { description: 'Daily ad spend (Meta Ads campaign_daily), in the account currency.' },
    VIEWS: { description: 'Daily TikTok video views (social_daily).' },
  },
});

export const AnomalyDimensionEnum = enumOf(ANOMALY_DIMENSIONS);
registerEnumType(AnomalyDimensionEnum, {
  name: 'AnomalyDimension',
  description:
    'What series are split by before judging; values of a metric without that dimension (e.g. TikTok views by track) stay whole.',
  valuesConfig: {
    PLATFORM: { description: 'Per platform.' },
    TRACK: { description: 'Per track.' },
    ARTIST: { description: 'Per artist.' },
  },
});

export const AnomalyKindEnum = enumOf(ANOMALY_KINDS);
registerEnumType(AnomalyKindEnum, {
  name: 'AnomalyKind',
  description:
    'What kind of anomaly: a departure from the robust baseline of comparable past values of the same series (their median and median absolute deviation): SPIKE, DROP, ZERO; or a stored value a later capture changed: RESTATED.',
  valuesConfig: {
    SPIKE: { description: 'Far above the expected level.' },
    DROP: { description: 'Far below the expected level, but not zero.' },
    ZERO: { description: 'Zero where a clear level was expected: likely an extraction gap rather than a real fall.' },
    RESTATED: { description: "A later capture changed this day's stored figure (expected = the old value, value = the new one)." },
  },
});

export const AnomalyDirectionEnum = enumOf(ANOMALY_DIRECTIONS);
registerEnumType(AnomalyDirectionEnum, {
  name: 'AnomalyDirection',
  description: 'Whether the value is above (UP) or below (DOWN) what was expected.',
  valuesConfig: describedValues<AnomalyDirection>({
    UP: 'The value is above the expected level (a SPIKE, or a restatement upwards).',
    DOWN: 'The value is below the expected level (a DROP, a ZERO, or a restatement downwards).',
  }),
});

@ObjectType('Anomaly', {
  simpleResolvers: true,
  description:
    'A day (or, for NET_REVENUE, a sale month) departing from its expected level. Expected level: for daily metrics the median of the same weekday ' +
    'over the previous 8 weeks with data, for months the median of the previous 12 months with data (at least 4 values needed). Scale: 1.4826 × the ' +
    'median absolute deviation, at least 5 % of the median. Reported when |robust z| ≥ 3.5 and the departure is at least 50 (counts) or 1.00 ' +
    "(money). Dates are the source's calendar days.",
})
export class AnomalyType implements AnomalyRecord {
  platformId!: number | null;
  trackId!: number | null;
  artistId!: number | null;

  @Field({ description: '`YYYY-MM-DD` for daily metrics, `YYYY-MM` (sale month) for NET_REVENUE.' })
  period!: string;

  @Field({ description: 'The data source of the series (e.g. distrokid, toolost, tiktok, meta_ads).' })
  source!: string;

  @Field(() => AnomalyMetricEnum, { description: 'The measure judged.' })
  metric!: AnomalyMetric;

  @Field(() => DecimalScalar, { description: 'The value of the period: a count, or an amount in the source currency for money metrics.' })
  value!: string;

  @Field(() => DecimalScalar, {
    nullable: true,
    description: 'The expected level (same unit; counts may carry one decimal as medians do). For RESTATED: the value before.',
  })
  expected!: string | null;

  @Field(() => Float, { nullable: true, description: '(value − expected) / robust scale; null for RESTATED.' })
  robustZ!: number | null;

  @Field(() => AnomalyDirectionEnum, { description: 'Above (UP) or below (DOWN) the expected level.' })
  direction!: AnomalyDirection;

  @Field(() => AnomalyKindEnum, { description: 'SPIKE, DROP, ZERO (likely an extraction gap) or RESTATED.' })
  kind!: AnomalyKind;

  @Field({ description: 'Plain-language explanation of why the period was flagged.' })
  reason!: string;
}
