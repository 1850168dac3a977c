import { LakeValidationError } from '../lake/validation-error';
import type { LoadContext } from '../source-stream';

/**
 * The artist a Spotify for Artists file belongs to. The file name carries the Spotify artist id
 * (and, in older captures, the artist's name): a linked id wins, an id with a name records the
 * link, an unknown id alone loads under a placeholder artist named after it until someone links
 * it (`npm run artists -- link spotify <id> <name>`), which moves the facts to the real artist.
 * A name alone (the portal's `<Artist>-audience-timeline.csv`) is matched by name. A file with
 * neither cannot be attributed and is refused.
 */
export async function attributeArtist(
  ctx: LoadContext,
  named: { spotifyId: string | null; artistName: string | null },
  expectedName: string,
): Promise<number> {
  if (named.spotifyId !== null) return ctx.dims.externalArtistId('spotify', named.spotifyId, named.artistName);
  if (named.artistName !== null) return ctx.dims.artistId(named.artistName);
  throw new LakeValidationError({
    code: 'BAD_HEADER',
    message: 'the artist cannot be attributed: the file name carries neither a Spotify artist id nor an artist name',
    file: ctx.landed.file,
    field: 'file name',
    expected: expectedName,
    found: ctx.landed.originalName,
  });
}
