import fs from 'node:fs';
import path from 'node:path';

/** Formats with one data row per line after a header: their rows can be counted without parsing them. */
const ROW_PER_LINE = new Set(['.csv', '.tsv']);
const CHUNK = 1 << 20;

/**
 * Data rows a quarantined file takes with it: for CSV/TSV, its non-blank lines after the first (the
 * header); CR, LF and CRLF all end a line, and a line of only spaces and tabs is blank. 0 for other
 * formats (pages, JSON), whose rows cannot be told apart once they fail to parse, and for a file
 * that cannot be read. Read in chunks: a rejected file may be large.
 */
export function rejectedRows(absolutePath: string): number {
  if (!ROW_PER_LINE.has(path.extname(absolutePath).toLowerCase())) return 0;
  let fd: number;
  try {
    fd = fs.openSync(absolutePath, 'r');
  } catch {
    return 0;
  }
  try {
    const buffer = Buffer.alloc(CHUNK);
    let lines = 0;
    let content = false;
    for (let n = fs.readSync(fd, buffer, 0, CHUNK, null); n > 0; n = fs.readSync(fd, buffer, 0, CHUNK, null)) {
      for (let i = 0; i < n; i++) {
        const b = buffer[i];
        if (b === 0x0a || b === 0x0d) {
          if (content) lines++;
          content = false;
        } else if (b !== 0x20 && b !== 0x09) content = true;
      }
    }
    if (content) lines++;
    return Math.max(0, lines - 1);
  } catch {
    return 0;
  } finally {
    fs.closeSync(fd);
  }
}
