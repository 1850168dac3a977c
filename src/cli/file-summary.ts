import path from 'node:path';
import type { FileSummary } from '../ingest/ingest-service';

/** One line per ingested file, as `npm run ingest` and `npm run demo` print it. */
export function fileSummaryLine(s: FileSummary): string {
  const name = path.basename(s.input);
  switch (s.status) {
    case 'loaded':
      return `loaded       ${name} → ${s.landingFile}: ${s.rowsRead} rows read, ${s.rowsLoaded} loaded, ${s.rowsSkipped} already loaded`;
    case 'skipped':
      return `skipped      ${name}: ${s.message}`;
    case 'quarantined':
      return `QUARANTINED  ${name}: ${s.message}`;
    default:
      return `FAILED       ${name}: ${s.message}`;
  }
}
