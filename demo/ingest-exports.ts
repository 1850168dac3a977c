/** The demo's ingest: every generated file in one run, recognised by its name as a real drop folder would be. */
import type { DataSource } from 'typeorm';
import type { AppConfig } from '../src/config/config';
import type { Logger } from '../src/config/logger';
import { configuredLinks } from '../src/ingest/identity/identity-service';
import { type FileSummary, IngestService } from '../src/ingest/ingest-service';
import { fileSummaryLine } from '../src/cli/file-summary';
import { PostLoadHooks } from '../src/jobs/post-load/post-load-hooks';
import { out, rel } from './console-output';

/** Ingests the files and prints one line each and a summary. Answers whether every file loaded or was already loaded. */
export async function ingestDemoExports(ds: DataSource, config: AppConfig, logger: Logger, paths: string[]): Promise<boolean> {
  out();
  out(
    `Ingesting into ${config.database.kind === 'sqlite' ? `sqlite:${rel(config.database.path)}` : 'PostgreSQL'} through the lake at ${rel(config.dataLakeDir)}/:`,
  );
  const summaries = await new IngestService(ds, config.dataLakeDir, logger, {
    limits: { maxFileBytes: config.ingest.maxFileBytes },
    configuredLinks: configuredLinks(config.extractors),
    curated: { archiveKeep: config.curatedArchiveKeep },
    afterLoads: new PostLoadHooks(ds, config, logger).afterLoads,
  }).ingest(
    paths,
    // No service: every file is recognised by its name, as a real drop folder of mixed exports would be.
    { origin: 'npm run demo (generated sample exports)' },
  );
  for (const s of summaries) out(fileSummaryLine(s));
  const count = (status: FileSummary['status']) => summaries.filter((s) => s.status === status).length;
  out(
    `${summaries.length} files: ${count('loaded')} loaded, ${count('skipped')} skipped, ${count('quarantined')} quarantined, ${count('failed')} failed`,
  );
  if (count('skipped') === summaries.length)
    out('All files were already loaded by an earlier demo run (same content): nothing was added, the totals below are unchanged.');
  else if (count('skipped') > 0)
    out(`${count('skipped')} of the files were already loaded by an earlier demo run (same content): they added nothing.`);
  const ok = count('quarantined') + count('failed') === 0;
  if (!ok) out("Some files did not load: see the lines above (and the lake's quarantine folder).");
  return ok;
}
