import type { SourceStream } from '../source-stream';
import { tiktokFollowers } from './followers.stream';
import { tiktokOverview } from './overview.stream';

/** The tiktok streams the pipeline loads, in recognition order. */
export const TIKTOK_STREAMS: readonly SourceStream[] = [tiktokOverview, tiktokFollowers];
