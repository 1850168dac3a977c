/** Grades of an overall data-quality score; the word and the symbol carry the grade, the colour only repeats it. */
export function qualityGrade(score: number): { grade: 'good' | 'fair' | 'poor'; symbol: string } {
  if (score >= 0.9) return { grade: 'good', symbol: '✓' };
  if (score >= 0.75) return { grade: 'fair', symbol: '!' };
  return { grade: 'poor', symbol: '✕' };
}

/** A score in [0, 1] as a percent with one decimal. */
export function formatScore(score: number): string {
  return `${(Math.round(score * 1000) / 10).toFixed(1)}%`;
}

/** The overall data-quality score of a service: "✓ 96.3% good", with the service named for screen readers. */
export function QualityBadge({ service, score }: { service: string; score: number }) {
  const { grade, symbol } = qualityGrade(score);
  return (
    <span
      className={`quality-badge q-${grade}`}
      data-quality-badge={service}
      data-score={score}
      title={`Data quality of ${service}: ${formatScore(score)} (${grade})`}
    >
      <span aria-hidden="true">{symbol}</span> <span className="visually-hidden">Data quality of {service}: </span>
      <span className="quality-score">{formatScore(score)}</span> {grade}
    </span>
  );
}
