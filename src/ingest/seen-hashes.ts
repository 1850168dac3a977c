/** Bits of the filter: 8 MiB whatever the file size (~1 false "seen" in 100,000 lines at 1M lines, ~1 % at 10M). */
const BITS_LOG2 = 26;
const MASK = (1 << BITS_LOG2) - 1;
/** Bits set per hash. */
const PROBES = 4;

/**
 * The content hashes of a first load's lines so far, as a Bloom filter: `add` answers false only for
 * a hash never added before, so every repeat of a line inside the file is caught, and the few false
 * "seen" answers only cost their line an exact check later (src/ingest/first-load.ts). Memory stays
 * flat; an exact set of a 10M-line file's hashes would hold ~500 MB.
 */
export class SeenHashes {
  private readonly bits = new Uint8Array(1 << (BITS_LOG2 - 3));

  /** Adds `hash`; answers whether it may have been added before. */
  add(hash: string): boolean {
    // Two FNV-1a hashes of the text (the content hash is already uniform: this only spreads it over the bits).
    let h1 = 0x811c9dc5;
    let h2 = 0x01000193;
    for (let i = 0; i < hash.length; i++) {
      const c = hash.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 0x01000193);
      h2 = Math.imul(h2 ^ c, 0x5bd1e995);
    }
    h2 |= 1;
    let seen = true;
    for (let p = 0; p < PROBES; p++) {
      const bit = (h1 + Math.imul(p, h2)) & MASK;
      const byte = bit >>> 3;
      const flag = 1 << (bit & 7);
      if (!(this.bits[byte] & flag)) {
        seen = false;
        this.bits[byte] |= flag;
      }
    }
    return seen;
  }
}
