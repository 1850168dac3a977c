/**
 * Parser for TikTok Studio's Overview.csv: UTF-8 with BOM, every value quoted, one row per day
 * with yearless dates (`"May 28"`). Columns are found by name; the year of each date comes from
 * the start date of the download and moves on by one each time the month wraps past December.
 */
import { parseWholeNumber } from '../common/amounts';
import { parseDay } from '../common/dates';
import { readCsvText } from '../common/csv-reader';
import { headerDriftError, normaliseHeaderName } from '../common/header-columns';
import { LakeValidationError, excerpt } from '../lake/validation-error';
import { isCalendarDate } from '../../domain/calendar';

export interface OverviewDay {
  /** 1-based line in Overview.csv. */
  line: number;
  /** Full date, `YYYY-MM-DD`. */
  date: string;
  /** The cells as written, by header name. */
  cells: Record<string, string>;
  videoViews: number;
  profileViews: number;
  likes: number;
  comments: number;
  shares: number;
}

type Metric = 'videoViews' | 'profileViews' | 'likes' | 'comments' | 'shares';
type ColumnKey = 'date' | Metric;

export const OVERVIEW_COLUMNS: ReadonlyArray<{ key: ColumnKey; name: string }> = [
  { key: 'date', name: 'Date' },
  { key: 'videoViews', name: 'Video Views' },
  { key: 'profileViews', name: 'Profile Views' },
  { key: 'likes', name: 'Likes' },
  { key: 'comments', name: 'Comments' },
  { key: 'shares', name: 'Shares' },
];
const METRICS: readonly Metric[] = ['videoViews', 'profileViews', 'likes', 'comments', 'shares'];

const KEY_BY_NAME = new Map(OVERVIEW_COLUMNS.map((c) => [normaliseHeaderName(c.name), c.key] as const));

/** An overview covers at most a year; a longer span means the rows are out of order and the years would be wrong. */
const MAX_SPAN_DAYS = 366;
const DAY_MS = 86_400_000;

/** Decodes the CSV bytes; anything that is not UTF-8 text is BINARY_CONTENT. */
export function decodeOverviewCsv(bytes: Uint8Array, file: string): string {
  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    throw new LakeValidationError({
      code: 'BINARY_CONTENT',
      message: 'NUL byte in Overview.csv: binary or UTF-16',
      file,
      field: 'Overview.csv',
      expected: 'UTF-8 text',
      found: `NUL at byte ${nul}`,
    });
  }
  try {
    // ignoreBOM: false means the decoder consumes the BOM TikTok Studio writes.
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new LakeValidationError({
      code: 'BINARY_CONTENT',
      message: 'Overview.csv is not valid UTF-8',
      file,
      field: 'Overview.csv',
      expected: 'UTF-8 text',
    });
  }
}

/**
 * The days of Overview.csv; `startDate` (from the download's name) anchors the yearless dates.
 * Reasons name the landing file (the ZIP) and say in their message that the line is Overview.csv's.
 */
export function parseOverviewCsv(text: string, opts: { file: string; startDate: string }): OverviewDay[] {
  try {
    return parseRows(text, opts);
  } catch (err) {
    if (err instanceof LakeValidationError)
      throw new LakeValidationError({ ...err.reason, message: `Overview.csv: ${err.reason.message}` });
    throw err;
  }
}

function parseRows(text: string, opts: { file: string; startDate: string }): OverviewDay[] {
  const where = opts.file;
  let header: { names: string[]; idx: Record<ColumnKey, number> } | null = null;
  const days: OverviewDay[] = [];
  const years = new YearTracker(opts.startDate);
  for (const { line, fields: cells } of readCsvText(text, { file: where, multilineFields: false })) {
    if (header === null) {
      header = parseHeader(cells, line, where);
      continue;
    }
    if (cells.length !== header.names.length) {
      throw new LakeValidationError({
        code: 'WRONG_FIELD_COUNT',
        message: cells.length < header.names.length ? 'row has too few fields (truncated?)' : 'row has too many fields',
        file: where,
        line,
        expected: `${header.names.length} comma-separated fields`,
        found: `${cells.length} fields`,
      });
    }
    const bad = (key: ColumnKey, expected: string): never => {
      const column = header!.idx[key];
      const found = cells[column];
      throw new LakeValidationError({
        code: 'BAD_VALUE',
        message: `invalid ${header!.names[column]}`,
        file: where,
        line,
        column: column + 1,
        field: header!.names[column],
        expected,
        found: found === '' ? '(empty)' : excerpt(found),
      });
    };
    const day = parseDay(cells[header.idx.date]);
    if (day === null) bad('date', 'a day such as "May 28" (month name and day, no year)');
    const date = years.next(day!);
    if (date.error) bad('date', date.error);
    const values = {} as Record<Metric, number>;
    for (const m of METRICS) {
      const v = parseCount(cells[header.idx[m]]);
      if (v === null) bad(m, 'a whole number ≥ 0 (thousands separators, empty or NaN allowed)');
      values[m] = v!;
    }
    days.push({ line, date: date.value!, cells: Object.fromEntries(header.names.map((n, c) => [n, cells[c]])), ...values });
  }
  if (header === null)
    throw new LakeValidationError({
      code: 'EMPTY_FILE',
      message: 'Overview.csv is empty',
      file: where,
      expected: 'a header line',
      found: 'no content',
    });
  if (days.length === 0)
    throw new LakeValidationError({
      code: 'EMPTY_FILE',
      message: 'Overview.csv has a header but no days',
      file: where,
      expected: 'at least one data row',
      found: 'none',
    });
  return days;
}

function parseHeader(cells: string[], line: number, file: string): { names: string[]; idx: Record<ColumnKey, number> } {
  const names = cells.map((c) => c.replace(/^\ufeff/, '').trim());
  const idx = Object.fromEntries(OVERVIEW_COLUMNS.map((c) => [c.key, -1])) as Record<ColumnKey, number>;
  const unexpected: string[] = [];
  names.forEach((name, i) => {
    const key = KEY_BY_NAME.get(normaliseHeaderName(name));
    if (key !== undefined && idx[key] === -1) idx[key] = i;
    else unexpected.push(name === '' ? `(empty, column ${i + 1})` : key ? `${name} (duplicate)` : name);
  });
  const missing = OVERVIEW_COLUMNS.filter((c) => idx[c.key] === -1).map((c) => c.name);
  const expected = OVERVIEW_COLUMNS.map((c) => `"${c.name}"`).join(',');
  const known = OVERVIEW_COLUMNS.length - missing.length;
  if (known < 2) {
    throw new LakeValidationError({
      code: 'BAD_HEADER',
      message: 'first line is not a TikTok Studio overview header',
      file,
      line,
      expected,
      found: excerpt(names.join(','), 120),
    });
  }
  if (missing.length > 0 || unexpected.length > 0) {
    throw headerDriftError({
      file,
      line,
      missing,
      unexpected,
      field: [...missing, ...unexpected].join(', '),
      expected,
      found: excerpt(names.join(' | '), 300),
    });
  }
  return { names, idx };
}

/**
 * Gives yearless days their year: the start date's year, plus one each time the month goes back
 * (December → January). Dates must be real and strictly increasing, within a year of the start.
 */
class YearTracker {
  private year: number;
  private prevMonth: number;
  private prevDate: string | null = null;
  private readonly startMs: number;

  constructor(private readonly startDate: string) {
    this.year = Number(startDate.slice(0, 4));
    this.prevMonth = Number(startDate.slice(5, 7));
    this.startMs = Date.parse(`${startDate}T00:00:00Z`);
  }

  next(d: { month: number; day: number }): { value?: string; error?: string } {
    if (d.month < this.prevMonth) this.year++;
    this.prevMonth = d.month;
    const date = `${this.year}-${pad2(d.month)}-${pad2(d.day)}`;
    if (!isCalendarDate(date))
      return { error: `a real calendar day (the year is ${this.year} from the start date ${this.startDate}; ${date} does not exist)` };
    if (date < this.startDate) return { error: `a day on or after the start date ${this.startDate} in the file name` };
    if (this.prevDate !== null && date <= this.prevDate)
      return { error: `a day after ${this.prevDate} (rows must be in date order without repeats)` };
    if ((Date.parse(`${date}T00:00:00Z`) - this.startMs) / DAY_MS > MAX_SPAN_DAYS) {
      return { error: `a day within ${MAX_SPAN_DAYS} days of the start date ${this.startDate} (rows out of order?)` };
    }
    this.prevDate = date;
    return { value: date };
  }
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** A count cell: digits, optionally with thousands separators; empty and NaN mean no figure (0). */
export function parseCount(cell: string): number | null {
  const text = cell.trim();
  if (text === '' || /^nan$/i.test(text) || text === '-') return 0;
  return parseWholeNumber(text);
}
