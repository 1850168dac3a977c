/**
 * Reading a captured Graph API response (or a dump file) from landing: size and binary checks,
 * JSON parsing with the line and column of a syntax error, and the API's error payload, which
 * is a response the extractor kept, not data, and must never load as an empty result.
 */
import { parseJsonText as parseJson } from '../json-text';
import { readLandedText as readText } from '../lake/landed-text';
import { excerpt, LakeValidationError } from '../lake/validation-error';
import type { LoadContext } from '../source-stream';

/** A year of daily insights for hundreds of campaigns is a few MB; anything far larger is not a capture. */
const MAX_JSON_BYTES = 64 * 1024 * 1024;

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The landing file's text after the shared checks, bounded to what a Meta capture can be. */
export function readLandedText(ctx: LoadContext, what: string): string {
  return readText(ctx, what, MAX_JSON_BYTES);
}

/** The shared JSON parser (line and column of a syntax error, truncation named), typed as Graph API JSON. */
export function parseJsonText(text: string, file: string): Json {
  return parseJson(text, file) as Json;
}

/** `{"error": {"message", "type", "code", "error_subcode"}}` as the Graph API returns it. */
export function isGraphError(v: Json): v is { error: JsonObject } {
  return isObject(v) && isObject(v.error) && ('code' in v.error || 'message' in v.error);
}

const RATE_LIMIT_CODES = new Set([4, 17, 32, 613, 80004]);

/** Quarantine reason for a captured API error: its code and subcode lead, since they say what to do next. */
export function graphErrorReason(payload: { error: JsonObject }, file: string): LakeValidationError {
  const e = payload.error;
  const code = typeof e.code === 'number' || typeof e.code === 'string' ? String(e.code) : '?';
  const subcode = typeof e.error_subcode === 'number' || typeof e.error_subcode === 'string' ? String(e.error_subcode) : null;
  const kind = RATE_LIMIT_CODES.has(Number(code))
    ? 'rate limit: extract again later'
    : code === '190'
      ? 'invalid or expired token: renew it'
      : 'API error';
  const type = typeof e.type === 'string' ? e.type : 'unknown type';
  const message = typeof e.message === 'string' ? e.message : '';
  return new LakeValidationError({
    code: 'MISSING_SECTION',
    message: `Graph API error ${code}${subcode ? `/${subcode}` : ''} (${type}, ${kind}) captured instead of data: ${excerpt(message, 200)}`,
    file,
    field: 'error.code',
    expected: 'a response with "data"',
    found: `error code ${code}${subcode ? `, subcode ${subcode}` : ''}`,
  });
}
