/**
 * Content recognition of Meta captures from the first bytes of a file (a large capture is not
 * complete in the head, so nothing here needs the whole document). Lenient on purpose where the
 * file is clearly Meta's: a drifted capture must still reach its parser to get a precise reason.
 */

/** Keys of the first object of the first `"data": [ … ]` array in the head, or null. */
export function firstDataKeys(head: string): Set<string> | null {
  const m = /"data"\s*:\s*\[\s*\{/.exec(head);
  if (!m) return null;
  const open = m.index + m[0].length - 1;
  const close = matchBrace(head, open);
  if (close !== -1) {
    try {
      const obj: unknown = JSON.parse(head.slice(open, close + 1));
      if (typeof obj === 'object' && obj !== null && !Array.isArray(obj)) return new Set(Object.keys(obj));
    } catch {
      // fall through to the key scan below
    }
  }
  // The object is cut off by the end of the head: its quoted keys are still readable.
  const keys = new Set<string>();
  for (const k of head.slice(open, open + 8192).matchAll(/"([A-Za-z_][\w.]*)"\s*:/g)) keys.add(k[1]);
  return keys;
}

/** Index of the `}` closing the `{` at `open`, skipping strings; -1 when the head ends first. */
export function matchBrace(text: string, open: number): number {
  let depth = 0;
  for (let k = open; k < text.length; k++) {
    const c = text.charCodeAt(k);
    if (c === 34) {
      for (k++; k < text.length && text.charCodeAt(k) !== 34; k++) if (text.charCodeAt(k) === 92) k++;
    } else if (c === 123 || c === 91) depth++;
    else if (c === 125 || c === 93) {
      depth--;
      if (depth === 0) return k;
    }
  }
  return -1;
}

export function looksLikeInsightsPage(head: string): boolean {
  const keys = firstDataKeys(head);
  return keys !== null && keys.has('campaign_id') && keys.has('date_start');
}

export function looksLikeCampaignsPage(head: string): boolean {
  const keys = firstDataKeys(head);
  return (
    keys !== null &&
    keys.has('id') &&
    keys.has('name') &&
    !keys.has('date_start') &&
    ['effective_status', 'objective', 'daily_budget', 'lifetime_budget', 'created_time'].some((k) => keys.has(k))
  );
}

/** A Graph API error captured as a file: `{"error": {…}}` with Meta's own markers. */
export function looksLikeGraphError(head: string): boolean {
  return /^\s*\{\s*"error"\s*:\s*\{/.test(head) && /"(?:fbtrace_id|error_subcode)"\s*:|"OAuthException"/.test(head);
}

const CSV_HEADER_NAMES = ['reporting starts', 'reporting ends', 'campaign name', 'amount spent'];

/** An Ads Manager export: its first line names at least three of the usual report columns. */
export function looksLikeAdsManagerCsv(head: string): boolean {
  const first = head
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\r|\n/, 1)[0]
    .toLowerCase();
  return CSV_HEADER_NAMES.filter((n) => first.includes(n)).length >= 3;
}

/** `meta_ads_dump_<YYYYMMDD_HHMMSS>`: a dump folder by its name alone. */
export const DUMP_FOLDER_RE = /^meta_ads_dump_\d{8}_\d{6}$/i;
/** `<YYYYMMDD_HHMMSS>`: a dump folder only when its files say so (see dump-folder.ts). */
export const BARE_STAMP_FOLDER_RE = /^\d{8}_\d{6}$/;
export const DUMP_FILES = ['campaigns.json', 'adsets.json', 'ads.json', 'insights.json'] as const;
export type DumpFile = (typeof DUMP_FILES)[number];

export function dumpFileOf(name: string): DumpFile | null {
  // Landing adds the folder's stamp to the name (campaigns_20240101_120000.json): strip it.
  const plain = name.toLowerCase().replace(/_\d{8}_\d{6}(?:_\d+)?(?=\.json$)/, '');
  return (DUMP_FILES as readonly string[]).includes(plain) ? (plain as DumpFile) : null;
}
