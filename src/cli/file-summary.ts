import path from 'node:path';
import type { FileSummary } from '../ingest/ingest-service';
import { printable } from '../ingest/lake/printable';

/** One line per ingested file, as `npm run ingest` and `npm run demo` print it; names and messages escaped (no forged lines, no terminal codes). */
export function fileSummaryLine(s: FileSummary): string {
  const name = printable(path.basename(s.input));
  const message = printable(s.message);
  switch (s.status) {
    case 'loaded':
      return `loaded       ${name} → ${s.landingFile}: ${s.rowsRead} rows read, ${s.rowsLoaded} loaded, ${s.rowsSkipped} already loaded`;
    case 'skipped':
      return `skipped      ${name}: ${message}`;
    case 'quarantined':
      return `QUARANTINED  ${name}: ${message}`;
    default:
      return `FAILED       ${name}: ${message}`;
  }
}
