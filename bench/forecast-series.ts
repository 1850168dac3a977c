/**
 * Series families for the forecast benchmark: seeded, shaped like the warehouse's own series
 * (daily streams with a weekly rhythm, a release that fades, a quiet track with many zero days,
 * DistroKid's sample streams page, weekly sums with growth, monthly revenue with a yearly pattern).
 */
import { streamsCaptures } from '../demo/sample-exports/distrokid-streams-page';
import { seededRandom } from '../demo/seeded-random';

export interface SeriesFamily {
  name: string;
  /** Season length the service uses for this grain. */
  season: number;
  horizon: number;
  /** One series per seed. */
  make: (seed: number) => number[];
}

function gaussian(rng: () => number): () => number {
  return () => Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
}

function poisson(rng: () => number, rate: number): number {
  const limit = Math.exp(-rate);
  let k = 0;
  for (let p = rng(); p > limit; p *= rng()) k++;
  return k;
}

const WEEKLY = [1.25, 0.85, 0.9, 0.9, 0.95, 1.05, 1.1];

export const FAMILIES: SeriesFamily[] = [
  {
    name: 'daily: weekly rhythm, drifting level',
    season: 7,
    horizon: 14,
    make: (seed) => {
      const rng = seededRandom(seed);
      const z = gaussian(rng);
      let level = 1000 + 500 * rng();
      return Array.from({ length: 365 }, (_, t) => {
        level += 6 * z();
        return Math.max(0, Math.round(level * WEEKLY[t % 7] + 50 * z()));
      });
    },
  },
  {
    name: 'daily: release that fades',
    season: 7,
    horizon: 14,
    make: (seed) => {
      const rng = seededRandom(seed);
      const z = gaussian(rng);
      const peak = 3000 + 3000 * rng();
      const floor = 200 + 300 * rng();
      return Array.from({ length: 180 }, (_, t) =>
        Math.max(0, Math.round((floor + peak * Math.exp(-t / 30)) * WEEKLY[t % 7] * (1 + 0.08 * z()))),
      );
    },
  },
  {
    name: 'daily: quiet track, many zeros',
    season: 7,
    horizon: 14,
    make: (seed) => {
      const rng = seededRandom(seed);
      const rate = 0.5 + 2 * rng();
      return Array.from({ length: 180 }, (_, t) => poisson(rng, rate * WEEKLY[t % 7]));
    },
  },
  {
    name: 'daily: DistroKid sample page',
    season: 7,
    horizon: 14,
    // The product's own sample generator; the last day of a capture is partial, as the service drops it.
    make: (seed) =>
      streamsCaptures({ seed, endDates: ['2025-06-30'], days: 301 })[0]
        .series.slice(0, -1)
        .map((d) => d.streams),
  },
  {
    name: 'weekly: growth with noise',
    season: 1,
    horizon: 8,
    make: (seed) => {
      const rng = seededRandom(seed);
      const z = gaussian(rng);
      const slope = 20 + 60 * rng();
      let level = 5000;
      return Array.from({ length: 104 }, () => {
        level += slope + 80 * z();
        return Math.round(level + 150 * z());
      });
    },
  },
  {
    name: 'monthly: revenue, trend and year',
    season: 12,
    horizon: 12,
    make: (seed) => {
      const rng = seededRandom(seed);
      const z = gaussian(rng);
      const slope = 5 * rng();
      const amplitude = 40 + 60 * rng();
      return Array.from({ length: 84 }, (_, t) => 400 + slope * t + amplitude * Math.sin((2 * Math.PI * t) / 12) + 20 * z());
    },
  },
];
