import type { SourceStream } from '../source-stream';

/** The toolost streams the pipeline loads, in recognition order. */
export const TOOLOST_STREAMS: readonly SourceStream[] = [];
