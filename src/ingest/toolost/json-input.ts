/**
 * Reads a captured TooLost API response (a small JSON document) and checks its top-level shape.
 * Everything that can go wrong with a capture (empty body, binary download, truncated transfer,
 * a different endpoint's payload) ends as a LakeValidationError naming the file and the place.
 */
import { parseJsonText } from '../json-text';
import { readLandedText } from '../lake/landed-text';
import { LakeValidationError, excerpt } from '../lake/validation-error';
import type { LoadContext } from '../source-stream';

/** An analytics response is a few hundred KB at most; anything far larger is not one and is not read into memory. */
const MAX_JSON_BYTES = 64 * 1024 * 1024;

export type JsonObject = Record<string, unknown>;

export function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The parsed document of the landed file. */
export function readJsonDocument(ctx: LoadContext): unknown {
  return parseJsonText(readLandedText(ctx, 'analytics response', MAX_JSON_BYTES), ctx.landed.file, 'JSON response');
}

/**
 * Checks that the document is an object holding `required` arrays. A missing or non-array key is
 * drift of the API (or another endpoint's payload): the reason names what is missing and what
 * the document holds instead. Unknown extra keys are tolerated: APIs add fields.
 */
export function requireTopLevel(doc: unknown, file: string, required: readonly string[], what: string): JsonObject {
  const expected = `a JSON object with ${required.map((k) => `"${k}": [...]`).join(', ')}`;
  if (!isObject(doc)) {
    throw new LakeValidationError({
      code: 'SCHEMA_DRIFT',
      message: `${what}: the document is not a JSON object`,
      file,
      field: required.join(', '),
      expected,
      found: Array.isArray(doc) ? 'a JSON array' : typeof doc,
    });
  }
  const missing = required.filter((k) => !Array.isArray(doc[k]));
  if (missing.length > 0) {
    const wrongType = missing.filter((k) => k in doc).map((k) => `${k} (${describeType(doc[k])})`);
    const absent = missing.filter((k) => !(k in doc));
    const unexpected = Object.keys(doc).filter((k) => !required.includes(k));
    const parts = [
      absent.length ? `missing key(s): ${absent.join(', ')}` : '',
      wrongType.length ? `not an array: ${wrongType.join(', ')}` : '',
      unexpected.length ? `unexpected key(s): ${unexpected.join(', ')}` : '',
    ];
    throw new LakeValidationError({
      code: 'SCHEMA_DRIFT',
      message: `${what} changed shape: ${parts.filter(Boolean).join('; ')}`,
      file,
      field: missing.join(', '),
      expected,
      found: excerpt(`keys: ${Object.keys(doc).join(', ') || '(none)'}`, 200),
    });
  }
  return doc;
}

/** Each record of an array must be an object holding `keys`; a record without one is drift, named by its index. */
export function requireRecord(entry: unknown, file: string, path: string, index: number, keys: readonly string[]): JsonObject {
  if (!isObject(entry)) {
    throw new LakeValidationError({
      code: 'BAD_VALUE',
      message: `${path}[${index}] is not an object`,
      file,
      field: `${path}[${index}]`,
      expected: `an object with ${keys.join(', ')}`,
      found: excerpt(JSON.stringify(entry) ?? String(entry)),
    });
  }
  const missing = keys.filter((k) => !(k in entry));
  if (missing.length > 0) {
    throw new LakeValidationError({
      code: 'SCHEMA_DRIFT',
      message: `${path}[${index}] lacks ${missing.join(', ')}`,
      file,
      field: missing.map((k) => `${path}[${index}].${k}`).join(', '),
      expected: `records with ${keys.join(', ')}`,
      found: excerpt(`keys: ${Object.keys(entry).join(', ') || '(none)'}`, 200),
    });
  }
  return entry;
}

/** A bad value of one record, named by its path (`streams[12].streams`): API captures are often a single line. */
export function badRecordValue(
  file: string,
  path: string,
  index: number,
  key: string,
  expected: string,
  found: unknown,
): LakeValidationError {
  return new LakeValidationError({
    code: 'BAD_VALUE',
    message: `invalid ${path}[${index}].${key}`,
    file,
    field: `${path}[${index}].${key}`,
    expected,
    found: found === undefined ? '(missing)' : excerpt(JSON.stringify(found) ?? String(found)),
  });
}

function describeType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}
