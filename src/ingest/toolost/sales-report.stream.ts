import fs from 'node:fs';
import { csvLine } from '../lake/atomic-file';
import type { TransactionFact } from '../load-transactions';
import { TransactionLoader } from '../load-transactions';
import type { SourceStream } from '../source-stream';
import { type LineDimensions, lineHash, StatementLineResolver } from '../statement-lines';
import { SOURCE } from './facts';
import { landedBaseName } from '../lake/landed-name';
import { looksLikeSalesReport, parseSalesReport, type SalesRow } from './sales-report.parser';

const NAME_RE = /^toolost[_-]sales(?:[_-][^/]*)?\.csv$/i;

const STAGING_HEADER = [
  'source_line',
  'content_hash',
  'reporting_date',
  'sale_month',
  'store',
  'artist',
  'title',
  'release',
  'isrc',
  'upc',
  'quantity',
  'product_type',
  'country',
  'gross_nano',
  'net_nano',
  'currency',
];

/** transactions.product_type is 20 characters; the full text stays in raw and staging. */
const PRODUCT_TYPE_MAX = 20;

/**
 * The identity of a report line, from its own cells in canonical form (amounts as nano-units, ISRC
 * normalised) plus its sale month, which may come from the file name: re-downloading the same
 * report adds nothing, while the same line in another month's report stays a separate sale. A
 * reporting date derived from the file name is left out, so only what the line says identifies it.
 */
function contentHash(r: SalesRow): string {
  return lineHash([
    r.saleMonth,
    r.reportingDateCell,
    r.saleDateCell,
    r.store,
    r.artist,
    r.title,
    r.release,
    r.isrc,
    r.upc,
    r.country,
    r.quantity,
    r.productType,
    r.grossNano,
    r.netNano,
    r.currency,
  ]);
}

function toFact(r: SalesRow, hash: string, d: LineDimensions): TransactionFact {
  return {
    source: SOURCE,
    contentHash: hash,
    reportingDate: r.reportingDate,
    saleMonth: r.saleMonth,
    ...d,
    country: r.country,
    quantity: r.quantity,
    productType: r.productType ? r.productType.slice(0, PRODUCT_TYPE_MAX) : null,
    teamPercentage: '100',
    grossNano: r.grossNano,
    withheldNano: 0n,
    netNano: r.netNano,
    currency: r.currency,
    sourceLine: r.line,
  };
}

/**
 * TooLost's monthly sales report (CSV) into `transactions`. Raw keeps each validated line as
 * NDJSON keyed by the report's own column names; staging the typed line.
 */
export const toolostSalesReport: SourceStream = {
  service: 'toolost',
  stream: 'sales_report',
  recognise: (name, head) => NAME_RE.test(name) || looksLikeSalesReport(head.split(/\r\n|\r|\n/, 1)[0] ?? ''),
  async load(ctx) {
    const base = landedBaseName(ctx);
    const raw = ctx.openZoneFile('raw', `${base}.ndjson`);
    const staging = ctx.openZoneFile('staging', `${base}.csv`);
    await staging.write(csvLine(STAGING_HEADER));
    const loader = await TransactionLoader.start(ctx.manager, ctx.dialect, ctx.sourceFileId);
    const lines = new StatementLineResolver(ctx, SOURCE);
    let rowsRead = 0;
    let summaryLines = 0;
    const input = fs.createReadStream(ctx.landed.absolutePath, { highWaterMark: 1 << 20 });
    const names = [ctx.landed.originalName, ctx.landed.file.split('/').pop()!];
    for await (const batch of parseSalesReport(input, { file: ctx.landed.file, names, onBytes: ctx.onBytes })) {
      const facts: TransactionFact[] = [];
      const rawLines: string[] = [];
      const stagingLines: string[] = [];
      for (const r of batch.rows) {
        const hash = contentHash(r);
        // A release sale (album, no ISRC) sells a release, not a recording.
        const dims = await lines.resolve({
          billing: r.artist,
          title: r.title,
          isrc: r.isrc,
          upc: r.upc,
          store: r.store,
          isAlbum: r.isrc === null && /album|release/i.test(r.productType),
          releaseTitle: r.release || null,
        });
        facts.push(toFact(r, hash, dims));
        rawLines.push(
          `${JSON.stringify({ line: r.line, cells: Object.fromEntries(batch.header.map((h, i) => [h || `column ${i + 1}`, r.rawFields[i] ?? ''])) })}\n`,
        );
        stagingLines.push(
          csvLine([
            r.line,
            hash,
            r.reportingDate,
            r.saleMonth,
            r.store,
            r.artist,
            r.title,
            r.release,
            r.isrc,
            r.upc,
            r.quantity,
            r.productType,
            r.country,
            r.grossNano,
            r.netNano,
            r.currency,
          ]),
        );
      }
      rowsRead += batch.rows.length + batch.skipped;
      summaryLines += batch.skipped;
      await loader.add(facts);
      await raw.write(rawLines.join(''));
      await staging.write(stagingLines.join(''));
    }
    const { inserted, skipped } = await loader.finish();
    return { rowsRead, rowsLoaded: inserted, rowsSkipped: skipped + summaryLines };
  },
};
