/**
 * What a Spotify for Artists file name says: the artist (the Spotify id, mapped to an artist through
 * `artist_external_ids`, and in older captures the artist's name) and, for song lists, the time filter. The name part may
 * hold spaces, dots and underscores (`zone.a0`, `Zone A0`, `zone_a0`); the id is 22 base62 chars.
 */
export const SONG_PERIODS = ['1day', '7day', '28day', '1year', 'all'] as const;
export type SongPeriod = (typeof SONG_PERIODS)[number];

export const AUDIENCE_NAME_PATTERN = 'spotify_audience_<artistId>[_<artist name>]_<YYYYMMDD_HHMMSS>.csv';
export const SONGS_NAME_PATTERN = `spotify_songs_<artistId>[_<artist name>]_<${SONG_PERIODS.join('|')}>_<YYYYMMDD_HHMMSS>.json`;

const SPOTIFY_ID = /^[0-9A-Za-z]{22}$/;

/** The part between the stream prefix and the `_YYYYMMDD_HHMMSS` stamp (stamp and extension dropped). */
function middle(fileName: string, prefix: RegExp): string | null {
  const stem = fileName.replace(/\.[^.]*$/, '').replace(/_\d{8}_\d{6}(?:_\d+)?$/, '');
  const m = prefix.exec(stem);
  return m ? stem.slice(m[0].length) : null;
}

function splitId(rest: string): { spotifyId: string; after: string } | null {
  const cut = rest.indexOf('_');
  const spotifyId = cut === -1 ? rest : rest.slice(0, cut);
  return SPOTIFY_ID.test(spotifyId) ? { spotifyId, after: cut === -1 ? '' : rest.slice(cut + 1) } : null;
}

export interface AudienceFileName {
  spotifyId: string | null;
  artistName: string | null;
}

/**
 * `spotify_audience_<id>_<ts>.csv` (the real extractor's name: the id alone),
 * `spotify_audience_<id>_<name>_<ts>.csv`, or the portal's own download name
 * `<Artist Name>-audience-timeline.csv`. With neither id nor name the file cannot be attributed.
 */
export function parseAudienceFileName(fileName: string): AudienceFileName {
  const rest = middle(fileName, /^spotify_audience_/i);
  if (rest !== null) {
    const id = splitId(rest);
    if (id === null) return { spotifyId: null, artistName: null };
    return { spotifyId: id.spotifyId, artistName: id.after.trim() || null };
  }
  const portal = /^(.+?)[-_ ]audience[-_ ]timeline$/i.exec(fileName.replace(/\.[^.]*$/, '').replace(/_\d{8}_\d{6}(?:_\d+)?$/, ''));
  return { spotifyId: null, artistName: portal ? portal[1].trim() || null : null };
}

export interface SongsFileName {
  spotifyId: string | null;
  artistName: string | null;
  period: SongPeriod | null;
  /** The segment where the period was expected, for the reason of a quarantine. */
  periodText: string | null;
}

/** `spotify_songs_<id>_<name>_<period>_<ts>.json`: the period is the last segment before the stamp. */
export function parseSongsFileName(fileName: string): SongsFileName {
  const none: SongsFileName = { spotifyId: null, artistName: null, period: null, periodText: null };
  const rest = middle(fileName, /^spotify_songs_/i);
  if (rest === null) return none;
  const id = splitId(rest);
  if (id === null) return none;
  const cut = id.after.lastIndexOf('_');
  const last = cut === -1 ? id.after : id.after.slice(cut + 1);
  const period = (SONG_PERIODS as readonly string[]).find((p) => p === last.toLowerCase()) as SongPeriod | undefined;
  if (period === undefined) return { spotifyId: id.spotifyId, artistName: id.after.trim() || null, period: null, periodText: last || null };
  const name = cut === -1 ? '' : id.after.slice(0, cut).trim();
  return { spotifyId: id.spotifyId, artistName: name || null, period, periodText: last };
}
