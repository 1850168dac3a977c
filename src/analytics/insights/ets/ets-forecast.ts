import type { FittedEts } from './ets-fit';
import { isSeasonal } from './ets-spec';
import { normalQuantile } from './normal-quantile';

export interface EtsForecastPoint {
  value: number;
  /** Forecast variance of the step. */
  variance: number;
  lower: number;
  upper: number;
}

/**
 * Point forecasts and analytic prediction intervals of an additive-error model (Hyndman et al.
 * 2008, ch. 6, class 1): the h-step variance is σ²(1 + Σ_{j<h} c_j²) with
 * c_j = α + β(φ + … + φ^j) + γ·[j is a multiple of m]; intervals are point ± z·√variance.
 * σ² is SSE / (n − k) by default, as R's ets() (Hyndman's forecast package) estimates it: on short
 * histories with many parameters the maximum-likelihood SSE / n (statsmodels' choice, `'mle'`) gives
 * intervals that cover too little.
 */
export function forecastEts(fit: FittedEts, horizon: number, level: number, variance: 'unbiased' | 'mle' = 'unbiased'): EtsForecastPoint[] {
  const sigma2 = variance === 'mle' ? fit.sigma2 : fit.sigma2Unbiased;
  const { alpha, beta, gamma, phi } = fit.params;
  const { level: l, trend: b, seasonal } = fit.final;
  const m = isSeasonal(fit.spec) ? fit.spec.season : 0;
  const z = normalQuantile(0.5 + level / 2);
  const points: EtsForecastPoint[] = [];
  let phiSum = 0; // φ + φ² + … + φ^h
  let phiPower = 1;
  let sumC2 = 0; // Σ_{j=1}^{h−1} c_j²
  for (let h = 1; h <= horizon; h++) {
    phiPower *= phi;
    const previousPhiSum = phiSum;
    phiSum += phiPower;
    if (h > 1) {
      const j = h - 1;
      const c = alpha + beta * previousPhiSum + (m && j % m === 0 ? gamma : 0);
      sumC2 += c * c;
    }
    const value = l + phiSum * b + (m ? seasonal[(h - 1) % m] : 0);
    const stepVariance = sigma2 * (1 + sumC2);
    const half = z * Math.sqrt(stepVariance);
    points.push({ value, variance: stepVariance, lower: value - half, upper: value + half });
  }
  return points;
}
