import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import {
  FORECAST_GRAINS,
  FORECAST_METRICS,
  type ForecastGrain,
  type ForecastMethodRecord,
  type ForecastMetric,
  type ForecastRecord,
  type ForecastSeriesRecord,
  MAX_FORECAST_SERIES,
} from '../../analytics/insights/forecast.service';
import { fanOutCost } from '../complexity';
import { describedValues, enumOf } from './enum-of';
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
  valuesConfig: describedValues<ForecastGrain>({
    DAY: 'Calendar days as the source reports them; seasonal models use a 7-day season. STREAMS only.',
    WEEK: 'Weeks from Monday to Sunday, labelled by their Monday (YYYY-MM-DD); no seasonal model. STREAMS only.',
    MONTH: 'Calendar months (YYYY-MM); seasonal models use a 12-month season when 25 months of history exist.',
  }),
});

@ObjectType('ForecastPoint', {
  simpleResolvers: true,
  description: "A forecast period: point forecast and interval bounds, in the metric's unit.",
})
export class ForecastPointType {
  @Field({ description: 'Period label: YYYY-MM-DD for DAY and WEEK (its Monday), YYYY-MM for MONTH.' })
  period!: string;

  @Field(() => DecimalScalar, {
    description:
      'Point forecast. STREAMS: streams with one decimal, rounded half up. NET_REVENUE: statement currency (never converted) with two decimals: rounded to the nearest nano unit (10⁻⁹), then to 0.01, halves away from zero.',
  })
  value!: string;

  @Field(() => DecimalScalar, { description: 'Lower bound of the interval at the requested level (rounded like value; may be negative).' })
  lower!: string;

  @Field(() => DecimalScalar, { description: 'Upper bound of the interval at the requested level (rounded like value).' })
  upper!: string;
}

@ObjectType('ForecastMethod', {
  simpleResolvers: true,
  description:
    'How a series was forecast and how well the method fits its history. ETS(A,T,S): the exponential smoothing state-space model with additive errors, ' +
    'trend T (N none, A additive, Ad damped) and seasonality S (N none, A additive: weekday for DAY, month of year for MONTH with ≥ 25 months ' +
    'of history; WEEK has none), fitted by maximum likelihood and chosen among the admissible ones by AICc (Hyndman et al. 2008); intervals are its analytic ' +
    'Gaussian prediction intervals. A history too short for any ETS model (under 10 periods) gets SEASONAL_MEAN: the mean of the same season ' +
    'over the last 4 seasons, with intervals from the empirical quantiles of its own errors in a rolling-origin backtest, per step ahead.',
})
export class ForecastMethodType implements ForecastMethodRecord {
  @Field({ description: 'The method: ETS(A,N,N), ETS(A,A,N), ETS(A,Ad,N), ETS(A,N,A), ETS(A,A,A), ETS(A,Ad,A) or SEASONAL_MEAN.' })
  name!: string;

  @Field(() => Int, {
    description:
      'Season length of the method in periods: 7 for DAY, 12 for MONTH (with ≥ 25 months of history), 1 without a seasonal component.',
  })
  season!: number;

  @Field(() => Int, { description: 'SEASONAL_MEAN: seasons averaged for each point (up to 4); 0 for ETS.' })
  seasonsAveraged!: number;

  @Field(() => Float, {
    nullable: true,
    description:
      "Akaike's information criterion of the chosen ETS model, −2·log-likelihood + 2k (Gaussian likelihood with the variance concentrated out; k counts smoothing parameters, initial states and the variance), to 3 decimals; null for SEASONAL_MEAN. Comparable only between models of the same series.",
  })
  aic!: number | null;

  @Field(() => Float, {
    nullable: true,
    description:
      'AIC corrected for small samples, AIC + 2k(k + 1)/(n − k − 1): the criterion the model was chosen by, to 3 decimals; null for SEASONAL_MEAN.',
  })
  aicc!: number | null;

  @Field(() => Int, {
    description:
      "ETS models fitted and compared by AICc: every admissible one (up to 6) unless the request's fit budget (Forecast.fitBudget) is short, then fewer (seasonal first, damped before linear trend); 0 for SEASONAL_MEAN.",
  })
  modelsFitted!: number;

  @Field(() => Int, { description: 'Likelihood evaluations the model search made over the history used (0 for SEASONAL_MEAN).' })
  evaluations!: number;

  @Field(() => Float, {
    nullable: true,
    description:
      'Mean absolute percentage error of one-step forecasts over the backtest origins, in % to 2 decimals (periods with an actual of 0 left out); null when every actual is 0.',
  })
  mape!: number | null;

  @Field(() => Float, {
    nullable: true,
    description:
      'Mean absolute scaled error of one-step forecasts over the backtest origins, to 3 decimals (< 1: better than the seasonal naive in-sample); null when the history has no seasonal change.',
  })
  mase!: number | null;

  @Field(() => Int, {
    description:
      'Origins of the one-step forecasts behind mape and mase (the last ≤ 200 periods). ETS: its one-step errors with parameters fitted on the whole history used; SEASONAL_MEAN: a rolling-origin backtest, which also gives its intervals.',
  })
  backtestOrigins!: number;
}

@ObjectType('ForecastSeries', {
  simpleResolvers: true,
  description:
    'Forecast of one series: a source, split by platform, track or artist as asked (sources are never added together). ' +
    'Partial last weeks/months are left out of the history. Series with too little history for any method are left out; when none has enough, ' +
    'the query fails with BAD_USER_INPUT saying how many periods are needed.',
})
export class ForecastSeriesType implements ForecastSeriesRecord {
  platformId!: number | null;
  trackId!: number | null;
  artistId!: number | null;

  @Field({ description: 'The data source of the series (distrokid, toolost…).' })
  source!: string;

  @Field(() => ForecastMethodType, { description: 'How the series was forecast, with its fit.' })
  method!: ForecastMethodType;

  @Field({ description: 'First period of the history used (same labels as ForecastPoint.period).' })
  historyFrom!: string;

  @Field(() => Int, {
    description:
      'Periods of history used: from historyFrom to lastActualPeriod, at most Forecast.historyLimit, fewer for DAY when many series share the fit budget.',
  })
  historyPeriods!: number;

  @Field(() => Int, { description: 'Periods without data inside the history used, carried forward from the previous period.' })
  filledPeriods!: number;

  @Field({ description: 'Last period of actual data used.' })
  lastActualPeriod!: string;

  @Field(() => [ForecastPointType], { description: 'The forecast periods, in order, starting after lastActualPeriod: `horizon` of them.' })
  points!: ForecastPointType[];
}

@ObjectType('Forecast', {
  simpleResolvers: true,
  description: 'A forecast answer: the question as understood, the limits that applied, and one forecast per series.',
})
export class ForecastType implements ForecastRecord {
  @Field(() => ForecastMetricEnum, { description: 'What was forecast.' })
  metric!: ForecastMetric;

  @Field(() => ForecastGrainEnum, { description: 'Period of the forecast.' })
  grain!: ForecastGrain;

  @Field(() => Int, { description: 'Periods ahead forecast.' })
  horizon!: number;

  @Field(() => Int, {
    description: 'Level of the intervals in percent (80 or 95): lower and upper bound the central interval of that probability.',
  })
  levelPercent!: number;

  @Field(() => Int, {
    description: 'Most recent periods of history a series may use at this grain: 730 days, 260 weeks or 120 months.',
  })
  historyLimit!: number;

  @Field(() => Int, {
    description:
      'Fit budget of the request in point-evaluations (likelihood evaluations × periods of history): each series gets an even share; for DAY with many series its history is cut to the most recent periods that leave 150 evaluations per model.',
  })
  fitBudget!: number;

  @Field(() => Int, {
    description: 'Series the metric has for this split, before series without enough history are left out and before the cap.',
  })
  seriesFound!: number;

  // Series × points are priced by Query.forecast, which knows the horizon and the split: one unit here.
  @Field(() => [ForecastSeriesType], {
    complexity: fanOutCost(1),
    description: `The forecast series, by source, then platform, track and artist id; at most ${MAX_FORECAST_SERIES}.`,
  })
  series!: ForecastSeriesType[];
}
