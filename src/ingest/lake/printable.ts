const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * A file name (or any text taken from the file system) made safe to print on a terminal or in a
 * log line: control characters (C0, DEL, C1 such as the one-byte CSI), line and paragraph
 * separators and bidirectional overrides are shown as escapes, so a hostile name can neither
 * forge an extra summary line nor move the cursor, recolour or reorder what follows.
 */
export function printable(text: string): string {
  // eslint-disable-next-line no-control-regex -- matching control characters is this function's whole job
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, (c) => {
    const named = NAMED[c];
    if (named) return named;
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}
