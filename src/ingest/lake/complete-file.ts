import fs from 'node:fs';
import { LakeValidationError } from './validation-error';

/**
 * Streams whose real exports end every line, the last one included, with a line break: a file of
 * theirs that does not end with one was cut off (a download still being written, a copy
 * interrupted). Its last line may still parse (an amount cut from 0.01931943 to 0.0193), so it is
 * refused as INCOMPLETE rather than loaded. Keyed `service/stream`.
 */
export const LINE_TERMINATED_STREAMS: ReadonlySet<string> = new Set(['distrokid/bank_details']);

/** Throws INCOMPLETE when a non-empty file's last byte is not CR or LF. */
export function assertEndsWithLineBreak(absolutePath: string, file: string): void {
  const fd = fs.openSync(absolutePath, 'r');
  try {
    const { size } = fs.fstatSync(fd);
    if (size === 0) return;
    const last = Buffer.alloc(1);
    fs.readSync(fd, last, 0, 1, size - 1);
    if (last[0] === 0x0d || last[0] === 0x0a) return;
    // The line number of the cut line: line breaks before it, plus one.
    const text = fs.readFileSync(absolutePath, 'latin1');
    const line = (text.match(/\r\n|\r|\n/g)?.length ?? 0) + 1;
    throw new LakeValidationError({
      code: 'INCOMPLETE',
      message: 'the last line has no line break: the file was cut off (still being written, or an interrupted download)',
      file,
      line,
      expected: 'every line ended by a line break, as the export writes it',
      found: `${size} bytes ending mid-line`,
    });
  } finally {
    fs.closeSync(fd);
  }
}
