/**
 * Least squares min ‖A x − b‖ by Householder QR, for the few columns of an initial-state fit.
 * `columns[j]` is column j of A (each of length n). A column that is (numerically) a combination of
 * the ones before it gets coefficient 0 instead of an unstable value.
 */
export function leastSquares(columns: readonly Float64Array[], b: ArrayLike<number>): number[] {
  const k = columns.length;
  const n = b.length;
  const a = columns.map((c) => Float64Array.from(c));
  const r = Float64Array.from(b);
  const diag = new Float64Array(k);
  const scale = Math.max(1e-300, ...a.map((c) => Math.sqrt(c.reduce((s, v) => s + v * v, 0))));
  const kept: boolean[] = [];
  for (let j = 0; j < k; j++) {
    const col = a[j];
    let norm = 0;
    for (let i = j; i < n; i++) norm += col[i] * col[i];
    norm = Math.sqrt(norm);
    kept[j] = norm > 1e-10 * scale;
    if (!kept[j]) continue;
    const alpha = col[j] > 0 ? -norm : norm;
    // Householder vector v = col[j..] − alpha·e1, stored in place.
    col[j] -= alpha;
    let vv = 0;
    for (let i = j; i < n; i++) vv += col[i] * col[i];
    const reflect = (target: Float64Array) => {
      let dot = 0;
      for (let i = j; i < n; i++) dot += col[i] * target[i];
      const f = (2 * dot) / vv;
      for (let i = j; i < n; i++) target[i] -= f * col[i];
    };
    for (let c = j + 1; c < k; c++) reflect(a[c]);
    reflect(r);
    diag[j] = alpha;
  }
  // Back substitution on R x = Qᵀb (R's strict upper part sits in a[c][j] for c > j).
  const x = new Array<number>(k).fill(0);
  for (let j = k - 1; j >= 0; j--) {
    if (!kept[j]) continue;
    let s = r[j];
    for (let c = j + 1; c < k; c++) s -= a[c][j] * x[c];
    x[j] = s / diag[j];
  }
  return x;
}
