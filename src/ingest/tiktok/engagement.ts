/**
 * Engagement rate = (likes + comments + shares) / video views, 0 when there were no views.
 * Derived for the staging file only (the warehouse keeps the counts). Computed in integers and
 * rounded half up to 6 decimals, so the same counts always give the same text on every machine.
 */
const SCALE = 1_000_000n;

export function engagementRate(likes: number, comments: number, shares: number, videoViews: number): string {
  if (videoViews <= 0) return '0.000000';
  const engaged = BigInt(likes) + BigInt(comments) + BigInt(shares);
  const views = BigInt(videoViews);
  const scaled = (engaged * SCALE * 2n + views) / (2n * views);
  const whole = scaled / SCALE;
  return `${whole}.${(scaled % SCALE).toString().padStart(6, '0')}`;
}
