import fs from 'node:fs';
import { csvCell, csvLine } from '../lake/atomic-file';
import type { TransactionFact } from '../load-transactions';
import { TransactionLoader } from '../load-transactions';
import type { SourceStream } from '../source-stream';
import { type LineDimensions, lineHash, type StatementLine, StatementLineResolver } from '../statement-lines';
import { type BankDetailsRow, looksLikeBankDetails, parseBankDetails } from './bank-details.parser';
import { landedBaseName } from '../lake/landed-name';
import { partName, TRANSACTION_PARTS_DIR } from '../curated/transaction-parts';
import { TransactionPartStream } from '../curated/transaction-part-stream';

const STAGING_HEADER = [
  'source_line',
  'content_hash',
  'reporting_date',
  'sale_month',
  'store',
  'artist',
  'title',
  'isrc',
  'upc',
  'quantity',
  'team_percentage',
  'product_type',
  'country',
  'gross_nano',
  'withheld_nano',
  'net_nano',
  'currency',
];

/**
 * The identity of a statement line: its core columns in canonical form (amounts as nano-units, so
 * `0.0100` and `0.01` agree). The newer export's extra columns are left out so that switching
 * export format does not make old lines look new.
 */
function contentHash(r: BankDetailsRow): string {
  return lineHash([
    r.reportingDate,
    r.saleMonth,
    r.store,
    r.artist,
    r.title,
    r.isrc,
    r.upc,
    r.quantity,
    r.teamPercentage,
    r.songOrAlbum,
    r.country,
    r.withheldNano,
    r.earningsNano,
  ]);
}

function toFact(r: BankDetailsRow, hash: string, d: LineDimensions): TransactionFact {
  return {
    source: 'distrokid',
    contentHash: hash,
    reportingDate: r.reportingDate,
    saleMonth: `${r.saleMonth}-01`,
    storeId: d.storeId,
    platformId: d.platformId,
    trackId: d.trackId,
    artistId: d.artistId,
    releaseId: d.releaseId,
    country: r.country,
    quantity: r.quantity,
    productType: r.songOrAlbum || null,
    teamPercentage: r.teamPercentage,
    grossNano: r.grossNano,
    withheldNano: r.withheldNano,
    netNano: r.netNano,
    currency: 'USD',
    sourceLine: r.line,
  };
}

/**
 * The staging line of a row, as csvLine would write it. Only the free-text cells can need quoting;
 * dates, codes and numbers were validated by the parser (a team percentage is a plain decimal), so
 * they are written as they are, which spares a quoting test per cell on millions of lines.
 */
function stagingLine(r: BankDetailsRow, hash: string): string {
  return `${r.line},${hash},${r.reportingDate},${r.saleMonth},${csvCell(r.store)},${csvCell(r.artist)},${csvCell(r.title)},${r.isrc ?? ''},${r.upc ?? ''},${r.quantity},${csvCell(r.teamPercentage)},${csvCell(r.songOrAlbum)},${r.country ?? ''},${r.grossNano},${r.withheldNano},${r.netNano},USD\n`;
}

/** DistroKid's bank details export: the money. Raw keeps the validated lines; staging the typed ones. */
export const distrokidBankDetails: SourceStream = {
  service: 'distrokid',
  stream: 'bank_details',
  recognise: (name, head) => /^dk_bank_details/i.test(name) || looksLikeBankDetails(head.split(/\r\n|\r|\n/, 1)[0] ?? ''),
  async load(ctx) {
    const base = landedBaseName(ctx);
    const raw = ctx.openZoneFile('raw', `${base}.tsv`);
    const staging = ctx.openZoneFile('staging', `${base}.csv`);
    await staging.write(csvLine(STAGING_HEADER));
    const loader = await TransactionLoader.start(ctx.manager, ctx.dialect, ctx.sourceFileId);
    // SQLite: the curated part is written as the lines stream (PostgreSQL's is written by the curated rebuild).
    const partFile =
      ctx.dialect === 'sqlite' || ctx.dialect === 'postgres'
        ? ctx.openCuratedFile(...TRANSACTION_PARTS_DIR, partName(ctx.sourceFileId))
        : null;
    const part = partFile ? await TransactionPartStream.start(ctx.manager, partFile.writer, ctx.landed.file) : null;
    let rowsRead = 0;
    const lines = new StatementLineResolver(ctx, 'distrokid');
    const input = fs.createReadStream(ctx.landed.absolutePath, { highWaterMark: 1 << 20 });
    for await (const batch of parseBankDetails(input, { file: ctx.landed.file, onBytes: ctx.onBytes })) {
      const facts: TransactionFact[] = [];
      const factDims: LineDimensions[] = [];
      const rawLines: string[] = [];
      const stagingLines: string[] = [];
      for (const r of batch) {
        const hash = contentHash(r);
        const line: StatementLine = {
          billing: r.artist,
          title: r.title,
          isrc: r.isrc,
          upc: r.upc,
          store: r.store,
          isAlbum: /^album$/i.test(r.songOrAlbum),
          releaseTitle: null,
        };
        const dims = lines.known(line) ?? (await lines.resolve(line));
        facts.push(toFact(r, hash, dims));
        factDims.push(dims);
        rawLines.push(r.rawText);
        stagingLines.push(stagingLine(r, hash));
      }
      rowsRead += batch.length;
      await loader.add(facts);
      await raw.write(rawLines.length ? `${rawLines.join('\n')}\n` : '');
      await staging.write(stagingLines.join(''));
      await part?.add(facts, factDims);
    }
    const { inserted, skipped } = await loader.finish();
    if (part && !(await part.keep(inserted))) await partFile!.discard();
    return { rowsRead, rowsLoaded: inserted, rowsSkipped: skipped };
  },
};
