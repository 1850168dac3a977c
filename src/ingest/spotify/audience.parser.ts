/**
 * The Spotify for Artists audience export: `date, listeners, streams, followers`, one row per
 * day. Columns are found by name (order and case may vary); a missing column is schema drift,
 * not something to guess around. Empty cells and `NaN` are unknown figures (NULL), counts may
 * carry thousands separators (quoted, as `"1,234"`), lines may end in CRLF, LF or CR.
 */
import { isCalendarDate } from '../../domain/calendar';
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

/** RFC 4180 cells of one line; null when a quoted cell never closes. */
export function splitCsvLine(line: string): string[] | null {
  const cells: string[] = [];
  let k = 0;
  for (;;) {
    if (line[k] === '"') {
      let cell = '';
      let j = k + 1;
      for (;;) {
        const q = line.indexOf('"', j);
        if (q === -1) return null;
        if (line[q + 1] === '"') {
          cell += line.slice(j, q + 1);
          j = q + 2;
          continue;
        }
        cell += line.slice(j, q);
        k = q + 1;
        break;
      }
      // Anything between the closing quote and the next comma is kept, as spreadsheet tools do.
      const comma = line.indexOf(',', k);
      cells.push(cell + (comma === -1 ? line.slice(k) : line.slice(k, comma)));
      if (comma === -1) return cells;
      k = comma + 1;
    } else {
      const comma = line.indexOf(',', k);
      if (comma === -1) {
        cells.push(line.slice(k));
        return cells;
      }
      cells.push(line.slice(k, comma));
      k = comma + 1;
    }
  }
}

export function parseAudienceCsv(text: string, file: string): AudienceDay[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const header = splitCsvLine(lines[0]);
  if (header === null) throw new LakeValidationError({ code: 'BAD_HEADER', message: 'unterminated quote in the header', file, line: 1, found: excerpt(lines[0]) });
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
      line: 1,
      field: missing.join(', '),
      expected: AUDIENCE_COLUMNS.join(','),
      found: excerpt(header.join(',')),
    });
  }

  const byDate = new Map<string, AudienceDay>();
  for (let i = 1; i < lines.length; i++) {
    const text = lines[i];
    if (text.trim() === '') continue;
    const line = i + 1;
    const cells = splitCsvLine(text);
    if (cells === null) throw new LakeValidationError({ code: 'BAD_VALUE', message: 'unterminated quoted cell', file, line, found: excerpt(text) });
    if (cells.length !== header.length) {
      throw new LakeValidationError({
        code: 'WRONG_FIELD_COUNT',
        message: `expected ${header.length} cells, found ${cells.length}`,
        file,
        line,
        expected: String(header.length),
        found: excerpt(text),
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

function badCell(file: string, line: number, column: number, field: string, expected: string, found: string): LakeValidationError {
  return new LakeValidationError({ code: 'BAD_VALUE', message: `invalid ${field}`, file, line, column: column + 1, field, expected, found: excerpt(found) });
}
