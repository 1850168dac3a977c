/**
 * Mixed batch: realistic-size files for all six sources, made with the project's deterministic
 * sample generators, ingested source by source into ONE fresh warehouse (so it accumulates as in
 * production), each source's files by one IngestService.ingest call in its own ingest child (same
 * heap limit as `npm run ingest`). Reports per source: files, rows read / loaded, wall time, rows/s
 * and the child's peak RSS, plus the batch's totals; every file must end with status `loaded`.
 */
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { appleMusicStatsHtml, streamsStatsHtml } from '../demo/sample-exports/distrokid-stats-pages';
import { linktreeCapture } from '../demo/sample-exports/linktree';
import { type CatalogueEntry, metaAdsSample } from '../demo/sample-exports/meta_ads';
import { campaignsJson, insightsJson } from '../demo/sample-exports/meta_ads-graph-pages';
import { SONG_PERIODS } from '../src/ingest/spotify/file-names';
import { audienceCsv, audienceFileName, songsFileName, songsJson } from '../demo/sample-exports/spotify';
import { overviewSample } from '../demo/sample-exports/tiktok';
import { appleAnalyticsSample, salesReportSample, spotifyAnalyticsSample } from '../demo/sample-exports/toolost';
import {
  type BatchChildResult,
  type BatchFileOutcome,
  fmtInt,
  fmtMb,
  fmtMs,
  INGEST_CHILD_EXEC_ARGV,
  runIngestChild,
  table,
  type WarehouseSpec,
} from './common';
import { benchCatalogue, generateBankExport } from './generate';

export const MIXED_SOURCES = ['distrokid', 'toolost', 'spotify', 'tiktok', 'meta_ads', 'linktree'] as const;
export type MixedSource = (typeof MIXED_SOURCES)[number];

/** Sizes of the generated batch. The bank export dominates; the others are what the portals give for a year. */
export interface MixedOptions {
  /** Rows of the DistroKid bank export. */
  bankRows: number;
  /** Catalogue size (8 tracks per artist), as for the main bench export. */
  artists: number;
  /** Rows of the TooLost monthly sales report. */
  salesRows: number;
  /** Spotify for Artists artists (audience CSV + 5 song lists each). */
  spotifyArtists: number;
  /** TikTok handles (one 365-day Overview ZIP each). */
  tiktokHandles: number;
  /** Meta Ads campaigns (365 days of daily insights each, the last one paused with none). */
  metaCampaigns: number;
  /** Days of the year-long exports (stats pages, audience, TikTok, Meta, Linktree). */
  days: number;
}

export const DEFAULT_MIXED: Omit<MixedOptions, 'bankRows' | 'artists'> = {
  salesRows: 25_000,
  spotifyArtists: 4,
  tiktokHandles: 3,
  metaCampaigns: 20,
  days: 365,
};

export interface MixedGenerated {
  source: MixedSource;
  files: string[];
  bytes: number;
  genMs: number;
}

/** Every export is dated as if fetched on 2026-01-01, covering 2025 (the bank export covers 2023–2025). */
const STAMP = '20260101_000000';
const END_DATE = '2025-12-31';
const START_DATE = '2025-01-01';
const EXPORTED_AT = Date.UTC(2026, 0, 1) / 1000;

/** A 22-character base62 Spotify id per bench artist (the file names carry it). */
const spotifyId = (a: number): string => `BenchArtist${String(a + 1).padStart(3, '0')}`.padEnd(22, '0');
const handleOf = (name: string): string => name.toLowerCase().replace(/[^a-z0-9]+/g, '_');

/** Writes the batch under `dir/<source>/`; answers the files of each source in ingest order. */
export async function generateMixedBatch(dir: string, opts: MixedOptions): Promise<MixedGenerated[]> {
  const { artists, tracks } = benchCatalogue(opts.artists);
  const out: MixedGenerated[] = [];
  const source = async (
    name: MixedSource,
    make: (write: (file: string, data: string | Uint8Array) => string) => Promise<string[]>,
  ): Promise<void> => {
    const sub = path.join(dir, name);
    fs.mkdirSync(sub, { recursive: true });
    const t0 = performance.now();
    const write = (file: string, data: string | Uint8Array): string => {
      const p = path.join(sub, file);
      fs.writeFileSync(p, data, { flag: 'wx' });
      return p;
    };
    const files = await make(write);
    out.push({ source: name, files, bytes: files.reduce((s, f) => s + fs.statSync(f).size, 0), genMs: performance.now() - t0 });
  };

  await source('distrokid', async (write) => {
    const bank = path.join(dir, 'distrokid', `dk_bank_details_${STAMP}.tsv`);
    await generateBankExport(bank, opts.bankRows, opts.artists);
    return [
      bank,
      write(`streams_stats_${STAMP}.html`, streamsStatsHtml({ seed: 101, endDate: END_DATE, days: opts.days }).html),
      write(`applemusic_stats_${STAMP}.html`, appleMusicStatsHtml({ seed: 102, endDate: END_DATE, days: opts.days }).html),
    ];
  });

  await source('toolost', async (write) => [
    write(`toolost_spotify_${STAMP}.json`, spotifyAnalyticsSample({ seed: 201, endDate: END_DATE }).json),
    write(
      `toolost_apple_${STAMP}.json`,
      appleAnalyticsSample({
        seed: 202,
        endDate: END_DATE,
        tracks: tracks.map((t) => ({ isrc: t.isrc, title: t.title, release: `Release ${t.upc}` })),
      }).json,
    ),
    write(
      `toolost_sales_11-2025_20251215_120000.csv`,
      salesReportSample({ seed: 203, month: '11-2025', rows: opts.salesRows, variant: 'earnings', tracks }).csv,
    ),
  ]);

  await source('spotify', async (write) => {
    const files: string[] = [];
    for (let a = 0; a < Math.min(opts.spotifyArtists, artists.length); a++) {
      const name = artists[a];
      const titles = tracks.filter((t) => t.artist === name).map((t) => t.title);
      files.push(
        write(audienceFileName(name, STAMP, spotifyId(a)), audienceCsv({ seed: 300 + a, endDate: END_DATE, days: opts.days }).csv),
      );
      for (const period of SONG_PERIODS)
        files.push(write(songsFileName(name, period, STAMP, spotifyId(a)), songsJson({ seed: 310 + a, titles, period }).json));
    }
    return files;
  });

  await source('tiktok', async (write) => {
    const files: string[] = [];
    for (let h = 0; h < Math.min(opts.tiktokHandles, artists.length); h++) {
      const sample = overviewSample({
        seed: 400 + h,
        startDate: START_DATE,
        days: opts.days,
        handle: handleOf(artists[h]),
        exportedAt: EXPORTED_AT,
      });
      files.push(write(sample.fileName, sample.zip));
    }
    return files;
  });

  await source('meta_ads', async (write) => {
    // Campaign names refer to catalogue artists and tracks, with the loose spellings ads people use.
    const catalogue: CatalogueEntry[] = artists.slice(0, 5).map((artist) => ({
      artist,
      spellings: [artist, artist.toLowerCase().replace(/ /g, '_'), artist.replace(/ /g, '')],
      tracks: tracks.filter((t) => t.artist === artist).map((t) => t.title),
    }));
    const sample = metaAdsSample({ seed: 501, startDate: START_DATE, days: opts.days, campaigns: opts.metaCampaigns, catalogue });
    return [
      write(`meta_campaigns_${STAMP}.json`, campaignsJson(sample, { seed: 502 })),
      write(`meta_insights_20260101_000100.json`, insightsJson(sample, { seed: 503 })),
    ];
  });

  await source('linktree', async (write) => [
    write(
      `linktree_benchlabel_365d_${STAMP}.json`,
      linktreeCapture({ seed: 601, endDate: END_DATE, windowDays: opts.days, username: 'benchlabel' }).json,
    ),
  ]);
  return out;
}

export interface MixedSourceResult {
  source: MixedSource;
  files: number;
  filesLoaded: number;
  bytes: number;
  genMs: number;
  rowsRead: number;
  rowsLoaded: number;
  rowsSkipped: number;
  /** IngestService.ingest over the source's files, in the child. */
  ingestMs: number;
  ingestCpuMs: number;
  /** Fork to exit of the child: adds node start-up, opening the warehouse and the post-ingest counts. */
  childWallMs: number;
  rowsPerSec: number;
  rssBeforeIngestBytes: number;
  peakRssBytes: number;
  heapUsedPeakBytes: number;
  perFile: BatchFileOutcome[];
  warehouseRowsAfter: Record<string, number>;
}

export interface MixedReport {
  options: MixedOptions;
  database: string;
  sources: MixedSourceResult[];
  totals: {
    files: number;
    filesLoaded: number;
    bytes: number;
    rowsRead: number;
    rowsLoaded: number;
    rowsSkipped: number;
    ingestMs: number;
    childWallMs: number;
    rowsPerSec: number;
    /** The largest peak RSS of the per-source children. */
    peakRssBytes: number;
    /** Generation of all files (not part of any ingest figure). */
    genMs: number;
  };
  /** Files whose status is not `loaded`, with the pipeline's message. */
  notLoaded: Array<{ source: MixedSource; file: string; status: string; message: string }>;
  /** Sources whose child failed outright (no per-file report). */
  childErrors: Array<{ source: MixedSource; error: string }>;
  ok: boolean;
}

export interface MixedRunContext {
  /** A fresh, empty warehouse (PostgreSQL database already created). */
  spec: WarehouseSpec;
  /** Where to write the generated files. */
  dir: string;
  options: MixedOptions;
  children: Set<ChildProcess>;
  log: (msg: string) => void;
  interrupted: () => boolean;
}

/** Generates the batch and ingests it source by source, each in its own child, into one warehouse. */
export async function runMixedBatch(ctx: MixedRunContext): Promise<MixedReport> {
  ctx.log(
    `mixed batch: generating files for ${MIXED_SOURCES.length} sources (bank export ${fmtInt(ctx.options.bankRows)} rows, sales report ${fmtInt(ctx.options.salesRows)} rows, ` +
      `${ctx.options.metaCampaigns} Meta campaigns × ${ctx.options.days} days) in ${ctx.dir}`,
  );
  const generated = await generateMixedBatch(ctx.dir, ctx.options);
  const sources: MixedSourceResult[] = [];
  const notLoaded: MixedReport['notLoaded'] = [];
  const childErrors: MixedReport['childErrors'] = [];
  for (const g of generated) {
    if (ctx.interrupted()) throw new Error('interrupted');
    ctx.log(`mixed batch: ingesting ${g.source} (${g.files.length} files, ${fmtMb(g.bytes)}) in a child process`);
    const c0 = performance.now();
    let r: BatchChildResult;
    try {
      r = await runIngestChild<BatchChildResult>(
        { kind: 'batch', spec: ctx.spec, label: g.source, files: g.files },
        INGEST_CHILD_EXEC_ARGV,
        ctx.children,
        `mixed batch ${g.source}`,
      );
    } catch (err) {
      const error = err instanceof Error ? err.message : String(err);
      ctx.log(`mixed batch: ${g.source} FAILED: ${error}`);
      childErrors.push({ source: g.source, error });
      continue;
    }
    const childWallMs = performance.now() - c0;
    const sum = (k: 'rowsRead' | 'rowsLoaded' | 'rowsSkipped') => r.files.reduce((s, f) => s + f[k], 0);
    const rowsRead = sum('rowsRead');
    for (const f of r.files)
      if (f.status !== 'loaded') notLoaded.push({ source: g.source, file: path.basename(f.file), status: f.status, message: f.message });
    const res: MixedSourceResult = {
      source: g.source,
      files: r.files.length,
      filesLoaded: r.files.filter((f) => f.status === 'loaded').length,
      bytes: g.bytes,
      genMs: g.genMs,
      rowsRead,
      rowsLoaded: sum('rowsLoaded'),
      rowsSkipped: sum('rowsSkipped'),
      ingestMs: r.ingestMs,
      ingestCpuMs: r.ingestCpuMs,
      childWallMs,
      rowsPerSec: rowsRead / (r.ingestMs / 1000),
      rssBeforeIngestBytes: r.rssBeforeIngestBytes,
      peakRssBytes: r.maxRssBytes,
      heapUsedPeakBytes: r.sampledPeaks.heapUsed,
      perFile: r.files.map((f) => ({ ...f, file: path.basename(f.file) })),
      warehouseRowsAfter: r.warehouseRows,
    };
    sources.push(res);
    ctx.log(
      `mixed batch: ${g.source}: ${res.filesLoaded}/${res.files} files loaded, ${fmtInt(res.rowsLoaded)} of ${fmtInt(rowsRead)} rows, ${fmtMs(res.ingestMs)}, peak RSS ${fmtMb(res.peakRssBytes)}`,
    );
  }
  const total = (k: 'files' | 'filesLoaded' | 'bytes' | 'rowsRead' | 'rowsLoaded' | 'rowsSkipped' | 'ingestMs' | 'childWallMs' | 'genMs') =>
    sources.reduce((s, x) => s + x[k], 0);
  const ingestMs = total('ingestMs');
  const files = total('files');
  return {
    options: ctx.options,
    database: ctx.spec.kind,
    sources,
    totals: {
      files,
      filesLoaded: total('filesLoaded'),
      bytes: total('bytes'),
      rowsRead: total('rowsRead'),
      rowsLoaded: total('rowsLoaded'),
      rowsSkipped: total('rowsSkipped'),
      ingestMs,
      childWallMs: total('childWallMs'),
      rowsPerSec: total('rowsRead') / (ingestMs / 1000),
      peakRssBytes: Math.max(0, ...sources.map((s) => s.peakRssBytes)),
      genMs: generated.reduce((s, g) => s + g.genMs, 0),
    },
    notLoaded,
    childErrors,
    ok: childErrors.length === 0 && notLoaded.length === 0 && files === generated.reduce((s, g) => s + g.files.length, 0),
  };
}

const fmtSize = (bytes: number): string => (bytes >= 1024 * 1024 ? fmtMb(bytes) : `${(bytes / 1024).toFixed(1)} KB`);

/** The mixed batch as text tables. */
export function formatMixed(m: MixedReport): string {
  const out: string[] = [];
  const rows: string[][] = [
    [
      'Mixed batch (one warehouse, one child per source)',
      'files',
      'loaded',
      'size',
      'rows read',
      'rows loaded',
      'wall time',
      'rows/s',
      'peak RSS',
    ],
  ];
  for (const s of m.sources) {
    rows.push([
      s.source,
      String(s.files),
      String(s.filesLoaded),
      fmtSize(s.bytes),
      fmtInt(s.rowsRead),
      fmtInt(s.rowsLoaded),
      fmtMs(s.ingestMs),
      fmtInt(s.rowsPerSec),
      fmtMb(s.peakRssBytes),
    ]);
  }
  for (const e of m.childErrors) rows.push([e.source, '', '', '', '', '', 'FAILED', '', '']);
  const t = m.totals;
  rows.push([
    'total',
    String(t.files),
    String(t.filesLoaded),
    fmtMb(t.bytes),
    fmtInt(t.rowsRead),
    fmtInt(t.rowsLoaded),
    fmtMs(t.ingestMs),
    fmtInt(t.rowsPerSec),
    `max ${fmtMb(t.peakRssBytes)}`,
  ]);
  out.push(table(rows));
  out.push(
    `  wall time = IngestService.ingest over the source's files (landing, loads, statistics, curated rebuild); rows/s = rows read / wall time.`,
    `  children fork→exit ${fmtMs(t.childWallMs)} in all (node start-up and opening the warehouse included); generation ${fmtMs(t.genMs)} (not timed in ingest).`,
  );
  const last = m.sources[m.sources.length - 1];
  if (last) {
    const counts = Object.entries(last.warehouseRowsAfter)
      .filter(([, n]) => n > 0)
      .map(([k, n]) => `${k} ${fmtInt(n)}`)
      .join(', ');
    out.push(`  warehouse after the batch: ${counts}`);
  }
  if (m.notLoaded.length > 0) {
    out.push('  NOT LOADED:');
    for (const f of m.notLoaded) out.push(`    ${f.source}: ${f.file}: ${f.status}: ${f.message}`);
  }
  for (const e of m.childErrors) out.push(`  ${e.source}: child FAILED: ${e.error}`);
  out.push(m.ok ? '  all files loaded' : '  MIXED BATCH INCOMPLETE: see above');
  return out.join('\n');
}
