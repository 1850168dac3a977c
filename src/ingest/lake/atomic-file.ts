import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { utcStamp } from './lake';

/** Bytes handed to the file before a write waits: with the default (16 KiB) every 1 MiB chunk waited for its write to finish. */
const STREAM_HIGH_WATER = 4 << 20;

/**
 * Writes a file under a temporary name and renames it into place on commit, so readers never see
 * half a file and a failed load leaves nothing behind. Buffers writes into large chunks.
 */
export class AtomicFileWriter {
  /** The temporary file written until commit (recorded in the crash-recovery journal). */
  readonly tmp: string;
  private readonly stream: fs.WriteStream;
  private buffer: Array<string | Uint8Array> = [];
  /** Characters or bytes queued (a threshold, not an exact size). */
  private buffered = 0;
  /** Whether `buffer` holds any bytes (else it is joined as text). */
  private holdsBytes = false;
  private failed: Error | null = null;
  private finished = false;

  constructor(readonly target: string) {
    fs.mkdirSync(path.dirname(target), { recursive: true });
    this.tmp = `${target}.${process.pid}.${Date.now()}.tmp`;
    this.stream = fs.createWriteStream(this.tmp, { highWaterMark: STREAM_HIGH_WATER });
    this.stream.on('error', (err) => (this.failed = err));
  }

  /**
   * Queues text, or bytes already encoded as UTF-8 (by a parse worker, sparing this thread the
   * encoding); resolves once the underlying stream can take more.
   */
  async write(data: string | Uint8Array): Promise<void> {
    this.buffer.push(data);
    this.buffered += data.length;
    if (typeof data !== 'string') this.holdsBytes = true;
    if (this.buffered >= 1 << 20) await this.flush();
  }

  private async flush(): Promise<void> {
    if (this.failed) throw this.failed;
    if (!this.buffered) return;
    const chunk = this.holdsBytes
      ? Buffer.concat(this.buffer.map((d) => (typeof d === 'string' ? Buffer.from(d) : d)))
      : (this.buffer as string[]).join('');
    this.buffer = [];
    this.holdsBytes = false;
    this.buffered = 0;
    // A write error (ENOSPC) means 'drain' never comes: wait for whichever happens first.
    if (!this.stream.write(chunk)) {
      await new Promise<void>((resolve, reject) => {
        const onDrain = () => {
          this.stream.off('error', onError);
          resolve();
        };
        const onError = (err: Error) => {
          this.stream.off('drain', onDrain);
          reject(err);
        };
        this.stream.once('drain', onDrain);
        this.stream.once('error', onError);
      });
    }
  }

  /** Appends a whole existing file, byte for byte (used to extend an append-only dataset). */
  async copyFrom(file: string): Promise<void> {
    await this.flush();
    await pipeline(fs.createReadStream(file, { highWaterMark: 1 << 20 }), this.stream, { end: false });
  }

  /** Writes everything out to the temporary file (a full disk fails here, while the caller can still roll back). */
  async finish(): Promise<void> {
    if (this.finished) return;
    await this.flush();
    await new Promise<void>((resolve, reject) => this.stream.end((err?: Error | null) => (err ? reject(err) : resolve())));
    if (this.failed) throw this.failed;
    this.finished = true;
  }

  /** Renames the finished file into place: needs no space, so it cannot fail for a full disk. */
  publish(options: { archiveTo?: string } = {}): void {
    if (!this.finished) throw new Error(`publish before finish: ${this.target}`);
    if (options.archiveTo) archiveExisting(this.target, options.archiveTo);
    fs.renameSync(this.tmp, this.target);
  }

  async commit(options: { archiveTo?: string } = {}): Promise<void> {
    await this.finish();
    this.publish(options);
  }

  async abort(): Promise<void> {
    // A stream that failed (ENOSPC) is already destroyed and would never call back from end().
    if (!this.stream.destroyed) await new Promise<void>((resolve) => this.stream.end(() => resolve()));
    else if (!this.stream.closed) await new Promise<void>((resolve) => this.stream.once('close', resolve));
    fs.rmSync(this.tmp, { force: true });
  }
}

/** Quotes a CSV cell when it needs it (RFC 4180). */
export function csvCell(value: string | number | bigint | null | undefined): string {
  if (value === null || value === undefined) return '';
  const s = String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvLine(values: ReadonlyArray<string | number | bigint | null | undefined>): string {
  return `${values.map(csvCell).join(',')}\n`;
}

/** Moves a file about to be replaced into `archiveDir` under a timestamped name (never overwriting an archived one). */
export function archiveExisting(target: string, archiveDir: string): void {
  if (!fs.existsSync(target)) return;
  const ext = path.extname(target);
  const base = path.join(archiveDir, `${path.basename(target, ext)}_${utcStamp(new Date())}`);
  fs.mkdirSync(archiveDir, { recursive: true });
  let archived = `${base}${ext}`;
  for (let n = 2; fs.existsSync(archived); n++) archived = `${base}_${n}${ext}`;
  fs.renameSync(target, archived);
}
