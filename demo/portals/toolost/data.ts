/**
 * What the simulated TooLost portal serves: this year's Spotify and Apple analytics up to "today"
 * and one sales report per month for the last three months, all from the sample generators, so
 * the cleaners accept them and the tests can compare the warehouse with this truth exactly.
 */
import {
  type AppleSample,
  appleAnalyticsSample,
  type SalesHeaderVariant,
  type SalesSample,
  salesReportSample,
  type SpotifySample,
  spotifyAnalyticsSample,
} from '../../sample-exports/toolost';

export interface ToolostSimReport {
  id: number;
  /** `MM-YYYY`, as the notification says. */
  month: string;
  sample: SalesSample;
}

export interface ToolostSimData {
  today: string;
  spotify: SpotifySample;
  apple: AppleSample;
  reports: ToolostSimReport[];
}

const APPLE_TRACKS = [
  { isrc: 'QZTAW2496365', title: 'Night Drive, Pt. 2', release: 'Night Drive - Single' },
  { isrc: 'QZTAW2496366', title: 'He Said "Go"', release: 'Static Bloom EP' },
  { isrc: 'QZTAW2496367', title: 'Static Bloom', release: 'Static Bloom EP' },
];

/** The `count` months before `today`'s month, oldest first, as `MM-YYYY`. */
function previousMonths(today: string, count: number): string[] {
  const y = Number(today.slice(0, 4));
  const m = Number(today.slice(5, 7));
  return Array.from({ length: count }, (_, k) => {
    const d = new Date(Date.UTC(y, m - 1 - (count - k), 1));
    return `${String(d.getUTCMonth() + 1).padStart(2, '0')}-${d.getUTCFullYear()}`;
  });
}

export function toolostSimData(today: string, seed = 41): ToolostSimData {
  // Two days of the year are blank / NaN in the API, as the live portal sometimes answers.
  const jan = `${today.slice(0, 4)}-01`;
  const gapDates = today >= `${jan}-05` ? [`${jan}-03`, `${jan}-04`] : [];
  const spotify = spotifyAnalyticsSample({ seed, endDate: today, gapDates });
  const apple = appleAnalyticsSample({ seed: seed + 1, endDate: today, tracks: APPLE_TRACKS, totalLag: 12 });
  const variants: SalesHeaderVariant[] = ['earnings', 'gross_net', 'earnings'];
  const reports = previousMonths(today, 3).map((month, k) => ({
    id: 3100 + k,
    month,
    sample: salesReportSample({ seed: seed + 10 + k, month, rows: 60 + 20 * k, variant: variants[k] }),
  }));
  return { today, spotify, apple, reports };
}
