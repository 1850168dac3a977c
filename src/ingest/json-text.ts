import { parse as parseJson5 } from 'json5';
import { excerpt, LakeValidationError } from './lake/validation-error';

/** Parses JSON; a syntax error (a truncated capture above all) names the line and column where it broke. */
export function parseJsonText(text: string, file: string, what = 'JSON document'): unknown {
  try {
    return JSON.parse(text) as unknown;
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
      message: truncated ? 'not valid JSON: it ends before its brackets close (truncated capture?)' : `not valid JSON: ${message}`,
      file,
      line,
      column,
      field: '(document)',
      expected: `a complete ${what}`,
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
    if (
      typeof e === 'object' &&
      e !== null &&
      'lineNumber' in e &&
      'columnNumber' in e &&
      typeof e.lineNumber === 'number' &&
      typeof e.columnNumber === 'number'
    ) {
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
