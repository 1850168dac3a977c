import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import { type Lake, stampedName } from './lake';

/** What the lake records beside every landing file. */
export interface LandingManifest {
  service: string;
  stream: string;
  file: string;
  originalName: string;
  sha256: string;
  sizeBytes: number;
  extractedAt: string;
  extractorVersion: string;
  origin: string;
}

export interface LandedFile extends LandingManifest {
  absolutePath: string;
  /** True when an identical file already sat at that landing path. */
  alreadyLanded: boolean;
}

export const MANIFEST_SUFFIX = '.manifest.json';

async function hashFile(file: string): Promise<string> {
  const hash = crypto.createHash('sha256');
  await pipeline(fs.createReadStream(file), hash);
  return hash.digest('hex');
}

/**
 * Copies a file into `landing/<service>/<stream>/`, hashing it on the way, and writes its manifest.
 * The source is only read. A landing file is never overwritten: a different file with the same
 * name gets a numbered suffix.
 */
export async function landFile(
  lake: Lake,
  source: string,
  meta: { service: string; stream: string; origin: string; extractedAt: Date; extractorVersion: string; onBytes?: (n: number) => void },
): Promise<LandedFile> {
  const dir = lake.dir('landing', meta.service, meta.stream);
  fs.mkdirSync(dir, { recursive: true });
  const name = stampedName(path.basename(source), meta.extractedAt);
  const tmp = path.join(dir, `.${name}.${process.pid}.part`);
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
  await pipeline(fs.createReadStream(source), tap, fs.createWriteStream(tmp, { flags: 'wx' }));
  const sha256 = hash.digest('hex');

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
  if (alreadyLanded) fs.rmSync(tmp);
  else fs.renameSync(tmp, target);

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
  if (!alreadyLanded) fs.writeFileSync(`${target}${MANIFEST_SUFFIX}`, `${JSON.stringify(manifest, null, 2)}\n`, { flag: 'wx' });
  return { ...manifest, absolutePath: target, alreadyLanded };
}
