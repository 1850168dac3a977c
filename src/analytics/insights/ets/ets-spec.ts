/**
 * The additive-error ETS models we fit (Hyndman, Koehler, Ord & Snyder 2008, "Forecasting with
 * Exponential Smoothing", class 1): error A; trend none (N), additive (A) or damped (Ad);
 * seasonality none (N) or additive (A) with period m.
 */

export type EtsTrend = 'N' | 'A' | 'Ad';

export interface EtsSpec {
  trend: EtsTrend;
  /** Season length; 1 means no seasonal component. */
  season: number;
}

/** Smoothing parameters in the model's own (error-correction) form. */
export interface EtsParams {
  alpha: number;
  /** 0 without trend. */
  beta: number;
  /** 0 without seasonality. */
  gamma: number;
  /** 1 unless the trend is damped. */
  phi: number;
}

/** The states before a period: level, trend, and the seasonal effects of the next m periods in time order. */
export interface EtsState {
  level: number;
  trend: number;
  /** seasonal[0] applies to the next period; empty without seasonality. */
  seasonal: number[];
}

export const hasTrend = (spec: EtsSpec) => spec.trend !== 'N';
export const isDamped = (spec: EtsSpec) => spec.trend === 'Ad';
export const isSeasonal = (spec: EtsSpec) => spec.season > 1;

/** The usual name, e.g. ETS(A,Ad,A). */
export const etsName = (spec: EtsSpec) => `ETS(A,${spec.trend},${isSeasonal(spec) ? 'A' : 'N'})`;

/**
 * Parameters counted by the information criteria: smoothing parameters, the estimated initial
 * states (level, trend, m − 1 free seasonal effects: one is fixed since a constant can move between
 * level and seasonals), and the error variance — as in Hyndman et al. (2008, §7.1) and R's ets().
 */
export function parameterCount(spec: EtsSpec): number {
  const smoothing = 1 + (hasTrend(spec) ? 1 : 0) + (isSeasonal(spec) ? 1 : 0) + (isDamped(spec) ? 1 : 0);
  const states = 1 + (hasTrend(spec) ? 1 : 0) + (isSeasonal(spec) ? spec.season - 1 : 0);
  return smoothing + states + 1;
}

/** Every model of the class for a season length (the non-seasonal three when season is 1). */
export function candidateSpecs(season: number): EtsSpec[] {
  const trends: EtsTrend[] = ['N', 'A', 'Ad'];
  const seasons = season > 1 ? [1, season] : [1];
  return seasons.flatMap((m) => trends.map((trend) => ({ trend, season: m })));
}
