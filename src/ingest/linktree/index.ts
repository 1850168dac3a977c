import type { SourceStream } from '../source-stream';
import { linktreeAnalytics } from './analytics.stream';

/** The linktree streams the pipeline loads, in recognition order. */
export const LINKTREE_STREAMS: readonly SourceStream[] = [linktreeAnalytics];
