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

@ObjectType('ForecastPoint', {
  simpleResolvers: true,
  description: "A forecast period: point forecast and interval bounds, in the metric's unit.",
})
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
    'Forecast of one series (a source, split as asked). Method ETS(A,T,S): the exponential smoothing state-space model with additive errors, ' +
    'trend T (N none, A additive, Ad damped) and seasonality S (N none, A additive: weekday for DAY, month of year for MONTH with ≥ 25 months ' +
    'of history; WEEK has none), fitted by maximum likelihood and chosen among those six by AICc (Hyndman et al. 2008); intervals are its analytic ' +
    'Gaussian prediction intervals. A history too short for any ETS model (under 10 periods) gets SEASONAL_MEAN: the mean of the same season ' +
    'over the last 4 seasons, with intervals from the empirical quantiles of its own errors in a rolling-origin backtest, per step ahead. ' +
    'Partial last weeks/months are left out of the history. Series with too little history for either are left out; when none has enough, ' +
    'the query fails with BAD_USER_INPUT saying how many periods are needed.',
})
export class ForecastSeriesType implements ForecastSeriesRecord {
  platformId!: number | null;
  trackId!: number | null;
  artistId!: number | null;

  @Field({ description: 'The data source of the series.' })
  source!: string;

  @Field({ description: 'Forecasting method: ETS(A,N,N), ETS(A,A,N), ETS(A,Ad,N), ETS(A,N,A), ETS(A,A,A), ETS(A,Ad,A) or SEASONAL_MEAN.' })
  method!: string;

  @Field(() => Int, {
    description:
      'Season length of the method in periods: 7 for DAY, 12 for MONTH (with ≥ 25 months of history), 1 without a seasonal component.',
  })
  season!: number;

  @Field(() => Int, { description: 'SEASONAL_MEAN: seasons averaged for each point (up to 4); 0 for ETS.' })
  seasonsAveraged!: number;

  @Field(() => Int, { description: 'Periods of history used.' })
  historyPeriods!: number;

  @Field(() => Int, { description: 'Periods without data inside the history, carried forward from the previous period.' })
  filledPeriods!: number;

  @Field({ description: 'Last period of actual data used.' })
  lastActualPeriod!: string;

  @Field(() => Float, {
    nullable: true,
    description:
      'Mean absolute percentage error of one-step forecasts over the backtest origins, in % (periods with an actual of 0 left out).',
  })
  mape!: number | null;

  @Field(() => Float, {
    nullable: true,
    description:
      'Mean absolute scaled error of one-step forecasts over the backtest origins (< 1: better than the seasonal naive in-sample).',
  })
  mase!: number | null;

  @Field(() => Int, {
    description:
      'Origins of the one-step forecasts behind mape and mase (the last ≤ 200 periods). ETS: its one-step errors with parameters fitted on the whole history; SEASONAL_MEAN: a rolling-origin backtest, which also gives its intervals.',
  })
  backtestOrigins!: number;

  @Field(() => [ForecastPointType], { description: 'The forecast periods, in order, starting after lastActualPeriod.' })
  points!: ForecastPointType[];
}
