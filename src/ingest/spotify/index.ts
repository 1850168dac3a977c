import type { SourceStream } from '../source-stream';

/** The spotify streams the pipeline loads, in recognition order. */
export const SPOTIFY_STREAMS: readonly SourceStream[] = [];
