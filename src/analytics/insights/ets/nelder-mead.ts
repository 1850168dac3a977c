/**
 * Nelder–Mead simplex minimisation (Nelder & Mead 1965, with the standard coefficients), for the
 * handful of unconstrained smoothing parameters of an ETS model.
 */
export interface MinimumFound {
  x: number[];
  value: number;
  evaluations: number;
}

export interface NelderMeadOptions {
  /** Initial simplex step along each axis. */
  step?: number;
  maxEvaluations?: number;
  /** Stop when the simplex's values differ by less than this (absolute). */
  tolerance?: number;
}

export function nelderMead(f: (x: number[]) => number, start: readonly number[], options: NelderMeadOptions = {}): MinimumFound {
  const { step = 0.5, maxEvaluations = 2000, tolerance = 1e-10 } = options;
  const d = start.length;
  let evaluations = 0;
  const value = (x: number[]) => {
    evaluations++;
    const v = f(x);
    return Number.isFinite(v) ? v : Infinity;
  };
  const simplex = [start.slice()];
  for (let i = 0; i < d; i++) {
    const p = start.slice();
    p[i] += step;
    simplex.push(p);
  }
  let values = simplex.map(value);
  const towards = (from: number[], to: number[], t: number) => from.map((v, i) => v + t * (to[i] - v));
  while (evaluations < maxEvaluations) {
    const order = values.map((_, i) => i).sort((a, b) => values[a] - values[b]);
    const pts = order.map((i) => simplex[i]);
    values = order.map((i) => values[i]);
    simplex.splice(0, simplex.length, ...pts);
    if (Math.abs(values[d] - values[0]) <= tolerance) break;
    const centroid = new Array<number>(d).fill(0);
    for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) centroid[j] += simplex[i][j] / d;
    const worst = simplex[d];
    const reflected = towards(centroid, worst, -1);
    const fr = value(reflected);
    if (fr < values[0]) {
      const expanded = towards(centroid, worst, -2);
      const fe = value(expanded);
      [simplex[d], values[d]] = fe < fr ? [expanded, fe] : [reflected, fr];
    } else if (fr < values[d - 1]) {
      [simplex[d], values[d]] = [reflected, fr];
    } else {
      const outside = fr < values[d];
      const contracted = towards(centroid, outside ? reflected : worst, 0.5);
      const fc = value(contracted);
      if (fc < (outside ? fr : values[d])) {
        [simplex[d], values[d]] = [contracted, fc];
      } else {
        for (let i = 1; i <= d; i++) {
          simplex[i] = towards(simplex[0], simplex[i], 0.5);
          values[i] = value(simplex[i]);
        }
      }
    }
  }
  let best = 0;
  for (let i = 1; i <= d; i++) if (values[i] < values[best]) best = i;
  return { x: simplex[best], value: values[best], evaluations };
}
