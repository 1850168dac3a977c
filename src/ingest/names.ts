/**
 * Name normalisation shared by every source: one folded key per artist or title, so spelling
 * variants (`ZONE A0`, `zone.a0`, `zone_a0`, `Zone A0`) resolve to one entity.
 */
export function nameKey(name: string): string {
  return name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[._\-\s]+/g, ' ')
    .trim();
}

/** Display form of a name: trimmed, inner white space collapsed. */
export function cleanName(name: string): string {
  return name.normalize('NFKC').replace(/\s+/g, ' ').trim();
}

// "A X B", "A x B", "A feat. B", "A ft B", "A featuring B": a collaboration of several artists.
const COLLABORATION = /\s+(?:x|feat\.?|ft\.?|featuring)\s+/i;

/** Splits a billing such as `ZONE A0 X SXNCTUARY` into its artists; the first is the primary artist. */
export function splitCollaboration(billing: string): string[] {
  return cleanName(billing)
    .split(COLLABORATION)
    .map((p) => p.trim())
    .filter(Boolean);
}

/** `QZ-TAW-24-96365` and `qztaw2496365` are the same ISRC; returns null when not a valid code. */
export function normaliseIsrc(value: string): string | null {
  const code = value.replace(/[\s-]/g, '').toUpperCase();
  return /^[A-Z]{2}[A-Z0-9]{3}\d{7}$/.test(code) ? code : null;
}
