import type { Service } from '../config/config';
import { distrokidBankDetails } from './distrokid/bank-details.stream';
import { distrokidAppleMusicStats, distrokidStreamsStats } from './distrokid/stats-pages.stream';
import type { SourceStream } from './source-stream';

/** Every kind of file the pipeline can load, in recognition order (most specific first). */
export const SOURCE_STREAMS: readonly SourceStream[] = [distrokidBankDetails, distrokidStreamsStats, distrokidAppleMusicStats];

/** How many bytes of a file recognition looks at. */
export const RECOGNITION_HEAD_BYTES = 256 * 1024;

/** The stream a file belongs to, from its name and first bytes; limited to one service when the caller says which. */
export function recogniseStream(fileName: string, head: string, service?: Service): SourceStream | null {
  const candidates = SOURCE_STREAMS.filter((s) => !service || s.service === service);
  return candidates.find((s) => s.recognise(fileName, head)) ?? null;
}
