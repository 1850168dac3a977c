/**
 * Solves G x = r for a symmetric positive semi-definite G (lower triangle filled, row-major k × k):
 * Jacobi-scaled Cholesky; a pivot that vanishes (a direction the data does not determine) gets
 * coefficient 0 rather than an unstable value.
 */
export function solveSymmetric(gram: Float64Array, rhs: Float64Array, k: number): number[] {
  const scale = new Float64Array(k);
  for (let i = 0; i < k; i++) scale[i] = gram[i * k + i] > 0 ? 1 / Math.sqrt(gram[i * k + i]) : 0;
  // L Lᵀ = D G D with D = diag(scale); entries of D G D have unit diagonal.
  const l = new Float64Array(k * k);
  const usable: boolean[] = [];
  for (let i = 0; i < k; i++) {
    for (let j = 0; j <= i; j++) {
      let s = gram[i * k + j] * scale[i] * scale[j];
      for (let p = 0; p < j; p++) s -= l[i * k + p] * l[j * k + p];
      if (i === j) {
        usable[i] = s > 1e-12;
        l[i * k + i] = usable[i] ? Math.sqrt(s) : 0;
      } else {
        l[i * k + j] = usable[j] ? s / l[j * k + j] : 0;
      }
    }
  }
  const z = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    let s = rhs[i] * scale[i];
    for (let p = 0; p < i; p++) s -= l[i * k + p] * z[p];
    z[i] = usable[i] ? s / l[i * k + i] : 0;
  }
  const x = new Array<number>(k).fill(0);
  for (let i = k - 1; i >= 0; i--) {
    let s = z[i];
    for (let p = i + 1; p < k; p++) s -= l[p * k + i] * x[p];
    x[i] = usable[i] ? s / l[i * k + i] : 0;
  }
  return x.map((v, i) => v * scale[i]);
}
