/**
 * Reading a captured Graph API response (or a dump file) from landing: size and binary checks,
 * JSON parsing with the line and column of a syntax error, and the API's error payload, which
 * is a response the extractor kept, not data, and must never load as an empty result.
 */
import fs from 'node:fs';
import { parse as parseJson5 } from 'json5';
import { LakeValidationError, excerpt } from '../lake/validation-error';
import type { LoadContext } from '../source-stream';

/** A year of daily insights for hundreds of campaigns is a few MB; anything far larger is not a capture. */
const MAX_JSON_BYTES = 256 * 1024 * 1024;

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The landing file's text (BOM dropped), after the checks every Meta file gets. */
export function readLandedText(ctx: LoadContext, what: string): string {
  const file = ctx.landed.file;
  const { size } = fs.statSync(ctx.landed.absolutePath);
  if (size > MAX_JSON_BYTES) {
    throw new LakeValidationError({ code: 'BAD_HEADER', message: `too large to be ${what}`, file, expected: `at most ${MAX_JSON_BYTES} bytes`, found: `${size} bytes` });
  }
  const buf = fs.readFileSync(ctx.landed.absolutePath);
  ctx.onBytes(size);
  const nul = buf.indexOf(0);
  if (nul !== -1) throw new LakeValidationError({ code: 'BINARY_CONTENT', message: `binary content in ${what}`, file, found: `NUL byte at offset ${nul}` });
  const text = buf.toString('utf8').replace(/^\uFEFF/, '');
  if (text.trim() === '') throw new LakeValidationError({ code: 'EMPTY_FILE', message: 'file is empty', file, expected: what, found: 'no content' });
  return text;
}

/** Parses JSON; a syntax error (a truncated capture above all) names the line and column where it broke. */
export function parseJsonText(text: string, file: string): Json {
  try {
    return JSON.parse(text) as Json;
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    // A capture cut off mid-way leaves brackets (or a string) open at the end: say so, at the end.
    const truncated = openAtEnd(text);
    const m = /position (\d+)/.exec(message);
    const located = truncated || m ? null : syntaxErrorAt(text);
    const at = truncated ? text.length : m ? Number(m[1]) : located ? offsetOf(text, located.line, located.column) : text.length;
    const { line, column } = located ?? lineColumn(text, at);
    throw new LakeValidationError({
      code: 'BAD_VALUE',
      message: truncated ? 'JSON ends before its brackets close (truncated capture?)' : `not valid JSON: ${message}`,
      file,
      line,
      column,
      expected: 'a complete JSON document',
      found: truncated ? `end of file after ${excerpt(text.slice(-40))}` : excerpt(text.slice(Math.max(0, at - 30), at + 30)),
    });
  }
}

/**
 * Where JSON.parse failed, when its message does not say (Node 20 often omits the position):
 * json5 reports line and column, and rejects everything JSON rejects that matters here.
 */
function syntaxErrorAt(text: string): { line: number; column: number } | null {
  try {
    parseJson5(text);
  } catch (e) {
    if (typeof e === 'object' && e !== null && 'lineNumber' in e && 'columnNumber' in e && typeof e.lineNumber === 'number' && typeof e.columnNumber === 'number') {
      return { line: e.lineNumber, column: e.columnNumber };
    }
  }
  return null;
}

/** True when a string or a bracket is still open at the end of the text. */
function openAtEnd(text: string): boolean {
  let depth = 0;
  for (let k = 0; k < text.length; k++) {
    const c = text.charCodeAt(k);
    if (c === 34) {
      for (k++; k < text.length && text.charCodeAt(k) !== 34; k++) if (text.charCodeAt(k) === 92) k++;
      if (k >= text.length) return true;
    } else if (c === 123 || c === 91) depth++;
    else if (c === 125 || c === 93) depth--;
  }
  return depth > 0;
}

function offsetOf(text: string, line: number, column: number): number {
  let offset = 0;
  for (let l = 1; l < line; l++) {
    const nl = text.indexOf('\n', offset);
    if (nl === -1) return text.length;
    offset = nl + 1;
  }
  return Math.min(text.length, offset + column - 1);
}

function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let k = 0; k < offset && k < text.length; k++) {
    if (text.charCodeAt(k) === 10) {
      line++;
      lineStart = k + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
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
  const kind = RATE_LIMIT_CODES.has(Number(code)) ? 'rate limit: extract again later' : code === '190' ? 'invalid or expired token: renew it' : 'API error';
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
