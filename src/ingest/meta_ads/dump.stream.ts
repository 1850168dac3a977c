import path from 'node:path';
import { LakeValidationError } from '../lake/validation-error';
import type { SourceStream } from '../source-stream';
import { arrayRecords, campaignRecord, entityRecord, insightRecord } from './graph-records';
import { parseJsonText, readLandedText } from './json-file';
import { loadCampaigns } from './load-campaigns';
import { loadInsights } from './load-insights';
import { DUMP_FOLDER_RE, dumpFileOf } from './sniff';
import { writeRaw } from './zone-files';

/**
 * Older extractions: a folder `meta_ads_dump_<ts>/` of four JSON arrays, each landed and loaded
 * on its own (the folder's stamp is the extraction time). insights.json holds ad set totals
 * over a period (often date_preset=maximum), so it feeds campaign_period_totals only.
 * adsets.json and ads.json have no warehouse table yet: they are validated and kept in raw.
 */
export const metaAdsDump: SourceStream = {
  service: 'meta_ads',
  stream: 'dump',
  recognise: (name, _head, folder) => DUMP_FOLDER_RE.test(folder) && dumpFileOf(name) !== null,
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
        return loadCampaigns(ctx, records.map((r) => campaignRecord(r, file)));
      case 'insights.json':
        return loadInsights(ctx, records.map((r) => insightRecord(r, file)), { periodsOnly: true });
      case 'adsets.json':
      case 'ads.json': {
        const objects = records.map((r) => entityRecord(r, file, which === 'ads.json' ? 'an ad' : 'an ad set'));
        await writeRaw(ctx, objects);
        return { rowsRead: objects.length, rowsLoaded: 0, rowsSkipped: 0 };
      }
    }
  },
};
