import { LakeValidationError } from '../lake/validation-error';
import type { LoadContext } from '../source-stream';

/**
 * The artist a Spotify for Artists file belongs to. The warehouse keys artists by name and the
 * content carries none, so the name comes from the file name; the Spotify id alone would make
 * a fake artist named after an id, so a file without a name is refused rather than guessed at.
 */
export async function attributeArtist(ctx: LoadContext, artistName: string | null, expectedName: string): Promise<number> {
  if (artistName === null) {
    throw new LakeValidationError({
      code: 'BAD_HEADER',
      message: 'the artist cannot be attributed: the file name carries no artist name',
      file: ctx.landed.file,
      field: 'file name',
      expected: expectedName,
      found: ctx.landed.originalName,
    });
  }
  return ctx.dims.artistId(artistName);
}

/** The landing file's base name without extension: raw and staging files are named after it. */
export function baseName(ctx: LoadContext): string {
  return ctx.landed.file.split('/').pop()!.replace(/\.[^.]+$/, '');
}
