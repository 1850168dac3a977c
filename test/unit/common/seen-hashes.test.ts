import crypto from 'node:crypto';
import { SeenHashes } from '../../../src/ingest/seen-hashes';

const hashOf = (n: number) => crypto.hash('sha1', `line ${n}`, 'base64url');

describe("SeenHashes (the first load's filter of repeated lines)", () => {
  it('answers "seen" for every hash added before, and almost never for a new one', () => {
    const seen = new SeenHashes();
    let falseSeen = 0;
    for (let n = 0; n < 200_000; n++) if (seen.add(hashOf(n))) falseSeen++;
    const missed = [];
    for (let n = 0; n < 200_000; n += 7) if (!seen.add(hashOf(n))) missed.push(n);
    expect(missed).toEqual([]);
    // 4 bits of 2^26 per hash: a false "seen" is a few in a million at this size.
    expect(falseSeen).toBeLessThan(10);
  });

  it('tells apart hashes that differ in one character, wherever it is', () => {
    const seen = new SeenHashes();
    const base = hashOf(1);
    expect(seen.add(base)).toBe(false);
    for (let i = 0; i < base.length; i++) {
      const other = `${base.slice(0, i)}${base[i] === 'A' ? 'B' : 'A'}${base.slice(i + 1)}`;
      expect(seen.add(other)).toBe(false);
    }
    expect(seen.add(base)).toBe(true);
  });
});
