/**
 * Recognition of Meta Ads dump folders. A folder named `meta_ads_dump_<ts>/` is one by its name.
 * A folder named by a bare stamp `<ts>/` says nothing about its source, so it is taken as a dump
 * only when every file in it is one of the four dump files and every one of them holds a JSON
 * array whose first object has the keys Meta gives that file (an empty array passes), with at
 * least one non-empty: another source's folder named by a stamp is not taken.
 */
import fs from 'node:fs';
import path from 'node:path';
import { MANIFEST_SUFFIX } from '../lake/landing';
import { BARE_STAMP_FOLDER_RE, DUMP_FILES, DUMP_FOLDER_RE, type DumpFile, dumpFileOf, matchBrace } from './sniff';

/** Enough of each sibling to read its first object. */
const SIBLING_HEAD_BYTES = 64 * 1024;

/** The keys of the first object of a JSON array in the head; an empty set for `[]`; null when the head is no array of objects. */
export function firstArrayKeys(head: string): Set<string> | null {
  const m = /^\s*\[\s*(\{|\])/.exec(head.replace(/^\uFEFF/, ''));
  if (!m) return null;
  if (m[1] === ']') return new Set();
  const text = head.replace(/^\uFEFF/, '');
  const open = m[0].length - 1;
  const close = matchBrace(text, open);
  if (close === -1) return null;
  try {
    const obj: unknown = JSON.parse(text.slice(open, close + 1));
    return typeof obj === 'object' && obj !== null && !Array.isArray(obj) ? new Set(Object.keys(obj)) : null;
  } catch {
    return null;
  }
}

/** Whether the first object's keys are what Meta puts in that dump file. */
function keysFit(which: DumpFile, keys: Set<string>): boolean {
  const has = (...k: string[]) => k.every((x) => keys.has(x));
  switch (which) {
    case 'campaigns.json':
      return (
        has('id', 'name') && !keys.has('date_start') && ['objective', 'created_time', 'start_time', 'updated_time'].some((k) => keys.has(k))
      );
    case 'adsets.json':
      return has('id', 'campaign_id') && !keys.has('adset_id') && !keys.has('date_start');
    case 'ads.json':
      return has('id', 'adset_id') && !keys.has('date_start');
    case 'insights.json':
      return has('campaign_id', 'date_start', 'date_stop', 'spend');
  }
}

function readHead(file: string): string {
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.alloc(SIBLING_HEAD_BYTES);
    return buf.subarray(0, fs.readSync(fd, buf, 0, buf.length, 0)).toString('utf8');
  } finally {
    fs.closeSync(fd);
  }
}

/** A bare-stamp folder's files are exactly dump files, each Meta-shaped (or empty), not all empty. */
export function bareStampFolderIsDump(folderPath: string): boolean {
  let entries: string[];
  try {
    entries = fs.readdirSync(folderPath).filter((e) => !e.startsWith('.') && !e.endsWith(MANIFEST_SUFFIX) && !e.endsWith('.reason.json'));
  } catch {
    return false;
  }
  if (entries.length === 0 || entries.some((e) => !(DUMP_FILES as readonly string[]).includes(e.toLowerCase()))) return false;
  let nonEmpty = 0;
  for (const e of entries) {
    const p = path.join(folderPath, e);
    if (!fs.statSync(p).isFile()) return false;
    const keys = firstArrayKeys(readHead(p));
    if (keys === null || (keys.size > 0 && !keysFit(e.toLowerCase() as DumpFile, keys))) return false;
    if (keys.size > 0) nonEmpty++;
  }
  return nonEmpty > 0;
}

/** Whether a file is one of a dump folder's four files (by its folder's name, or a bare stamp folder's contents). */
export function isDumpFile(name: string, folder: string, folderPath: string | undefined): boolean {
  if (DUMP_FOLDER_RE.test(folder)) return dumpFileOf(name) !== null;
  if (!BARE_STAMP_FOLDER_RE.test(folder) || folderPath === undefined) return false;
  return (DUMP_FILES as readonly string[]).includes(name.toLowerCase()) && bareStampFolderIsDump(folderPath);
}
