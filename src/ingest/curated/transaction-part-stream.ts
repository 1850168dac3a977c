import type { EntityManager } from 'typeorm';
import { type Dialect, dialectOf, SqlParams } from '../../db/dialect';
import { type AtomicFileWriter, csvCell, csvLine } from '../lake/atomic-file';
import { dimensionCells, type DimensionCells, dimensionCellsOf, type LineDimensionIds, TRANSACTIONS_HEADER } from './transaction-parts';

/** The dimension tables a line names, with the column each cell shows. */
const DIMENSIONS = [
  ['stores', 'stores', 'name'],
  ['platforms', 'platforms', 'code'],
  ['artists', 'artists', 'name'],
  ['trackTitles', 'tracks', 'title'],
  ['trackIsrcs', 'tracks', 'isrc'],
  ['releases', 'releases', 'upc'],
] as const;

/**
 * A batch's lines of the curated part without their dimension cells, formatted on the parse side
 * (statementLineHead, then a comma, then a comma and statementLineTail and a line break, per line):
 * line k's dimension cells go at offset `cuts[k]` of `text`.
 */
export interface PartLinesText {
  text: string;
  cuts: Int32Array;
}

/**
 * Writes a file's curated statement-lines part while the file loads, from its lines as they stream
 * (file line order; the parse side formats all but the dimension cells, spliced in here), beside
 * raw/ and staging/: the curated rebuild then finds the part present and never reads the new lines
 * back. The writer is the load's own lake file, published by the same rename after the commit, so a
 * failed load leaves nothing. The part must equal what a rebuild would write from the warehouse, so
 * `keep()` gives it up (and the rebuild writes it) when the load skipped lines the warehouse already
 * had, or when a dimension cell changed during the load (a track that got its ISRC from a later
 * line): the lines written before would show the old cell. Both dialects: every cell comes from the
 * row as parsed (dates as 'YYYY-MM-DD' text, nano-units as text) or from a dimension table as text,
 * which is how the rebuild renders them on each.
 */
export class TransactionPartStream {
  /** Cells of the dimension rows seen so far, as they were when first written. */
  private readonly names: DimensionCells = {
    stores: new Map(),
    platforms: new Map(),
    artists: new Map(),
    trackTitles: new Map(),
    trackIsrcs: new Map(),
    releases: new Map(),
  };
  /** The joined dimension cells per resolved-dimensions object (the resolver answers the same object for a repeated line). */
  private readonly prefixes = new Map<LineDimensionIds, string>();
  private lines = 0;

  private constructor(
    private readonly manager: EntityManager,
    private readonly dialect: Dialect,
    private readonly writer: AtomicFileWriter,
  ) {}

  static async start(manager: EntityManager, writer: AtomicFileWriter): Promise<TransactionPartStream> {
    await writer.write(csvLine(TRANSACTIONS_HEADER));
    return new TransactionPartStream(manager, dialectOf(manager.connection), writer);
  }

  /** Appends a batch's lines (in file order); `dims[k]` is the resolver's object for line k. */
  async add(lines: PartLinesText, dims: readonly LineDimensionIds[]): Promise<void> {
    const { text, cuts } = lines;
    const n = cuts.length;
    if (!n) return;
    const pieces = new Array<string>(2 * n + 1);
    let from = 0;
    for (let k = 0; k < n; k++) {
      pieces[2 * k] = text.slice(from, cuts[k]);
      pieces[2 * k + 1] = this.prefixes.get(dims[k]) ?? (await this.prefixOf(dims[k]));
      from = cuts[k];
    }
    pieces[2 * n] = text.slice(from);
    this.lines += n;
    await this.writer.write(pieces.join(''));
  }

  private async prefixOf(d: LineDimensionIds): Promise<string> {
    const ids: Record<keyof DimensionCells, number | string | null> = {
      stores: d.storeId,
      platforms: d.platformId,
      artists: d.artistId,
      trackTitles: d.trackId,
      trackIsrcs: d.trackId,
      releases: d.releaseId,
    };
    for (const [key, table, column] of DIMENSIONS) {
      const id = ids[key];
      if (id == null || this.names[key].has(Number(id))) continue;
      const p = new SqlParams(this.dialect);
      const rows = await this.manager.query<Array<Record<string, string | null>>>(
        `SELECT ${column} AS cell FROM ${table} WHERE id = ${p.add(id)}`,
        p.values,
      );
      this.names[key].set(Number(id), csvCell(rows[0]?.cell));
    }
    const prefix = dimensionCellsOf(this.names, d);
    if (this.prefixes.size >= 100_000) this.prefixes.clear();
    this.prefixes.set(d, prefix);
    return prefix;
  }

  /**
   * Whether the part written is the one a rebuild would write: every line was new (`inserted` of
   * them), and no dimension cell it shows changed since it was written (read again here, inside
   * the load's transaction, so what it checks is what commits).
   */
  async keep(inserted: number): Promise<boolean> {
    if (inserted === 0 || inserted !== this.lines) return false;
    const now = await dimensionCells(this.manager);
    for (const key of Object.keys(this.names) as Array<keyof DimensionCells>)
      for (const [id, cell] of this.names[key]) if ((now[key].get(id) ?? '') !== cell) return false;
    return true;
  }
}
