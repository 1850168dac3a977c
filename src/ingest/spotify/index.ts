import type { SourceStream } from '../source-stream';
import { spotifyAudience } from './audience.stream';
import { spotifySongs } from './songs.stream';

/** The spotify streams the pipeline loads, in recognition order. */
export const SPOTIFY_STREAMS: readonly SourceStream[] = [spotifySongs, spotifyAudience];
