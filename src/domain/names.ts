/**
 * Name normalisation shared by every source.
 *
 * Artists: one folded key per act, so spelling variants that differ only in case, spaces, dots,
 * underscores or hyphens (`ZONE A0`, `zone.a0`, `zone_a0`, `Pig 1987`, `PIG1987`, `pig-1987`)
 * resolve to one artist. Separators are dropped, not turned into a space: `PIG1987` has none.
 */
export function artistKey(name: string): string {
  return name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[._\-\s]+/g, '');
}

/**
 * Track titles keep their word boundaries (separators fold to one space): a title is free text
 * where dropping spaces would join distinct songs of one artist (`A Live` and `Alive`), and track
 * matching without ISRC relies on (primary artist, title key).
 */
export function titleKey(title: string): string {
  return title
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
