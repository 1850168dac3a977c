/**
 * The forecast intervals are honest: on synthetic series with a known weekly rhythm and Gaussian
 * noise, the 80 % (and 95 %) intervals of the next 14 days hold the realised values about 80 %
 * (95 %) of the time. The point forecast is checked against a direct mean of the same weekdays.
 */
import { fitForecast } from '../../../src/analytics/insights/forecast-model';
import { seededRandom } from '../../../demo/seeded-random';

function gaussian(rng: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
}

function synthetic(seed: number, length: number, sigma: number): number[] {
  const rng = seededRandom(seed);
  const rhythm = [1500, 1000, 1100, 1050, 1000, 1200, 1400];
  return Array.from({ length }, (_, t) => rhythm[t % 7] + sigma * gaussian(rng));
}

describe('seasonal-mean forecast', () => {
  it.each([
    [0.8, 0.75, 0.85],
    [0.95, 0.92, 0.98],
  ])('the %s interval covers the realised values within tolerance', (level, min, max) => {
    let inside = 0;
    let total = 0;
    for (let s = 0; s < 300; s++) {
      const y = synthetic(1000 + s, 300 + 14, 60);
      const fit = fitForecast(y.slice(0, 300), 7, 14, level)!;
      fit.points.forEach((p, h) => {
        total++;
        if (y[300 + h] >= p.lower && y[300 + h] <= p.upper) inside++;
      });
    }
    expect(inside / total).toBeGreaterThanOrEqual(min);
    expect(inside / total).toBeLessThanOrEqual(max);
  });

  it('points are the mean of the same weekday over the last four weeks; fit figures are reported', () => {
    const y = synthetic(7, 120, 30);
    const fit = fitForecast(y, 7, 10, 0.8)!;
    for (let h = 0; h < 10; h++) {
      const t = 120 + h;
      const same = [1, 2, 3, 4].map((j) => y[t - 7 * (Math.ceil((h + 1) / 7) + j - 1)]);
      expect(fit.points[h].value).toBeCloseTo(same.reduce((a, b) => a + b, 0) / 4, 9);
      expect(fit.points[h].lower).toBeLessThan(fit.points[h].value);
      expect(fit.points[h].upper).toBeGreaterThan(fit.points[h].value);
    }
    expect(fit.mape).toBeGreaterThan(0);
    expect(fit.mape).toBeLessThan(10);
    expect(fit.mase).toBeGreaterThan(0);
    expect(fit.mase).toBeLessThan(1.2);
  });

  it('too short a history gives no forecast', () => {
    expect(fitForecast([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14], 7, 3, 0.8)).toBeNull();
  });
});
