import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import { FORECAST_GRAINS, FORECAST_METRICS, type ForecastSeriesRecord } from '../../analytics/insights/forecast.service';
import { enumOf } from './enum-of';
import { DecimalScalar } from './scalars';

export const ForecastMetricEnum = enumOf(FORECAST_METRICS);
registerEnumType(ForecastMetricEnum, {
  name: 'ForecastMetric',
  description: 'What to forecast. Each source is its own series: sources are never added together.',
  valuesConfig: {
    STREAMS: { description: 'Streams (streams table), summed over the period.' },
    NET_REVENUE: { description: 'Net revenue by sale month (statement lines), in the statement currency; grain MONTH only.' },
  },
});

export const ForecastGrainEnum = enumOf(FORECAST_GRAINS);
registerEnumType(ForecastGrainEnum, {
  name: 'ForecastGrain',
  description: 'Period of the forecast: DAY (source calendar day), WEEK (Monday to Sunday, labelled by its Monday), MONTH (YYYY-MM).',
});

@ObjectType('ForecastPoint', { simpleResolvers: true, description: 'A forecast period: point forecast and interval bounds, in the metric\'s unit.' })
export class ForecastPointType {
  @Field({ description: 'Period label: YYYY-MM-DD for DAY and WEEK (its Monday), YYYY-MM for MONTH.' })
  period!: string;

  @Field(() => DecimalScalar, { description: 'Point forecast (streams with one decimal; money in currency units).' })
  value!: string;

  @Field(() => DecimalScalar, { description: 'Lower bound of the interval at the requested level.' })
  lower!: string;

  @Field(() => DecimalScalar, { description: 'Upper bound of the interval at the requested level.' })
  upper!: string;
}

@ObjectType('ForecastSeries', {
  simpleResolvers: true,
  description:
    'Forecast of one series (a source, split as asked). Method SEASONAL_MEAN: the mean of the same season (weekday for DAY, month of year for MONTH ' +
    'with ≥ 25 months of history, else the previous periods) over the last 4 seasons. Intervals: empirical quantiles of the method\'s own errors in a ' +
    'rolling-origin backtest over up to 200 recent origins, per step ahead. Partial last weeks/months are left out of the history.',
})
export class ForecastSeriesType implements ForecastSeriesRecord {
  platformId!: number | null;
  trackId!: number | null;
  artistId!: number | null;

  @Field({ description: 'The data source of the series.' })
  source!: string;

  @Field({ description: 'Forecasting method, e.g. SEASONAL_MEAN.' })
  method!: string;

  @Field(() => Int, { description: 'Season length in periods (7 for DAY, 12 or 1 for MONTH, 1 for WEEK).' })
  season!: number;

  @Field(() => Int, { description: 'Seasons averaged for each point (up to 4).' })
  seasonsAveraged!: number;

  @Field(() => Int, { description: 'Periods of history used.' })
  historyPeriods!: number;

  @Field(() => Int, { description: 'Periods without data inside the history, carried forward from the previous period.' })
  filledPeriods!: number;

  @Field({ description: 'Last period of actual data used.' })
  lastActualPeriod!: string;

  @Field(() => Float, { nullable: true, description: 'Mean absolute percentage error of one-step backtest forecasts, in % (periods with an actual of 0 left out).' })
  mape!: number | null;

  @Field(() => Float, { nullable: true, description: 'Mean absolute scaled error of one-step backtest forecasts (< 1: better than the seasonal naive in-sample).' })
  mase!: number | null;

  @Field(() => Int, { description: 'Backtest origins behind the intervals and fit figures.' })
  backtestOrigins!: number;

  @Field(() => [ForecastPointType], { description: 'The forecast periods, in order, starting after lastActualPeriod.' })
  points!: ForecastPointType[];
}
