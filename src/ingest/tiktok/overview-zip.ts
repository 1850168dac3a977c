/**
 * Takes Overview.csv out of a TikTok Studio ZIP without trusting the archive: the download is
 * small (~20 KB), so the file, the number of entries and the declared uncompressed sizes are
 * capped before anything is inflated. fflate inflates into a buffer of the declared size and
 * never grows it, so an entry that lies about its size cannot expand beyond the cap either.
 */
import { unzipSync, type UnzipFileInfo } from 'fflate';
import { LakeValidationError, excerpt } from '../lake/validation-error';

export interface ZipLimits {
  /** Largest ZIP file accepted, in bytes. */
  maxZipBytes: number;
  /** Largest total of declared uncompressed sizes, in bytes. */
  maxUncompressedBytes: number;
  maxEntries: number;
}

/**
 * A year of days is ~20 KB; ten years would be ~200 KB. 8 MB leaves ample room and keeps the CSV,
 * its decoded text and its lines well inside the ingest CLI's 160 MB heap.
 */
export const DEFAULT_ZIP_LIMITS: ZipLimits = { maxZipBytes: 8 * 1024 * 1024, maxUncompressedBytes: 8 * 1024 * 1024, maxEntries: 100 };

export const OVERVIEW_ENTRY = 'Overview.csv';

const ZIP_MAGIC = [0x50, 0x4b];

/** An entry whose last path segment is Overview.csv (some tools zip it inside a folder). */
const isOverviewEntry = (name: string): boolean => name.split('/').pop()?.toLowerCase() === OVERVIEW_ENTRY.toLowerCase();

/** The bytes of the archive's Overview.csv; throws a LakeValidationError naming what is wrong with the archive. */
export function extractOverviewCsv(zip: Uint8Array, file: string, limits: ZipLimits = DEFAULT_ZIP_LIMITS): Uint8Array {
  if (zip.length === 0)
    throw new LakeValidationError({
      code: 'EMPTY_FILE',
      message: 'the ZIP file is empty',
      file,
      expected: 'a ZIP archive holding Overview.csv',
      found: '0 bytes',
    });
  if (zip.length > limits.maxZipBytes) {
    throw new LakeValidationError({
      code: 'BAD_VALUE',
      message: 'too large to be a TikTok Studio overview download',
      file,
      field: 'ZIP archive',
      expected: `at most ${limits.maxZipBytes} bytes`,
      found: `${zip.length} bytes`,
    });
  }
  if (zip[0] !== ZIP_MAGIC[0] || zip[1] !== ZIP_MAGIC[1]) {
    throw corrupt(file, `does not start with the ZIP signature "PK"`, excerpt(Buffer.from(zip.subarray(0, 16)).toString('latin1'), 16));
  }
  let entries = 0;
  let declared = 0;
  const names: string[] = [];
  const filter = (info: UnzipFileInfo): boolean => {
    entries++;
    names.push(info.name);
    if (entries > limits.maxEntries) {
      throw new LakeValidationError({
        code: 'BAD_VALUE',
        message: 'the ZIP archive holds too many entries',
        file,
        field: 'ZIP archive',
        expected: `at most ${limits.maxEntries} entries`,
        found: `more than ${limits.maxEntries}`,
      });
    }
    declared += info.originalSize;
    if (declared > limits.maxUncompressedBytes) {
      throw new LakeValidationError({
        code: 'BAD_VALUE',
        message: 'the ZIP archive expands beyond the size limit (zip bomb?)',
        file,
        field: info.name,
        expected: `at most ${limits.maxUncompressedBytes} bytes uncompressed`,
        found: `${declared} bytes declared`,
      });
    }
    return isOverviewEntry(info.name);
  };
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(zip, { filter });
  } catch (err) {
    if (err instanceof LakeValidationError) throw err;
    throw corrupt(file, 'the ZIP archive is corrupt or truncated', err instanceof Error ? err.message : String(err));
  }
  if (entries === 0) {
    throw new LakeValidationError({
      code: 'EMPTY_FILE',
      message: 'the ZIP archive holds no files',
      file,
      expected: OVERVIEW_ENTRY,
      found: 'an empty archive',
    });
  }
  const found = Object.keys(files);
  if (found.length === 0) {
    throw new LakeValidationError({
      code: 'MISSING_SECTION',
      message: `the ZIP archive has no ${OVERVIEW_ENTRY}`,
      file,
      field: OVERVIEW_ENTRY,
      expected: OVERVIEW_ENTRY,
      found: excerpt(names.join(', '), 200),
    });
  }
  if (found.length > 1) {
    throw new LakeValidationError({
      code: 'BAD_VALUE',
      message: `the ZIP archive holds more than one ${OVERVIEW_ENTRY}`,
      file,
      field: OVERVIEW_ENTRY,
      expected: 'exactly one',
      found: excerpt(found.join(', '), 200),
    });
  }
  return files[found[0]];
}

function corrupt(file: string, message: string, found: string): LakeValidationError {
  return new LakeValidationError({
    code: 'BINARY_CONTENT',
    message,
    file,
    field: 'ZIP archive',
    expected: 'a readable ZIP archive',
    found: excerpt(found, 120),
  });
}
