import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { type Connection, idPage, mapNodes } from '../analytics/pagination';
import type { Service } from '../config/config';
import type { SourceFile } from '../entities/source-file.entity';
import { ArgumentError } from '../errors/argument-error';
import { IngestService } from '../ingest/ingest-service';
import { configuredLinks } from '../ingest/identity/identity-service';
import { PostLoadHooks } from '../jobs/post-load/post-load-hooks';
import { QuarantineReview, storedReason } from '../ingest/quarantine-review';
import { connectionCost } from './complexity';
import type { RequestContext } from './context';
import { Role } from './role';
import { ServiceEnum } from './types/ingestion.types';
import { QuarantinedFileConnection, QuarantinedFileType, QuarantineReleaseType } from './types/quarantine.types';

function review(ctx: RequestContext): QuarantineReview {
  return new QuarantineReview(
    ctx.ds,
    new IngestService(ctx.ds, ctx.config.dataLakeDir, ctx.logger, {
      limits: { maxFileBytes: ctx.config.ingest.maxFileBytes },
      configuredLinks: configuredLinks(ctx.config.extractors),
      afterLoads: new PostLoadHooks(ctx.ds, ctx.config, ctx.logger).afterLoads,
    }),
    ctx.logger,
  );
}

/** A landing file as the API shows it, with its stored reason. */
function toType(row: SourceFile): QuarantinedFileType {
  return {
    id: String(row.id),
    service: row.service,
    stream: row.stream,
    landingFile: row.path,
    originalName: row.originalName,
    sizeBytes: row.sizeBytes,
    status: row.status,
    finishedAt: row.finishedAt,
    reason: storedReason(row),
    resolution: row.resolution,
    resolvedBy: row.resolvedBy,
    resolvedAt: row.resolvedAt,
  };
}

function sourceFileId(id: string): number {
  if (!/^\d{1,15}$/.test(id)) throw new ArgumentError(`id: "${id}" is not a source file id`);
  return Number(id);
}

/** Quarantined files for the dashboard: list them with their reasons, release or dismiss one. */
@Resolver()
export class QuarantineResolver {
  @Role('ADMIN')
  @Query(() => QuarantinedFileConnection, {
    complexity: connectionCost,
    description:
      'Files currently quarantined (status QUARANTINED), oldest first, with their reasons. Released-and-loaded or dismissed files are not listed.',
  })
  async quarantinedFiles(
    @Arg('service', () => ServiceEnum, {
      nullable: true,
      description: 'Only this source (files not recognised at all are under no source: omit it to see them).',
    })
    service: Service | null,
    @Arg('first', () => Int, { nullable: true, description: 'Page size (at most MAX_PAGE_SIZE).' }) first: number | null,
    @Arg('after', () => String, { nullable: true, description: 'Cursor of the last item of the previous page.' }) after: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<Connection<QuarantinedFileType>> {
    const filter = { service: service ?? undefined };
    const quarantine = review(ctx);
    return mapNodes(
      await idPage(
        { first, after, maxPageSize: ctx.config.limits.maxPageSize },
        (limit, afterId) => quarantine.listRows(filter, limit, afterId),
        () => quarantine.count(filter),
      ),
      toType,
    );
  }

  @Role('ADMIN')
  @Mutation(() => QuarantineReleaseType, {
    description:
      'Re-runs a quarantined file through its cleaner (after a fix, an upgrade, or naming its service). It ends LOADED, SKIPPED (content already loaded), or QUARANTINED again with the new reason (then counted again). Recorded with who and when.',
  })
  async releaseQuarantinedFile(
    @Arg('file', { description: 'Landing path (landingFile of quarantinedFiles), quarantine path, or the file name when unique.' })
    file: string,
    @Arg('service', () => ServiceEnum, {
      nullable: true,
      description: 'Load it as a file of this source (for a file that was not recognised, or recognised as the wrong source).',
    })
    service: Service | null,
    @Ctx() ctx: RequestContext,
  ): Promise<QuarantineReleaseType> {
    const { file: row, summary } = await review(ctx).release(file, ctx.principal.name, { service: service ?? undefined });
    return { file: toType(row), rowsLoaded: summary.rowsLoaded, message: summary.message };
  }

  @Role('ADMIN')
  @Mutation(() => QuarantinedFileType, {
    description:
      'Acknowledges a quarantined file without loading it: status DISMISSED, recorded with who and when, no longer counted by pipelineHealth.',
  })
  async dismissQuarantinedFile(
    @Arg('file', { description: 'Landing path, quarantine path, or the file name when unique.' }) file: string,
    @Arg('note', () => String, { nullable: true, description: 'Why it is dismissed; kept in the reason file history.' })
    note: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<QuarantinedFileType> {
    return toType(await review(ctx).dismiss(file, ctx.principal.name, note ?? undefined));
  }

  @Role('ADMIN')
  @Query(() => QuarantinedFileType, {
    nullable: true,
    description: 'One landing file by its source file id, whatever its status (to follow a release or dismissal).',
  })
  async sourceFile(
    @Arg('id', () => ID, { description: 'The id of a QuarantinedFile.' }) id: string,
    @Ctx() ctx: RequestContext,
  ): Promise<QuarantinedFileType | null> {
    const row = await review(ctx).byId(sourceFileId(id));
    return row ? toType(row) : null;
  }
}
