import path from 'node:path';
import { LakeValidationError } from '../lake/validation-error';
import type { SourceStream } from '../source-stream';
import { isDumpFile } from './dump-folder';
import { arrayRecords, campaignRecord, DUMP_INSIGHT_FIELDS, entityRecord, insightRecord } from './graph-records';
import { parseJsonText, readLandedText } from './json-file';
import { loadCampaigns } from './load-campaigns';
import { loadSnapshots } from './load-snapshots';
import { dumpFileOf } from './sniff';
import { writeRaw } from './zone-files';

/**
 * Older extractions: a folder `meta_ads_dump_<ts>/` or `<ts>/` of four JSON arrays, each landed
 * and loaded on its own (the folder's stamp is the extraction time). insights.json is a
 * cumulative lifetime snapshot per campaign (campaign or ad set grain), so it feeds
 * campaign_snapshots only. adsets.json and ads.json have no warehouse table yet: they are
 * validated and kept in raw.
 */
export const metaAdsDump: SourceStream = {
  service: 'meta_ads',
  stream: 'dump',
  recognise: (name, _head, folder, folderPath) => isDumpFile(name, folder, folderPath),
  async load(ctx) {
    const file = ctx.landed.file;
    const which = dumpFileOf(ctx.landed.originalName) ?? dumpFileOf(path.basename(file));
    if (which === null) {
      throw new LakeValidationError({
        code: 'UNSUPPORTED_STREAM',
        message: 'not one of the files of a Meta Ads dump folder',
        file,
        expected: 'campaigns.json, adsets.json, ads.json or insights.json',
        found: ctx.landed.originalName,
      });
    }
    const doc = parseJsonText(readLandedText(ctx, `a dump's ${which}`), file);
    const records = arrayRecords(doc, file);
    switch (which) {
      case 'campaigns.json':
        return loadCampaigns(
          ctx,
          records.map((r) => campaignRecord(r, file)),
        );
      case 'insights.json':
        return loadSnapshots(
          ctx,
          records.map((r) => insightRecord(r, file, DUMP_INSIGHT_FIELDS)),
        );
      case 'adsets.json':
      case 'ads.json': {
        const objects = records.map((r) => entityRecord(r, file, which === 'ads.json' ? 'an ad' : 'an ad set'));
        await writeRaw(ctx, objects);
        return { rowsRead: objects.length, rowsLoaded: 0, rowsSkipped: 0 };
      }
    }
  },
};
