import { csvLine } from '../lake/atomic-file';
import { TransactionLoader } from '../load-transactions';
import type { LoadContext, SourceStream } from '../source-stream';
import { StatementLineResolver } from '../statement-lines';
import { looksLikeBankDetails } from './bank-details.parser';
import { landedBaseName } from '../lake/landed-name';
import { partName, TRANSACTION_PARTS_DIR } from '../curated/transaction-parts';
import { TransactionPartStream } from '../curated/transaction-part-stream';
import { workerBatches } from '../common/worker-batches';
import { startWorkerModule } from '../common/worker-module';
import { type BankDetailsWorkerData, type BankLinesBatch, BankLinesDecoder, encodeBankDetails, PartWanted } from './bank-details.lines';

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
 * Files from this size on are parsed on a worker thread while this one loads (both cores work);
 * below it, starting a thread costs more than the parse it would move.
 */
export const PARSE_WORKER_MIN_BYTES = 4 << 20;

/** The file's lines, parsed on a worker thread for a large file, here for a small one (the same batches either way). */
async function* bankLinesBatches(ctx: LoadContext, partWanted: PartWanted): AsyncGenerator<BankLinesBatch> {
  const { absolutePath: path, file, sizeBytes } = ctx.landed;
  if (sizeBytes >= PARSE_WORKER_MIN_BYTES) {
    const start = (flow: SharedArrayBuffer) =>
      startWorkerModule(__dirname, 'bank-details.worker', {
        path,
        file,
        flow,
        partWanted: partWanted.buffer,
      } satisfies BankDetailsWorkerData);
    yield* workerBatches<BankLinesBatch>(start, ctx.onBytes);
    return;
  }
  for await (const { batch } of encodeBankDetails(path, { file, onBytes: ctx.onBytes, partWanted })) yield batch;
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
    // The curated part is written as the lines stream (keep() gives it up to the rebuild when the load cannot vouch for it).
    const partFile = ctx.openCuratedFile(...TRANSACTION_PARTS_DIR, partName(ctx.sourceFileId));
    let part: TransactionPartStream | null = await TransactionPartStream.start(ctx.manager, partFile.writer);
    const partWanted = new PartWanted();
    let rowsRead = 0;
    const lines = new StatementLineResolver(ctx, 'distrokid');
    const decoder = new BankLinesDecoder((line) => lines.known(line) ?? lines.resolve(line));
    for await (const batch of bankLinesBatches(ctx, partWanted)) {
      const { facts, dims: factDims } = await decoder.decode(batch);
      rowsRead += batch.rows;
      await loader.add(facts);
      await raw.write(batch.raw);
      await staging.write(batch.staging);
      if (part && loader.metKnownLine) {
        // A full-history export: keep() would give the part up, so it is not written on (a 1M-line part is ~200 MB),
        // and the parse side stops formatting its lines.
        part = null;
        partWanted.giveUp();
        await partFile.discard();
      }
      if (part) {
        // Only a part given up above goes without lines: a kept part has every batch's.
        if (!batch.part) throw new Error('a batch came without its curated part lines while the part was kept');
        await part.add(batch.part, factDims);
      }
    }
    const { inserted, skipped } = await loader.finish();
    if (part && !(await part.keep(inserted))) await partFile.discard();
    return { rowsRead, rowsLoaded: inserted, rowsSkipped: skipped };
  },
};
