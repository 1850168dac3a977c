/** Reading a fixed export header: matching its cells to the columns we know, and saying how it drifted. */
import { LakeValidationError } from '../lake/validation-error';

/** A header cell as matched against known column names: no BOM, outer and repeated white space gone, lower case. */
export function normaliseHeaderName(name: string): string {
  return name
    .replace(/^\ufeff/, '')
    .trim()
    .replace(/\s+/g, ' ')
    .toLowerCase();
}

export interface HeaderDrift {
  file: string;
  line: number;
  /** Columns the export should have and does not. */
  missing: readonly string[];
  /** Columns the export has and should not. */
  unexpected: readonly string[];
  /** The columns the reason names. */
  field: string;
  expected: string;
  found: string;
}

/** SCHEMA_DRIFT for an export with a fixed header: which columns went missing and which appeared. */
export function headerDriftError(d: HeaderDrift): LakeValidationError {
  const parts = [
    d.missing.length ? `missing column(s): ${d.missing.join(', ')}` : '',
    d.unexpected.length ? `unexpected column(s): ${d.unexpected.join(', ')}` : '',
  ];
  return new LakeValidationError({
    code: 'SCHEMA_DRIFT',
    message: `header changed: ${parts.filter(Boolean).join('; ')}`,
    file: d.file,
    line: d.line,
    field: d.field,
    expected: d.expected,
    found: d.found,
  });
}
