import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import { InputError, isDiskFull } from './input-error';
import { type Lake, stampedName } from './lake';
import { LandingIndex } from './landing-index';
import { type LandingManifest, MANIFEST_SUFFIX } from './landing-manifest';

export { type LandingManifest, MANIFEST_SUFFIX } from './landing-manifest';

export interface LandedFile extends LandingManifest {
  absolutePath: string;
  /** True when the same content was already in landing (that landing file is returned, nothing was copied). */
  alreadyLanded: boolean;
  /** The source's size or modification time changed while it was copied: it was still being written. */
  changedWhileCopying?: boolean;
}

export interface LandingLimits {
  /** Files larger than this are refused before anything is copied. */
  maxFileBytes: number;
  /** Free bytes on the file system holding `dir`; a seam so a test can provoke a real ENOSPC mid-copy. */
  freeBytes?: (dir: string) => number;
}

/** Room kept free beyond the file itself, for its manifest and the lake's small bookkeeping files. */
const FREE_SPACE_MARGIN = 64 * 1024;

export function freeBytesOf(dir: string): number {
  const s = fs.statfsSync(dir);
  return s.bavail * s.bsize;
}

async function hashFile(file: string): Promise<string> {
  const hash = crypto.createHash('sha256');
  await pipeline(fs.createReadStream(file), hash);
  return hash.digest('hex');
}

/** A byte count for messages: exact, with a readable size beside it. */
export function bytesText(n: number): string {
  return n >= 1024 * 1024 ? `${n} bytes (${(n / 1024 / 1024).toFixed(1)} MiB)` : `${n} bytes`;
}

/**
 * Copies a file into `landing/<service>/<stream>/`, hashing it on the way, and writes its manifest.
 * The source is only read (through `fd` when the caller already opened it). Content already in
 * landing (same SHA-256, whatever its name) is not copied again: that landing file is returned.
 * A landing file is never overwritten: a different file with the same name gets a numbered suffix.
 * Refused before copying: a file over `limits.maxFileBytes`, or one the free space cannot hold.
 * A copy cut short (ENOSPC, read error) leaves no `.part` file behind.
 */
export async function landFile(
  lake: Lake,
  source: string,
  meta: {
    service: string;
    stream: string;
    origin: string;
    extractedAt: Date;
    extractorVersion: string;
    onBytes?: (n: number) => void;
    index?: LandingIndex;
    limits?: LandingLimits;
    fd?: number;
  },
): Promise<LandedFile> {
  const dir = lake.dir('landing', meta.service, meta.stream);
  fs.mkdirSync(dir, { recursive: true });
  const before = meta.fd === undefined ? fs.statSync(source) : fs.fstatSync(meta.fd);
  if (!before.isFile()) throw new InputError('NOT_A_FILE', 'not a regular file', 'skipped');
  if (meta.limits && before.size > meta.limits.maxFileBytes) {
    throw new InputError(
      'FILE_TOO_LARGE',
      `refused: ${bytesText(before.size)} is more than MAX_INGEST_FILE_BYTES (${bytesText(meta.limits.maxFileBytes)})`,
    );
  }
  const free = (meta.limits?.freeBytes ?? freeBytesOf)(dir);
  if (free < before.size + FREE_SPACE_MARGIN) {
    throw new InputError(
      'INSUFFICIENT_SPACE',
      `refused: not enough free space in the lake to land ${bytesText(before.size)} (${bytesText(free)} free)`,
    );
  }

  const name = stampedName(path.basename(source), meta.extractedAt);
  const tmp = path.join(dir, `.${name}.${process.pid}.part`);
  const manifestTmp = path.join(dir, `.${name}.${process.pid}.manifest.part`);
  const hash = crypto.createHash('sha256');
  let size = 0;
  const tap = new Transform({
    transform(chunk: Buffer, _enc, done) {
      hash.update(chunk);
      size += chunk.length;
      meta.onBytes?.(chunk.length);
      done(null, chunk);
    },
  });
  // A lent descriptor stays the caller's to close: a stream destroyed on error closes its fd even with
  // autoClose off, and the caller's own close would then fail (EBADF) or close a reused descriptor.
  const input =
    meta.fd === undefined
      ? fs.createReadStream(source)
      : fs.createReadStream('', {
          fd: meta.fd,
          autoClose: false,
          start: 0,
          fs: { read: fs.read, close: (_fd: number, done: (err: NodeJS.ErrnoException | null) => void) => done(null) },
        });
  const output = fs.createWriteStream(tmp, { flags: 'wx' });
  try {
    await pipeline(input, tap, output);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    // Under load the pipeline may report another stream's close first: the write side's own error says whether the disk filled.
    if (isDiskFull(err) || isDiskFull(output.errored))
      throw new InputError('DISK_FULL', `disk full while copying into landing after ${bytesText(size)} (the partial copy was removed)`);
    throw err;
  }
  const sha256 = hash.digest('hex');
  const after = meta.fd === undefined ? fs.statSync(source) : fs.fstatSync(meta.fd);
  const changedWhileCopying = after.size !== before.size || after.mtimeMs !== before.mtimeMs || size !== before.size;

  const index = meta.index ?? LandingIndex.scan(lake);
  const existing = index.find(sha256);
  if (existing) {
    fs.rmSync(tmp);
    return { ...existing, absolutePath: lake.absolute(existing.file), alreadyLanded: true, changedWhileCopying };
  }

  const ext = path.extname(name);
  let target = path.join(dir, name);
  let alreadyLanded = false;
  for (let n = 2; fs.existsSync(target); n++) {
    if ((await hashFile(target)) === sha256) {
      alreadyLanded = true;
      break;
    }
    target = path.join(dir, `${name.slice(0, name.length - ext.length)}_${n}${ext}`);
  }
  const manifest: LandingManifest = {
    service: meta.service,
    stream: meta.stream,
    file: lake.relative(target),
    originalName: path.basename(source),
    sha256,
    sizeBytes: size,
    extractedAt: meta.extractedAt.toISOString(),
    extractorVersion: meta.extractorVersion,
    origin: meta.origin,
  };
  if (alreadyLanded) {
    fs.rmSync(tmp);
    // A run killed between the two renames left the file without its manifest: complete it.
    if (!fs.existsSync(`${target}${MANIFEST_SUFFIX}`))
      fs.writeFileSync(`${target}${MANIFEST_SUFFIX}`, `${JSON.stringify(manifest, null, 2)}\n`, { flag: 'wx' });
  } else {
    // Manifest written beside the part file first: a full disk then leaves neither half.
    try {
      fs.writeFileSync(manifestTmp, `${JSON.stringify(manifest, null, 2)}\n`, { flag: 'wx' });
    } catch (err) {
      fs.rmSync(tmp, { force: true });
      fs.rmSync(manifestTmp, { force: true });
      if (isDiskFull(err)) throw new InputError('DISK_FULL', 'disk full while writing the landing manifest (the copy was removed)');
      throw err;
    }
    fs.renameSync(tmp, target);
    fs.renameSync(manifestTmp, `${target}${MANIFEST_SUFFIX}`);
    index.add(manifest);
  }
  return { ...manifest, absolutePath: target, alreadyLanded, changedWhileCopying };
}
