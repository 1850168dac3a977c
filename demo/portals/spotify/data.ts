import { SONG_PERIODS, type SongPeriod } from '../../../src/ingest/spotify/file-names';
import { audienceCsv, SAMPLE_ARTIST_ID, songsJson, type AudienceSampleDay, type SongSample } from '../../sample-exports/spotify';

/** One artist of the simulated Spotify for Artists team: what its pages and exports serve. */
export interface SpotifySimArtist {
  id: string;
  name: string;
  /** The 12-month audience time line, oldest day first (null = an empty or NaN cell). */
  audience: AudienceSampleDay[];
  /** The catalog API's songs per time filter. */
  songs: Record<SongPeriod, SongSample[]>;
}

export interface SpotifySimData {
  today: string;
  artists: SpotifySimArtist[];
}

/** What the simulator answers with, byte for byte (the truth above is derived from the same generator call). */
export interface SpotifySimPayloads {
  /** Audience CSV lines without the header, oldest first; the header separately. */
  audienceHeader: string;
  audienceLines: string[];
  songsJson: Record<SongPeriod, string>;
}

const ROSTER = [
  {
    id: SAMPLE_ARTIST_ID,
    name: 'ZONE A0',
    seed: 11,
    titles: ['Midnight Static', 'Glass Harbour', 'Low Orbit', 'Paper Lanterns', 'Quiet Engine', 'Neon Tide'],
  },
  { id: '4Z8W4fKeB5YxbusRsdQVPb', name: 'SXNCTUARY', seed: 23, titles: ['Holy Static', 'Cathedral Drift', 'Vesper'] },
];

export function spotifySimData(today: string): { data: SpotifySimData; payloads: Map<string, SpotifySimPayloads> } {
  const payloads = new Map<string, SpotifySimPayloads>();
  const artists = ROSTER.map((a): SpotifySimArtist => {
    const audience = audienceCsv({ seed: a.seed, endDate: today, days: 365 });
    const lines = audience.csv.split('\r\n').filter((l) => l !== '');
    const songs = {} as Record<SongPeriod, SongSample[]>;
    const json = {} as Record<SongPeriod, string>;
    for (const period of SONG_PERIODS) {
      const s = songsJson({ seed: a.seed, titles: a.titles, period });
      songs[period] = s.songs;
      json[period] = s.json;
    }
    payloads.set(a.id, { audienceHeader: lines[0], audienceLines: lines.slice(1), songsJson: json });
    return { id: a.id, name: a.name, audience: audience.days, songs };
  });
  return { data: { today, artists }, payloads };
}
