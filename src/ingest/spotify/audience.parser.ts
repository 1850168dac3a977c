/**
 * The Spotify for Artists audience export: `date, listeners, streams, followers`, one row per
 * day. Columns are found by name (order and case may vary); a missing column is schema drift,
 * not something to guess around. Empty cells and `NaN` are unknown figures (NULL), counts may
 * carry thousands separators (quoted, as `"1,234"`), lines may end in CRLF, LF or CR.
 */
import { isCalendarDate } from '../../domain/calendar';
import { readCsvText, splitCsvLine } from '../common/csv-reader';
import type { CsvRecord } from '../common/csv-record-lines';
import { LakeValidationError, excerpt } from '../lake/validation-error';
import { INVALID_COUNT, parseCount } from './counts';

export interface AudienceDay {
  line: number;
  date: string;
  listeners: number | null;
  streams: number | null;
  followers: number | null;
}

export const AUDIENCE_COLUMNS = ['date', 'listeners', 'streams', 'followers'] as const;
type AudienceColumn = (typeof AUDIENCE_COLUMNS)[number];

/** audience_daily stores INTEGER: a count beyond it is not a daily audience figure. */
const MAX_INT32 = 2_147_483_647;

/** True when a first line is the audience header (used to recognise a renamed download). */
export function looksLikeAudienceHeader(firstLine: string): boolean {
  const cells = splitCsvLine(firstLine);
  if (cells === null) return false;
  const names = cells.map((c) => c.trim().toLowerCase());
  return AUDIENCE_COLUMNS.every((c) => names.includes(c)) && names.length <= AUDIENCE_COLUMNS.length + 2;
}

export function parseAudienceCsv(text: string, file: string): AudienceDay[] {
  const [head, ...body] = readAudienceRecords(text, file);
  const header = head?.fields ?? [''];
  const headerLine = head?.line ?? 1;
  const names = header.map((h) => h.trim().toLowerCase());
  const index = {} as Record<AudienceColumn, number>;
  const missing: string[] = [];
  for (const c of AUDIENCE_COLUMNS) {
    const i = names.indexOf(c);
    if (i === -1) missing.push(c);
    else index[c] = i;
  }
  if (missing.length) {
    const unexpected = header.filter((_h, i) => !(AUDIENCE_COLUMNS as readonly string[]).includes(names[i])).map((h) => h.trim());
    throw new LakeValidationError({
      code: 'SCHEMA_DRIFT',
      message: `missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}${unexpected.length ? `; unexpected ${unexpected.join(', ')}` : ''}`,
      file,
      line: headerLine,
      field: missing.join(', '),
      expected: AUDIENCE_COLUMNS.join(','),
      found: excerpt(header.join(',')),
    });
  }

  const byDate = new Map<string, AudienceDay>();
  for (const { line, fields: cells } of body) {
    if (cells.length !== header.length) {
      throw new LakeValidationError({
        code: 'WRONG_FIELD_COUNT',
        message: `expected ${header.length} cells, found ${cells.length}`,
        file,
        line,
        expected: String(header.length),
        found: excerpt(cells.join(',')),
      });
    }
    const date = cells[index.date].trim();
    if (!isCalendarDate(date)) throw badCell(file, line, index.date, 'date', 'a date YYYY-MM-DD', date);
    const count = (c: Exclude<AudienceColumn, 'date'>): number | null => {
      const v = parseCount(cells[index[c]]);
      if (v === INVALID_COUNT || (v !== null && v > BigInt(MAX_INT32))) {
        throw badCell(file, line, index[c], c, 'a non-negative integer (thousands separators allowed) or an empty cell', cells[index[c]]);
      }
      return v === null ? null : Number(v);
    };
    // A repeated day keeps its last row: the export is a time line, one value per day.
    byDate.set(date, { line, date, listeners: count('listeners'), streams: count('streams'), followers: count('followers') });
  }
  return [...byDate.values()].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

function readAudienceRecords(text: string, file: string): CsvRecord[] {
  try {
    return readCsvText(text, { file, multilineFields: false });
  } catch (err) {
    // A quote left open on the first line breaks the header itself.
    if (err instanceof LakeValidationError && err.reason.code === 'BAD_VALUE' && err.reason.line === 1) {
      throw new LakeValidationError({
        code: 'BAD_HEADER',
        message: 'unterminated quote in the header',
        file,
        line: 1,
        found: err.reason.found,
      });
    }
    throw err;
  }
}

function badCell(file: string, line: number, column: number, field: string, expected: string, found: string): LakeValidationError {
  return new LakeValidationError({
    code: 'BAD_VALUE',
    message: `invalid ${field}`,
    file,
    line,
    column: column + 1,
    field,
    expected,
    found: excerpt(found),
  });
}
