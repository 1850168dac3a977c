import type { Service } from '../config/config';
import { DISTROKID_STREAMS } from './distrokid';
import { LINKTREE_STREAMS } from './linktree';
import { META_ADS_STREAMS } from './meta_ads';
import { SPOTIFY_STREAMS } from './spotify';
import { TIKTOK_STREAMS } from './tiktok';
import { TOOLOST_STREAMS } from './toolost';
import type { SourceStream } from './source-stream';

/** Every kind of file the pipeline can load, in recognition order (most specific first within a source). */
export const SOURCE_STREAMS: readonly SourceStream[] = [
  ...DISTROKID_STREAMS,
  ...TOOLOST_STREAMS,
  ...SPOTIFY_STREAMS,
  ...TIKTOK_STREAMS,
  ...META_ADS_STREAMS,
  ...LINKTREE_STREAMS,
];

/** How many bytes of a file recognition looks at. */
export const RECOGNITION_HEAD_BYTES = 256 * 1024;

/** The stream a file belongs to, from its name, first bytes and folder; limited to one service when the caller says which. */
export function recogniseStream(
  fileName: string,
  head: string,
  folder: string,
  service?: Service,
  folderPath?: string,
): SourceStream | null {
  const candidates = SOURCE_STREAMS.filter((s) => !service || s.service === service);
  return candidates.find((s) => s.recognise(fileName, head, folder, folderPath)) ?? null;
}
