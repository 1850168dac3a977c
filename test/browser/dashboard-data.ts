/**
 * Real data for the dashboard's Marketing and Pipeline views in browser tests: the demo's own
 * generated exports (DistroKid bank export and streams page, Meta Ads campaigns and daily insights,
 * TikTok Studio overviews and followers, Linktree, Spotify for Artists audience) through the
 * product's ingest, and quarantined files planted by ingesting bad files.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { planDemoExports, writeDemoExports } from '../../demo/catalogue';
import { planSourceExports } from '../../demo/other-sources';
import { bankDetailsChunks, bankDetailsTotals, type BankSampleOptions } from '../../demo/sample-exports/distrokid';
import { createLogger } from '../../src/config/logger';
import { IngestService } from '../../src/ingest/ingest-service';
import type { TestServer } from '../helpers/server';

/** The demo "as of" this moment, so every run writes the same files: campaigns run 2025-01-03…2025-07-01. */
export const DEMO_NOW = new Date('2025-07-02T12:00:00Z');
const KINDS = new Set([
  'streams_stats',
  'spotify_audience',
  'tiktok_overview',
  'tiktok_followers',
  'meta_campaigns',
  'meta_insights',
  'linktree',
]);

/** Writes and ingests the demo's exports that the Marketing view reads (and the newest bank export, for attribution). */
export async function loadMarketingData(server: TestServer, dir: string): Promise<void> {
  const plan = planDemoExports(DEMO_NOW);
  const bank = plan.files.filter((f) => f.kind === 'bank_details').at(-1)!;
  const files = [bank, ...plan.files.filter((f) => KINDS.has(f.kind)), ...planSourceExports(plan).files.filter((f) => KINDS.has(f.kind))];
  const written = writeDemoExports(dir, files);
  const summaries = await new IngestService(server.ds, server.lakeDir, createLogger('silent')).ingest(written.map((w) => w.path));
  const notLoaded = summaries.filter((s) => s.status !== 'loaded');
  if (notLoaded.length) throw new Error(`demo exports did not load: ${JSON.stringify(notLoaded)}`);
}

/**
 * Writes and ingests what the insights read: the newest bank export (sale months for the revenue
 * forecast), both DistroKid streams pages (the earlier capture first, so today's restates it) and
 * the Apple Music stats. Returns the events the demo planted in the streams and the stats days.
 */
export async function loadInsightsData(
  server: TestServer,
  dir: string,
): Promise<Pick<ReturnType<typeof planDemoExports>, 'planted' | 'statsDays'>> {
  const plan = planDemoExports(DEMO_NOW);
  const bank = plan.files.filter((f) => f.kind === 'bank_details').at(-1)!;
  const files = [bank, ...plan.files.filter((f) => f.kind === 'streams_stats' || f.kind === 'applemusic_stats')];
  const ingest = new IngestService(server.ds, server.lakeDir, createLogger('silent'));
  // One file at a time, in the plan's order: the earlier streams capture is loaded before the one that restates it.
  for (const w of writeDemoExports(dir, files)) {
    const [summary] = await ingest.ingest([w.path]);
    if (summary.status !== 'loaded') throw new Error(`demo export did not load: ${JSON.stringify(summary)}`);
  }
  return { planted: plan.planted, statsDays: plan.statsDays };
}

export interface PlantedFiles {
  /** A bank export filed under the wrong service (TooLost): UNKNOWN_SOURCE, loads when released as DistroKid. */
  wrongService: string;
  /** Rows that file holds (what its release loads). */
  wrongServiceRows: number;
  /** A bank export with a header nothing recognises: BAD_HEADER on line 1. */
  badHeader: string;
}

/** Quarantines two bad files through the real ingest, as an upload of the wrong file would. */
export async function plantQuarantinedFiles(server: TestServer, dir: string): Promise<PlantedFiles> {
  const write = (name: string, content: string) => {
    const file = path.join(dir, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
    return file;
  };
  const ingest = new IngestService(server.ds, server.lakeDir, createLogger('silent'));
  const sample: BankSampleOptions = {
    seed: 71,
    rows: 40,
    months: ['2024-07'],
    artists: [],
    tracks: [{ artist: 'ZONE A0', title: 'Night Drive', isrc: 'QZTAW2496365', upc: '197368123456' }],
  };
  const bank = [...bankDetailsChunks(sample)].join('');
  const [wrong] = await ingest.ingest([write('wrong/dk_bank_details_20250105_000000.tsv', bank)], { service: 'toolost' });
  const [bad] = await ingest.ingest([write('bad/dk_bank_details_20250102_000000.tsv', 'Date\tAmount\r2024-01-01\t1\r')]);
  if (wrong.status !== 'quarantined' || bad.status !== 'quarantined') throw new Error('the planted files were not quarantined');
  return { wrongService: wrong.landingFile!, wrongServiceRows: bankDetailsTotals(sample).rows, badHeader: bad.landingFile! };
}

/** A DataTable's rows as header label → shown text (textContent: rows scrolled out of the box count too). */
export function tableRows(page: Page, name: string): Promise<Array<Record<string, string>>> {
  return page.evaluate<Array<Record<string, string>>>(`(() => {
    const root = document.querySelector(${JSON.stringify(`[data-table="${name}"]`)});
    if (!root) return [];
    const labels = [...root.querySelectorAll('thead th')].map((th) => (th.textContent || '').trim());
    return [...root.querySelectorAll('tbody tr')]
      .filter((tr) => !tr.querySelector('td.empty'))
      .map((tr) => Object.fromEntries([...tr.querySelectorAll('td')].map((td, i) => [labels[i], (td.textContent || '').trim()])));
  })()`);
}

/** RFC 4180 CSV with quoted cells (commas, quotes and line breaks inside a cell). */
export function parseQuotedCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      rows.push([...row, cell]);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  if (cell !== '' || row.length) rows.push([...row, cell]);
  return rows;
}
