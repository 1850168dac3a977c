import crypto from 'node:crypto';
import fs from 'node:fs';
import { csvLine } from '../lake/atomic-file';
import type { TransactionFact } from '../load-transactions';
import { TransactionLoader } from '../load-transactions';
import { normaliseIsrc } from '../names';
import type { LoadContext, SourceStream } from '../source-stream';
import { type BankDetailsRow, looksLikeBankDetails, parseBankDetails } from './bank-details.parser';

const STAGING_HEADER = [
  'source_line', 'content_hash', 'reporting_date', 'sale_month', 'store', 'artist', 'title', 'isrc', 'upc', 'quantity',
  'team_percentage', 'product_type', 'country', 'gross_nano', 'withheld_nano', 'net_nano', 'currency',
];

/**
 * The identity of a statement line: its core columns in canonical form (amounts as nano-units, so
 * `0.0100` and `0.01` agree). The newer export's extra columns are left out so that switching
 * export format does not make old lines look new.
 */
function contentHash(r: BankDetailsRow): string {
  const canonical = [
    r.reportingDate, r.saleMonth, r.store, r.artist, r.title, r.isrc ?? '', r.upc ?? '', r.quantity, r.teamPercentage,
    r.songOrAlbum, r.country ?? '', r.withheldNano, r.earningsNano,
  ].join('\u001f');
  return crypto.createHash('sha1').update(canonical).digest('base64url');
}

interface LineDimensions {
  artistId: number | null;
  trackId: number | null;
  releaseId: number | null;
  storeId: number;
  platformId: number;
}

/** Resolves the dimensions of a line (artists, release, track, store → platform), creating what is new. */
async function resolveDimensions(ctx: LoadContext, r: BankDetailsRow): Promise<LineDimensions> {
  const artistIds = r.artist ? await ctx.dims.billingArtistIds(r.artist) : [];
  // An album line sells a release, not a recording: it is titled with the release and has no ISRC.
  const isAlbum = /^album$/i.test(r.songOrAlbum);
  const releaseId = r.upc ? await ctx.dims.releaseId(r.upc, isAlbum ? r.title : null) : null;
  const isrc = r.isrc ? normaliseIsrc(r.isrc) : null;
  const trackId = !isAlbum && (r.title || isrc) ? await ctx.dims.trackId({ title: r.title, isrc, artistIds, releaseId }) : null;
  const { storeId, platformId } = await ctx.dims.store('distrokid', r.store);
  return { artistId: artistIds[0] ?? null, trackId, releaseId, storeId, platformId };
}

// A catalogue repeats the same few thousand (billing, title, codes, store) combinations across
// millions of lines: remembering them skips name folding and awaits on all but the first.
const MEMO_LIMIT = 100_000;

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

/** DistroKid's bank details export: the money. Raw keeps the validated lines; staging the typed ones. */
export const distrokidBankDetails: SourceStream = {
  service: 'distrokid',
  stream: 'bank_details',
  recognise: (name, head) => /^dk_bank_details/i.test(name) || looksLikeBankDetails(head.split(/\r\n|\r|\n/, 1)[0] ?? ''),
  async load(ctx) {
    const base = ctx.landed.file.split('/').pop()!.replace(/\.[^.]+$/, '');
    const raw = ctx.openZoneFile('raw', `${base}.tsv`);
    const staging = ctx.openZoneFile('staging', `${base}.csv`);
    await staging.write(csvLine(STAGING_HEADER));
    const loader = await TransactionLoader.start(ctx.manager, ctx.dialect, ctx.sourceFileId);
    let rowsRead = 0;
    const memo = new Map<string, LineDimensions>();
    const input = fs.createReadStream(ctx.landed.absolutePath, { highWaterMark: 1 << 20 });
    for await (const batch of parseBankDetails(input, { file: ctx.landed.file, onBytes: ctx.onBytes })) {
      const facts: TransactionFact[] = [];
      const rawLines: string[] = [];
      const stagingLines: string[] = [];
      for (const r of batch) {
        const hash = contentHash(r);
        const key = `${r.artist}\u001f${r.title}\u001f${r.isrc ?? ''}\u001f${r.upc ?? ''}\u001f${r.store}\u001f${r.songOrAlbum}`;
        let dims = memo.get(key);
        if (!dims) {
          if (memo.size >= MEMO_LIMIT) memo.clear();
          dims = await resolveDimensions(ctx, r);
          memo.set(key, dims);
        }
        facts.push(toFact(r, hash, dims));
        rawLines.push(`${r.rawFields.join('\t')}\n`);
        stagingLines.push(
          csvLine([
            r.line, hash, r.reportingDate, r.saleMonth, r.store, r.artist, r.title, r.isrc, r.upc, r.quantity, r.teamPercentage,
            r.songOrAlbum, r.country, r.grossNano, r.withheldNano, r.netNano, 'USD',
          ]),
        );
      }
      rowsRead += batch.length;
      await loader.add(facts);
      await raw.write(rawLines.join(''));
      await staging.write(stagingLines.join(''));
    }
    const { inserted, skipped } = await loader.finish();
    return { rowsRead, rowsLoaded: inserted, rowsSkipped: skipped };
  },
};
