/**
 * Nelder–Mead simplex minimisation (Nelder & Mead 1965, with the standard coefficients) inside a
 * box, for the handful of smoothing parameters of an ETS model: a point outside the box is valued
 * at its projection onto the box (a transform such as the logistic would flatten the function near
 * the bounds, where smoothing parameters often end up, and stop the search early).
 */
export interface MinimumFound {
  x: number[];
  value: number;
  evaluations: number;
}

export interface NelderMeadOptions {
  /** Initial simplex step along each axis (towards the inside of the box). */
  step?: number;
  /** Stop only once every vertex is this close to the best one, along every axis. */
  xTolerance?: number;
  /** Hard cap on calls of f (at least 1): once reached, further points are valued Infinity without calling f. */
  maxEvaluations?: number;
  /** Stop when the simplex's values differ by less than this, relative to the best value… */
  tolerance?: number;
  /** …or by less than this in absolute terms (for a function whose minimum is about 0). */
  absoluteTolerance?: number;
}

export function nelderMead(
  f: (x: number[]) => number,
  start: readonly number[],
  box: ReadonlyArray<readonly [number, number]>,
  options: NelderMeadOptions = {},
): MinimumFound {
  const { step = 0.1, maxEvaluations = 1000, tolerance = 1e-8, absoluteTolerance = 0, xTolerance = 1e-3 } = options;
  const d = start.length;
  const project = (x: readonly number[]) => x.map((v, i) => Math.min(box[i][1], Math.max(box[i][0], v)));
  let evaluations = 0;
  const value = (x: number[]) => {
    // The first vertex is always valued, so a found minimum is a real value of f.
    if (evaluations >= Math.max(1, maxEvaluations)) return Infinity;
    evaluations++;
    const v = f(project(x));
    return Number.isFinite(v) ? v : Infinity;
  };
  const first = project(start);
  const simplex = [first];
  for (let i = 0; i < d; i++) {
    const p = first.slice();
    const [lo, hi] = box[i];
    p[i] += p[i] + step <= hi ? step : -Math.min(step, p[i] - lo);
    simplex.push(p);
  }
  let values = simplex.map(value);
  const towards = (from: number[], to: number[], t: number) => from.map((v, i) => v + t * (to[i] - v));
  while (evaluations < maxEvaluations) {
    const order = values.map((_, i) => i).sort((a, b) => values[a] - values[b]);
    const pts = order.map((i) => simplex[i]);
    values = order.map((i) => values[i]);
    simplex.splice(0, simplex.length, ...pts);
    const flat = Math.abs(values[d] - values[0]) <= Math.max(tolerance * Math.abs(values[0]), absoluteTolerance);
    if (flat && simplex.every((p) => p.every((v, i) => Math.abs(v - simplex[0][i]) <= xTolerance))) break;
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
  return { x: project(simplex[best]), value: values[best], evaluations };
}
