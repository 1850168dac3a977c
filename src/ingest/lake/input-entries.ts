import fs from 'node:fs';
import path from 'node:path';
import { InputError } from './input-error';
import { MANIFEST_SUFFIX } from './landing-manifest';

/** One entry found under the inputs: a regular file to ingest, or why the entry is left out. */
export type InputEntry = { path: string; problem?: undefined } | { path: string; problem: InputError };

export interface ExpandOptions {
  /** Follow symlinks that point outside the folders given (never by default). */
  followSymlinks?: boolean;
}

function kindOf(stat: fs.Stats): string {
  if (stat.isFIFO()) return 'a FIFO (named pipe)';
  if (stat.isSocket()) return 'a socket';
  if (stat.isCharacterDevice()) return 'a character device';
  if (stat.isBlockDevice()) return 'a block device';
  return 'not a regular file';
}

function isInside(real: string, roots: string[]): boolean {
  return roots.some((root) => real === root || real.startsWith(root.endsWith(path.sep) ? root : `${root}${path.sep}`));
}

function accessProblem(err: unknown, what: string): InputError {
  const code = (err as NodeJS.ErrnoException).code ?? 'EIO';
  if (code === 'ENOENT') return new InputError('NOT_FOUND', `${what} does not exist`);
  if (code === 'ELOOP') return new InputError('SYMLINK_LOOP', `${what} is a symlink loop`, 'skipped');
  return new InputError('UNREADABLE', `${what} cannot be read (${code})`);
}

/**
 * The files under the given paths, folders walked recursively in name order; dotfiles and lake
 * bookkeeping files are left out. Nothing here throws for one bad entry: a dangling symlink, a
 * loop, a FIFO, a device, a socket, an unreadable entry or a symlink leading outside the given
 * folders comes back with its problem, so the rest of the folder still loads. Paths named on the
 * command line are followed wherever they point (the user chose them); symlinks met inside
 * folders are followed only within those folders unless `followSymlinks`.
 */
export function expandInputs(inputs: string[], options: ExpandOptions = {}): InputEntry[] {
  const out: InputEntry[] = [];
  const roots = inputs.map((i) => path.resolve(i));
  const realRoots = roots.flatMap((r) => {
    try {
      return [fs.realpathSync(r)];
    } catch {
      return [];
    }
  });

  const visit = (p: string, topLevel: boolean, ancestors: ReadonlySet<string>): void => {
    let stat: fs.Stats;
    try {
      stat = fs.lstatSync(p);
    } catch (err) {
      out.push({ path: p, problem: accessProblem(err, 'the path') });
      return;
    }
    if (stat.isSymbolicLink()) {
      let real: string;
      try {
        real = fs.realpathSync(p);
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        let target = '?';
        try {
          target = fs.readlinkSync(p);
        } catch {
          /* the message still says it is dangling */
        }
        if (code === 'ENOENT')
          out.push({ path: p, problem: new InputError('DANGLING_SYMLINK', `dangling symlink (its target ${target} does not exist)`) });
        else out.push({ path: p, problem: accessProblem(err, 'the symlink') });
        return;
      }
      if (!topLevel && !options.followSymlinks && !isInside(real, realRoots)) {
        out.push({
          path: p,
          problem: new InputError(
            'SYMLINK_OUTSIDE',
            `symlink to ${real}, outside the folders given (not followed without --follow-symlinks)`,
            'skipped',
          ),
        });
        return;
      }
      try {
        stat = fs.statSync(real);
      } catch (err) {
        out.push({ path: p, problem: accessProblem(err, 'the symlink target') });
        return;
      }
    }
    if (stat.isDirectory()) {
      const real = fs.realpathSync(p);
      if (ancestors.has(real)) {
        out.push({ path: p, problem: new InputError('SYMLINK_LOOP', `symlink loop (leads back to ${real})`, 'skipped') });
        return;
      }
      let names: string[];
      try {
        names = fs.readdirSync(p).sort();
      } catch (err) {
        out.push({ path: p, problem: accessProblem(err, 'the folder') });
        return;
      }
      const inner = new Set(ancestors).add(real);
      for (const name of names) if (!name.startsWith('.')) visit(path.join(p, name), false, inner);
      return;
    }
    if (!stat.isFile()) {
      out.push({ path: p, problem: new InputError('NOT_A_FILE', `${kindOf(stat)}, not a data file`, 'skipped') });
      return;
    }
    if (p.endsWith(MANIFEST_SUFFIX) || p.endsWith('.reason.json')) return;
    try {
      fs.accessSync(p, fs.constants.R_OK);
    } catch (err) {
      out.push({ path: p, problem: accessProblem(err, 'the file') });
      return;
    }
    out.push({ path: p });
  };

  for (const root of roots) visit(root, true, new Set());
  return out;
}
