import type { SourceStream } from '../source-stream';

/** The tiktok streams the pipeline loads, in recognition order. */
export const TIKTOK_STREAMS: readonly SourceStream[] = [];
