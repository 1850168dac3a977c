/**
 * Robust expected level of a value from its own history: the median of comparable past values
 * and their median absolute deviation (MAD), so one spike in the history cannot move the baseline.
 */

/** A deviation is anomalous from this robust z on (Iglewicz & Hoaglin's 3.5). */
export const ROBUST_Z_THRESHOLD = 3.5;
/** 1.4826 × MAD estimates the standard deviation of normally distributed values. */
const MAD_TO_SIGMA = 1.4826;
/** Floor of the scale as a share of the median: a perfectly flat history still tolerates 5 %. */
const RELATIVE_SCALE_FLOOR = 0.05;

export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

export interface Baseline {
  expected: number;
  /** Robust scale (≈ standard deviation), never below 5 % of the median nor below 1. */
  scale: number;
}

export function robustBaseline(history: readonly number[]): Baseline {
  const expected = median(history);
  const mad = median(history.map((v) => Math.abs(v - expected)));
  return { expected, scale: Math.max(MAD_TO_SIGMA * mad, RELATIVE_SCALE_FLOOR * Math.abs(expected), 1) };
}

export const ANOMALY_KINDS = ['SPIKE', 'DROP', 'ZERO', 'RESTATED'] as const;
export type AnomalyKind = (typeof ANOMALY_KINDS)[number];

export interface Judgement {
  kind: Exclude<AnomalyKind, 'RESTATED'>;
  expected: number;
  z: number;
}

/**
 * Judges one value against its history: anomalous when |robust z| ≥ 3.5 and the value departs
 * from the median by at least `minChange`; a drop to exactly zero is ZERO. Null when normal or
 * when fewer than `minHistory` comparable values exist.
 */
export function judge(value: number, history: readonly number[], minChange: number, minHistory: number): Judgement | null {
  if (history.length < minHistory) return null;
  const { expected, scale } = robustBaseline(history);
  const z = (value - expected) / scale;
  if (Math.abs(z) < ROBUST_Z_THRESHOLD || Math.abs(value - expected) < minChange) return null;
  return { kind: value === 0 ? 'ZERO' : z > 0 ? 'SPIKE' : 'DROP', expected, z };
}
