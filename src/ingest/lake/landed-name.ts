import type { LoadContext } from '../source-stream';

/** The landed file's name without folder or extension: a stream's raw and staging files are named after it. */
export function landedBaseName(ctx: LoadContext): string {
  return ctx.landed.file
    .split('/')
    .pop()!
    .replace(/\.[^.]+$/, '');
}
