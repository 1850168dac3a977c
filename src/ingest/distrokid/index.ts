import type { SourceStream } from '../source-stream';
import { distrokidBankDetails } from './bank-details.stream';
import { distrokidAppleMusicStats, distrokidStreamsStats } from './stats-pages.stream';

export const DISTROKID_STREAMS: readonly SourceStream[] = [distrokidBankDetails, distrokidStreamsStats, distrokidAppleMusicStats];
