import fs from 'node:fs';

/**
 * An independent reading of a DistroKid bank export for test expectations: plain string splitting
 * and BigInt arithmetic, sharing no code with the parser under test.
 */
export interface OracleRow {
  saleMonth: string;
  reportingDate: string;
  store: string;
  platform: string;
  country: string | null;
  artist: string;
  isrc: string | null;
  quantity: bigint;
  gross: bigint;
  net: bigint;
}

const STORE_PLATFORM: Record<string, string> = {
  Spotify: 'spotify',
  'YouTube (Ads)': 'youtube',
  'YouTube (Red)': 'youtube',
  'YouTube (Audio)': 'youtube',
  'Apple Music': 'apple_music',
  'iTunes Songs': 'itunes',
  'iTunes Match': 'itunes',
  TikTok: 'tiktok',
  Facebook: 'facebook',
  Tidal: 'tidal',
  Deezer: 'deezer',
  'Amazon Unlimited (Streaming)': 'amazon_music',
  'Amazon Prime (Streaming)': 'amazon_music',
  Pandora: 'pandora',
  NetEase: 'netease',
  Flo: 'flo',
};

export function nano(decimal: string): bigint {
  const neg = decimal.startsWith('-');
  const [whole, frac = ''] = decimal.replace(/^[-+]/, '').replace(/,/g, '').split('.');
  const v = BigInt(whole || '0') * 1_000_000_000n + BigInt(frac.padEnd(9, '0').slice(0, 9) || '0');
  return neg ? -v : v;
}

export function decimalString(n: bigint): string {
  const neg = n < 0n;
  const a = neg ? -n : n;
  const frac = (a % 1_000_000_000n).toString().padStart(9, '0').replace(/0+$/, '');
  return `${neg ? '-' : ''}${a / 1_000_000_000n}${frac ? `.${frac}` : ''}`;
}

export function readBankExport(file: string): OracleRow[] {
  const lines = fs
    .readFileSync(file, 'utf8')
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\r|\n/)
    .filter((l) => l.length);
  const header = lines[0].split('\t');
  const col = (name: string) => header.findIndex((h) => h.trim().startsWith(name));
  const idx = {
    rep: col('Reporting Date'),
    sale: col('Sale Month'),
    store: col('Store'),
    artist: col('Artist'),
    isrc: col('ISRC'),
    qty: col('Quantity'),
    team: col('Team Percentage'),
    country: col('Country of Sale'),
    withheld: col('Songwriter Royalties Withheld'),
    earn: col('Earnings (USD)'),
  };
  return lines.slice(1).map((line) => {
    const f = line.split('\t');
    const gross = nano(f[idx.earn]);
    const team = nano(f[idx.team] || '100');
    const withheld = nano(f[idx.withheld] || '0');
    const scaled = gross * team;
    const denominator = 100n * 1_000_000_000n;
    const half = scaled >= 0n ? denominator / 2n : -denominator / 2n;
    const net = (scaled + half) / denominator - withheld;
    const country = f[idx.country]?.trim().toUpperCase();
    return {
      saleMonth: f[idx.sale],
      reportingDate: f[idx.rep],
      store: f[idx.store],
      platform: STORE_PLATFORM[f[idx.store]] ?? f[idx.store].toLowerCase().replace(/[^a-z0-9]+/g, '_'),
      country: !country || country === 'OU' ? null : country,
      artist: f[idx.artist],
      isrc: f[idx.isrc].replace(/-/g, '').toUpperCase() || null,
      quantity: BigInt(f[idx.qty].replace(/,/g, '')),
      gross,
      net,
    };
  });
}

export function sumBy<K extends string>(rows: OracleRow[], key: (r: OracleRow) => K, value: (r: OracleRow) => bigint): Map<K, bigint> {
  const out = new Map<K, bigint>();
  for (const r of rows) out.set(key(r), (out.get(key(r)) ?? 0n) + value(r));
  return out;
}
