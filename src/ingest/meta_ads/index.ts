import type { SourceStream } from '../source-stream';

/** The meta_ads streams the pipeline loads, in recognition order. */
export const META_ADS_STREAMS: readonly SourceStream[] = [];
