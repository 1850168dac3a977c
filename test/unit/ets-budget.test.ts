/**
 * The cap on the ETS model search: deterministic counts, no timing (the time of the worst request is
 * in `npm run bench -- --forecast`, bench/forecast-worst.ts). The optimiser's cap is checked by counting
 * calls of the objective itself, not by trusting its report.
 */
import { fitEts } from '../../src/analytics/insights/ets/ets-fit';
import { MIN_MODEL_EVALUATIONS, selectEts, selectEtsWithin } from '../../src/analytics/insights/ets/ets-select';
import { planSeriesFit, REQUEST_FIT_BUDGET } from '../../src/analytics/insights/ets/fit-budget';
import { forecastSeries } from '../../src/analytics/insights/ets/forecast-series';
import { nelderMead } from '../../src/analytics/insights/ets/nelder-mead';
import { HISTORY_PERIODS, MAX_FORECAST_SERIES } from '../../src/analytics/insights/forecast.service';
import { seededRandom } from '../../demo/seeded-random';

const WEEKLY = [1.25, 0.85, 0.9, 0.9, 0.95, 1.05, 1.1];
function daily(seed: number, n: number): number[] {
  const rng = seededRandom(seed);
  let level = 1000;
  return Array.from({ length: n }, (_, t) => {
    level += 20 * (rng() - 0.5);
    return Math.round(level * WEEKLY[t % 7] + 80 * (rng() - 0.5));
  });
}

describe('Nelder–Mead evaluation cap', () => {
  it('never calls the function more than maxEvaluations times, even on a function that never settles', () => {
    const rng = seededRandom(7);
    for (const cap of [1, 2, 5, 17, 60]) {
      let calls = 0;
      const found = nelderMead(
        (x) => {
          calls++;
          return x.reduce((a, v) => a + v * v, 0) + rng();
        },
        [0.5, 0.5, 0.5],
        [
          [0, 1],
          [0, 1],
          [0, 1],
        ],
        { maxEvaluations: cap, tolerance: 0, xTolerance: 0 },
      );
      expect(calls).toBe(cap);
      expect(found.evaluations).toBe(calls);
      expect(Number.isFinite(found.value)).toBe(true);
    }
  });
});

describe('ETS fit budget', () => {
  const y = daily(3, HISTORY_PERIODS.DAY);

  it('a fit spends at most its evaluations, split between its starting points', () => {
    for (const budget of [40, 150, 333]) {
      const fit = fitEts(y, { trend: 'Ad', season: 7 }, budget);
      expect(fit.evaluations).toBeLessThanOrEqual(budget);
      expect(fit.evaluations).toBeGreaterThan(budget / 2);
    }
  });

  it('the model search fits as many models as the budget pays for, seasonal and damped first, and stays within it', () => {
    for (const [budget, models] of [
      [150, 1],
      [299, 1],
      [300, 2],
      [600, 4],
      [10_000, 6],
    ] as const) {
      const s = selectEtsWithin(y, 7, budget);
      expect({ budget, fitted: s.fitted }).toEqual({ budget, fitted: models });
      expect(s.evaluations).toBeLessThanOrEqual(budget);
    }
    expect(selectEtsWithin(y, 7, 150).best!.name).toBe('ETS(A,N,A)');
    // Below one model's minimum, one model still gets its minimum.
    expect(selectEtsWithin(y, 7, 10).evaluations).toBeLessThanOrEqual(MIN_MODEL_EVALUATIONS);
  });

  it('a generous budget changes nothing: the same model and criterion as the unbudgeted search', () => {
    const plan = planSeriesFit(1, y.length);
    const budgeted = selectEtsWithin(y, 7, plan.evaluations);
    const free = selectEts(y, 7)!;
    expect(budgeted.fitted).toBe(6);
    expect(budgeted.best!.name).toBe(free.name);
    expect(budgeted.best!.aicc).toBeCloseTo(free.aicc, 9);
  });

  it('every accepted request shape (1 to 500 series, any history up to 730 days) fits within the request budget', () => {
    for (let series = 1; series <= MAX_FORECAST_SERIES; series++) {
      for (const available of [10, 52, 120, 260, 365, HISTORY_PERIODS.DAY]) {
        const plan = planSeriesFit(series, available);
        expect(plan.periods).toBeLessThanOrEqual(available);
        expect(plan.periods).toBeGreaterThanOrEqual(Math.min(available, 10));
        // selectEtsWithin keeps to its evaluations once they reach one model's minimum…
        expect(plan.evaluations).toBeGreaterThanOrEqual(MIN_MODEL_EVALUATIONS);
        // …so the request's fits spend at most the budget.
        expect(series * plan.periods * plan.evaluations).toBeLessThanOrEqual(REQUEST_FIT_BUDGET);
      }
    }
  });

  it('the worst accepted request (500 series, 730 days, DAY): each series fits on the recent days within its share', () => {
    const plan = planSeriesFit(MAX_FORECAST_SERIES, HISTORY_PERIODS.DAY);
    expect(plan.periods).toBe(Math.floor(REQUEST_FIT_BUDGET / MAX_FORECAST_SERIES / MIN_MODEL_EVALUATIONS));
    for (const seed of [1, 2, 3]) {
      const recent = daily(seed, HISTORY_PERIODS.DAY).slice(-plan.periods);
      const fit = forecastSeries(recent, 7, 90, 0.8, plan.evaluations)!;
      expect(fit.evaluations * plan.periods).toBeLessThanOrEqual(REQUEST_FIT_BUDGET / MAX_FORECAST_SERIES);
      expect(fit.modelsFitted).toBe(1);
      expect(fit.points).toHaveLength(90);
    }
  });
});
