/**
 * Standard normal distribution function and its inverse, to double precision in the range
 * forecast intervals use. Φ comes from Marsaglia's series (J. Stat. Software 11(4), 2004), whose
 * terms are all positive (no cancellation); the quantile refines a rough start by Newton steps.
 */

const density = (x: number) => Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);

export function normalCdf(x: number): number {
  if (x < -8) return 0;
  if (x > 8) return 1;
  let term = x;
  let sum = x;
  const x2 = x * x;
  for (let i = 3; sum + term !== sum; i += 2) {
    term *= x2 / i;
    sum += term;
  }
  return 0.5 + sum * density(x);
}

/** x with Φ(x) = p, for 0 < p < 1. */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`normalQuantile needs 0 < p < 1, got ${p}`);
  if (p < 0.5) return -normalQuantile(1 - p);
  // Start: a logistic-type approximation, good to a few percent; Newton then converges quadratically.
  let x = Math.sqrt(-2 * Math.log(1 - p)) - 0.8;
  if (p < 0.8) x = (p - 0.5) * Math.sqrt(2 * Math.PI);
  for (let i = 0; i < 50; i++) {
    const dx = (normalCdf(x) - p) / density(x);
    x -= dx;
    if (Math.abs(dx) < 1e-15 * Math.max(1, Math.abs(x))) break;
  }
  return x;
}
