/**
 * Manual Ads Manager exports (CSV): quoted cells, a BOM, CRLF, thousands separators and empty
 * cells. The columns are whatever the user picked in Ads Manager, so they are found by name:
 * the few the loader needs must be there (else SCHEMA_DRIFT naming them), the rest are kept in
 * raw and ignored. The currency is read from the spend column's name, `Amount spent (USD)`.
 */
import { isCalendarDate } from '../../domain/calendar';
import { readCsvText } from '../common/csv-reader';
import { LakeValidationError, excerpt } from '../lake/validation-error';
import { type CountKey, type Measures, parseCount, parseMoney } from './measures';

export interface AdsManagerRow {
  line: number;
  reportingStarts: string;
  reportingEnds: string;
  campaignName: string;
  adSetName: string | null;
  adName: string | null;
  measures: Measures;
  cells: Record<string, string>;
}

export interface AdsManagerReport {
  currency: string | null;
  header: string[];
  rows: AdsManagerRow[];
}

type Key = 'starts' | 'ends' | 'campaign' | 'adSet' | 'ad' | 'spend' | 'impressions' | 'reach' | 'clicks' | CountKey;

interface Spec {
  key: Key;
  names: readonly string[];
  required: boolean;
}

const SPECS: readonly Spec[] = [
  { key: 'starts', names: ['Reporting starts'], required: true },
  { key: 'ends', names: ['Reporting ends'], required: true },
  { key: 'campaign', names: ['Campaign name'], required: true },
  { key: 'spend', names: ['Amount spent'], required: true },
  { key: 'impressions', names: ['Impressions'], required: true },
  { key: 'adSet', names: ['Ad Set Name', 'Ad set name'], required: false },
  { key: 'ad', names: ['Ad name', 'Ad Name'], required: false },
  { key: 'reach', names: ['Reach'], required: false },
  { key: 'clicks', names: ['Clicks', 'Clicks (all)'], required: false },
  { key: 'linkClicks', names: ['Link clicks'], required: false },
  { key: 'postEngagement', names: ['Post engagement', 'Post engagements'], required: false },
  { key: 'viewContent', names: ['Website content views', 'Content views'], required: false },
  { key: 'addToCart', names: ['Website adds to cart', 'Adds to cart'], required: false },
  { key: 'initiateCheckout', names: ['Website checkouts initiated', 'Checkouts initiated'], required: false },
  { key: 'purchase', names: ['Website purchases', 'Purchases'], required: false },
];

const fold = (name: string): string =>
  name
    .replace(/^\uFEFF/, '')
    .trim()
    .replace(/\s+/g, ' ')
    .toLowerCase();
const SPEC_BY_NAME = new Map(SPECS.flatMap((s) => s.names.map((n) => [fold(n), s] as const)));
// `Amount spent (USD)`: the currency code in brackets is part of the name.
const SPEND_RE = /^amount spent(?: \(([a-z]{3})\))?$/;

/** The export's records with the 1-based line each starts on (the cells under the name the parser uses). */
export function parseCsvRecords(text: string, file: string): Array<{ line: number; cells: string[] }> {
  return readCsvText(text, { file }).map((r) => ({ line: r.line, cells: r.fields }));
}

export function parseAdsManagerCsv(text: string, file: string): AdsManagerReport {
  const records = parseCsvRecords(text, file);
  if (records.length === 0)
    throw new LakeValidationError({ code: 'EMPTY_FILE', message: 'file is empty', file, expected: 'a header line', found: 'no content' });
  const [head, ...body] = records;
  const header = head.cells.map((c) => c.replace(/^\uFEFF/, '').trim());
  const idx = new Map<Key, number>();
  let currency: string | null = null;
  header.forEach((name, i) => {
    const f = fold(name);
    const spend = SPEND_RE.exec(f);
    const spec = spend ? SPECS.find((s) => s.key === 'spend')! : SPEC_BY_NAME.get(f);
    if (!spec || idx.has(spec.key)) return;
    idx.set(spec.key, i);
    if (spend?.[1]) currency = spend[1].toUpperCase();
  });
  const missing = SPECS.filter((s) => s.required && !idx.has(s.key)).map((s) =>
    s.key === 'spend' ? 'Amount spent (<currency>)' : s.names[0],
  );
  if (missing.length > 0) {
    throw new LakeValidationError({
      code: 'SCHEMA_DRIFT',
      message: `Ads Manager export lacks column(s): ${missing.join(', ')}`,
      file,
      line: head.line,
      field: missing.join(', '),
      expected: `columns ${SPECS.filter((s) => s.required)
        .map((s) => (s.key === 'spend' ? 'Amount spent (<currency>)' : s.names[0]))
        .join(', ')}`,
      found: excerpt(header.join(' | '), 300),
    });
  }
  const rows = body.map((r) => parseRow(r.cells, r.line, header, idx, file));
  return { currency, header, rows };
}

function parseRow(cells: string[], line: number, header: string[], idx: Map<Key, number>, file: string): AdsManagerRow {
  if (cells.length !== header.length) {
    throw new LakeValidationError({
      code: 'WRONG_FIELD_COUNT',
      message: cells.length < header.length ? 'row has too few cells (truncated?)' : 'row has too many cells',
      file,
      line,
      expected: `${header.length} comma-separated cells`,
      found: `${cells.length} cells`,
    });
  }
  const bad = (key: Key, expected: string): never => {
    const i = idx.get(key)!;
    throw new LakeValidationError({
      code: 'BAD_VALUE',
      message: `invalid ${header[i]}`,
      file,
      line,
      column: i + 1,
      field: header[i],
      expected,
      found: cells[i].trim() === '' ? '(empty)' : excerpt(cells[i]),
    });
  };
  const get = (key: Key): string | null => {
    const i = idx.get(key);
    return i === undefined ? null : cells[i].trim();
  };
  const count = (key: Key): number | null => {
    const v = get(key);
    if (v === null) return null;
    const n = parseCount(v);
    return n === undefined ? bad(key, 'a whole number (1,234 or empty)') : n;
  };
  const starts = get('starts')!;
  if (!isCalendarDate(starts)) bad('starts', 'a date YYYY-MM-DD');
  const ends = get('ends')!;
  if (!isCalendarDate(ends) || ends < starts) bad('ends', `a date YYYY-MM-DD on or after ${starts}`);
  const campaignName = get('campaign')!;
  if (campaignName === '') bad('campaign', 'a campaign name');
  const spend = parseMoney(get('spend'));
  if (spend === undefined) bad('spend', 'a decimal amount such as 3.41 (or empty)');
  return {
    line,
    reportingStarts: starts,
    reportingEnds: ends,
    campaignName,
    adSetName: get('adSet') || null,
    adName: get('ad') || null,
    measures: {
      spendNano: spend ?? 0n,
      impressions: count('impressions') ?? 0,
      clicks: count('clicks') ?? 0,
      reach: count('reach'),
      linkClicks: count('linkClicks') ?? 0,
      postEngagement: count('postEngagement') ?? 0,
      viewContent: count('viewContent') ?? 0,
      addToCart: count('addToCart') ?? 0,
      initiateCheckout: count('initiateCheckout') ?? 0,
      purchase: count('purchase') ?? 0,
    },
    cells: Object.fromEntries(header.map((h, i) => [h, cells[i]])),
  };
}
