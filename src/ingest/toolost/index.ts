import type { SourceStream } from '../source-stream';
import { toolostAppleAnalytics } from './apple-analytics.stream';
import { toolostSalesReport } from './sales-report.stream';
import { toolostSpotifyAnalytics } from './spotify-analytics.stream';

/** The toolost streams the pipeline loads, in recognition order. */
export const TOOLOST_STREAMS: readonly SourceStream[] = [toolostSpotifyAnalytics, toolostAppleAnalytics, toolostSalesReport];
