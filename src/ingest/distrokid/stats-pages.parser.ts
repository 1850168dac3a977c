/**
 * Daily series out of the DistroKid statistics pages. Both pages embed several look-alike
 * charts, so the right one is located by its identity with a string-aware bracket matcher, and
 * json5 parses only the dataProvider array: JavaScript elsewhere in a chart config (callbacks,
 * trailing commas) then cannot break extraction.
 *
 * The streams chart is found, in this order, by its makeChart name
 * (`AmCharts.makeChart("trend365day", {…})`, the real page), by the variable it is assigned to
 * (`var trend365day = AmCharts.makeChart(…)`), or by an `"id": "trend365day"` on the chart object
 * or on one of its graphs (older saves). Its value key is the `valueField` of its graph.
 */
import { parse as parseJson5 } from 'json5';
import { LakeValidationError, excerpt } from '../lake/validation-error';
import { isCalendarDate } from '../../domain/calendar';

export interface StreamsDay {
  date: string;
  streams: number;
}

export interface PlaysDay {
  date: string;
  plays: number;
}

const STREAMS_CHART_ID = 'trend365day';
const TREND_ID_RE = /(?<![\w$])(["']?)id\1\s*:\s*(["'])trend365day\2/g;
/** Any sibling trend chart, as config id, makeChart name, rendered container or SVG label. */
const ANY_TREND_RE =
  /(?<![\w$])(["']?)id\1\s*:\s*(["'])trend(?:365day|60day|Weekly|Monthly)\2|makeChart\(\s*["']trend(?:365day|60day|Weekly|Monthly)["']|<div\b[^>]{0,400}\bid=["']trend(?:365day|60day|Weekly|Monthly)["']|aria-label=["']trend(?:365day|60day|Weekly|Monthly) /;
const MAKE_CHART_NAME_RE = /(?<![\w$])makeChart\s*\(\s*(["'])trend365day\1\s*,\s*/g;
const MAKE_CHART_VAR_RE =
  /(?<![\w$.])(?:var|let|const)\s+trend365day\s*=\s*(?:window\.)?AmCharts\.makeChart\s*\(\s*(["'])(?:(?!\1)[^\\\r\n])*\1\s*,\s*/g;
/** DistroKid's public landing page, which a page saved while signed out shows instead of the stats. */
const PUBLIC_PAGE_RE = /upload\s*(?:&amp;|&|and)\s*sell\s+your\s+music/i;
const SIGN_IN_RE = /href=["'][^"']*\/(?:signin|login)\b|id=["']signin-form["']|>\s*(?:sign|log)\s*in\s*</i;
const SIGN_OUT_RE = /href=["'][^"']*\/signout\b/i;
const APPLE_KEYS_RE = /\b(?:last365days|byMonth|tracks1year|playlists1year)\b/;
const CHART_DATA_RE = /(?:\b(?:var|let|const)\s+|\bwindow\.|(?<![\w$.]))chartData\s*=\s*(?=\{)/;
/** How far before an id match its chart object may start (the id can follow a year of data). */
const MAX_LOOKBACK_CHARS = 4_000_000;

/**
 * Sniffing may see only the head of a page, so any of the sibling trend charts counts; the
 * parser then insists on trend365day itself.
 */
export function looksLikeStreamsStats(html: string): boolean {
  return ANY_TREND_RE.test(html);
}

export function looksLikeAppleMusicStats(html: string): boolean {
  return CHART_DATA_RE.test(html) && APPLE_KEYS_RE.test(html);
}

export function parseStreamsStatsHtml(html: string, file: string): StreamsDay[] {
  const chart = findChartByName(html, MAKE_CHART_NAME_RE) ?? findChartByName(html, MAKE_CHART_VAR_RE) ?? findChartById(html);
  if (chart === null) {
    const signedOut = signedOutPage(html);
    if (signedOut !== null) throw notSignedIn(file, signedOut);
    throw missing(file, STREAMS_CHART_ID, `a chart AmCharts.makeChart("${STREAMS_CHART_ID}", {…}) or one with "id": "${STREAMS_CHART_ID}"`);
  }
  const provider = chart.get('dataProvider');
  const path = `${STREAMS_CHART_ID}.dataProvider`;
  if (provider === undefined) throw missing(file, path, `"dataProvider" in chart ${STREAMS_CHART_ID}`);
  const categoryField = stringEntry(html, chart, 'categoryField') ?? 'category';
  const valueField = graphValueField(html, chart, file);
  return readSeries(html, provider, file, path, categoryField, valueField).map(([date, streams]) => ({ date, streams }));
}

/**
 * The value key of the chart's graph: the graph named like the chart, else the only graph with a
 * valueField. A chart without `graphs` (an old save) keeps amCharts' exported default `column-1`.
 */
function graphValueField(html: string, chart: Map<string, Span>, file: string): string {
  const graphs = chart.get('graphs');
  if (graphs === undefined) return 'column-1';
  const field = `${STREAMS_CHART_ID}.graphs[].valueField`;
  const close = html.charCodeAt(graphs.start) === OPEN_BRACKET ? matchClose(html, graphs.start) : -1;
  if (close === -1) throw missing(file, field, 'a graphs array whose graph names its valueField');
  const fields: Array<{ id: string | null; valueField: string }> = [];
  for (const item of splitTopLevel(html, graphs.start, close)) {
    if (html.charCodeAt(item.start) !== OPEN_BRACE) continue;
    const entries = objectEntries(html, item.start, matchClose(html, item.start));
    const valueField = stringEntry(html, entries, 'valueField');
    if (valueField !== null) fields.push({ id: stringEntry(html, entries, 'id'), valueField });
  }
  const named = fields.find((g) => g.id === STREAMS_CHART_ID);
  if (named) return named.valueField;
  if (fields.length === 1) return fields[0].valueField;
  throw missing(
    file,
    field,
    fields.length === 0 ? 'a graph with a valueField' : `one graph with "id": "${STREAMS_CHART_ID}" among ${fields.length} graphs`,
  );
}

/** A string property of an object literal, or null when absent or not a plain string. */
function stringEntry(html: string, entries: Map<string, Span>, key: string): string | null {
  const span = entries.get(key);
  return span === undefined ? null : stringAt(html, span.start);
}

/** What a signed-out page shows (its title and heading), or null when the page is not DistroKid's public one. */
function signedOutPage(html: string): string | null {
  const title = textOf(/<title\b[^>]*>([\s\S]*?)<\/title>/i.exec(html)?.[1]);
  const heading = textOf(/<h1\b[^>]*>([\s\S]*?)<\/h1>/i.exec(html)?.[1]);
  const publicPage = PUBLIC_PAGE_RE.test(html);
  if (!publicPage && !(SIGN_IN_RE.test(html) && !SIGN_OUT_RE.test(html))) return null;
  return (
    [title ? `title "${title}"` : '', heading ? `heading "${heading}"` : ''].filter(Boolean).join(', ') ||
    'a sign-in page without the statistics'
  );
}

/** Visible text of an HTML fragment: tags dropped, common entities decoded, spaces collapsed. */
function textOf(fragment: string | undefined): string {
  if (fragment === undefined) return '';
  const text = fragment
    .replace(/<[^>]*>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&nbsp;/g, ' ')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/\s+/g, ' ')
    .trim();
  return excerpt(text, 100);
}

function notSignedIn(file: string, found: string): LakeValidationError {
  return new LakeValidationError({
    code: 'NOT_SIGNED_IN',
    message: "the page was saved while signed out: it is DistroKid's public page, not the account's statistics",
    file,
    field: STREAMS_CHART_ID,
    expected: 'the streams statistics page of a signed-in account (save it again after signing in)',
    found,
  });
}

export function parseAppleMusicStatsHtml(html: string, file: string): PlaysDay[] {
  const m = CHART_DATA_RE.exec(html);
  if (m === null) throw missing(file, 'chartData', 'a script assigning var chartData = {…}');
  const open = m.index + m[0].length;
  const close = matchClose(html, open);
  if (close === -1) throw badSyntax(html, open, file, 'chartData', 'unterminated object');
  const last = objectEntries(html, open, close).get('last365days');
  if (last === undefined || html.charCodeAt(last.start) !== OPEN_BRACE)
    throw missing(file, 'chartData.last365days', 'chartData.last365days');
  const lastClose = matchClose(html, last.start);
  if (lastClose === -1) throw badSyntax(html, last.start, file, 'chartData.last365days', 'unterminated object');
  const provider = objectEntries(html, last.start, lastClose).get('dataProvider');
  const path = 'chartData.last365days.dataProvider';
  if (provider === undefined) throw missing(file, path, path);
  return readSeries(html, provider, file, path, 'field', 'value').map(([date, plays]) => ({ date, plays }));
}

interface Span {
  start: number;
  end: number;
}

/** The entries of the config object passed to the makeChart call a pattern finds (its match ends just before the object). */
function findChartByName(html: string, re: RegExp): Map<string, Span> | null {
  re.lastIndex = 0;
  for (let m = re.exec(html); m !== null; m = re.exec(html)) {
    const open = m.index + m[0].length;
    if (html.charCodeAt(open) !== OPEN_BRACE) continue;
    const close = matchClose(html, open);
    if (close !== -1) return objectEntries(html, open, close);
  }
  return null;
}

/**
 * The trend365day chart of an older save, found by an `"id": "trend365day"`: the object owning
 * the id when it has the dataProvider, or else the chart whose `graphs` hold the graph owning it.
 */
function findChartById(html: string): Map<string, Span> | null {
  TREND_ID_RE.lastIndex = 0;
  for (let m = TREND_ID_RE.exec(html); m !== null; m = TREND_ID_RE.exec(html)) {
    let owner: { span: Span; entries: Map<string, Span> } | null = null;
    // Walk outwards over preceding '{' until one encloses the match and owns the id directly.
    let open = html.lastIndexOf('{', m.index);
    for (; open !== -1 && m.index - open < MAX_LOOKBACK_CHARS; open = open === 0 ? -1 : html.lastIndexOf('{', open - 1)) {
      const close = matchClose(html, open);
      if (close === -1 || close < m.index) continue;
      const entries = objectEntries(html, open, close);
      if (owner === null) {
        const id = entries.get('id');
        if (id === undefined || stringAt(html, id.start) !== STREAMS_CHART_ID) continue;
        if (entries.has('dataProvider')) return entries;
        owner = { span: { start: open, end: close }, entries };
        continue;
      }
      const graphs = entries.get('graphs');
      if (graphs !== undefined && graphs.start < owner.span.start && owner.span.end < graphs.end) return entries;
    }
    // Not inside a chart's graphs: the id is the chart's own, and the caller reports what it lacks.
    if (owner !== null) return owner.entries;
  }
  return null;
}

/** Parses a dataProvider array into validated [date, integer] pairs; a repeated date keeps the last value. */
function readSeries(html: string, span: Span, file: string, path: string, dateKey: string, valueKey: string): Array<[string, number]> {
  if (html.charCodeAt(span.start) !== OPEN_BRACKET) throw badSyntax(html, span.start, file, path, 'dataProvider is not an array');
  const close = matchClose(html, span.start);
  if (close === -1) throw badSyntax(html, span.start, file, path, 'unterminated array');
  let entries: unknown;
  try {
    entries = parseJson5(html.slice(span.start, close + 1));
  } catch (e) {
    const rel = typeof e === 'object' && e !== null && 'lineNumber' in e && typeof e.lineNumber === 'number' ? e.lineNumber - 1 : 0;
    throw badSyntax(html, span.start, file, path, e instanceof Error ? e.message : String(e), rel);
  }
  const list = entries as unknown[];
  const byDate = new Map<string, number>();
  for (let k = 0; k < list.length; k++) {
    const entry = list[k];
    const record = typeof entry === 'object' && entry !== null && !Array.isArray(entry) ? (entry as Record<string, unknown>) : null;
    const date = record?.[dateKey];
    if (typeof date !== 'string' || !isCalendarDate(date.trim())) {
      throw badEntry(html, span, file, `${path}[${k}].${dateKey}`, k, 'a date YYYY-MM-DD', record ? date : entry);
    }
    const value = count(record?.[valueKey]);
    if (value === null) throw badEntry(html, span, file, `${path}[${k}].${valueKey}`, k, 'a non-negative integer', record?.[valueKey]);
    byDate.set(date.trim(), value);
  }
  return [...byDate.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

/** Counts arrive as numbers or as strings with thousands separators. */
function count(v: unknown): number | null {
  if (typeof v === 'number') return Number.isSafeInteger(v) && v >= 0 ? v : null;
  if (typeof v !== 'string') return null;
  const t = v.trim();
  if (!/^(?:\d+|\d{1,3}(?:,\d{3})+)$/.test(t)) return null;
  const n = Number(t.replace(/,/g, ''));
  return Number.isSafeInteger(n) ? n : null;
}

function missing(file: string, field: string, expected: string): LakeValidationError {
  return new LakeValidationError({ code: 'MISSING_SECTION', message: `page has no ${field}`, file, field, expected, found: 'nothing' });
}

function badSyntax(html: string, at: number, file: string, field: string, detail: string, extraLines = 0): LakeValidationError {
  return new LakeValidationError({
    code: 'BAD_VALUE',
    message: `cannot parse ${field}: ${detail}`,
    file,
    line: lineAt(html, at) + extraLines,
    field,
    expected: 'a JSON/JavaScript literal',
    found: excerpt(html.slice(at, at + 80)),
  });
}

function badEntry(
  html: string,
  array: Span,
  file: string,
  field: string,
  index: number,
  expected: string,
  found: unknown,
): LakeValidationError {
  // Locating the entry costs a rescan of the array, paid only on failure.
  const close = matchClose(html, array.start);
  const element = splitTopLevel(html, array.start, close)[index];
  return new LakeValidationError({
    code: 'BAD_VALUE',
    message: `invalid ${field}`,
    file,
    line: element ? lineAt(html, element.start) : lineAt(html, array.start),
    field,
    expected,
    found: found === undefined ? '(missing)' : excerpt(JSON.stringify(found) ?? String(found)),
  });
}

/** 1-based line of an offset; CRLF, LF and bare CR each count as one break. */
function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let k = 0; k < offset; k++) {
    const c = text.charCodeAt(k);
    if (c === 10 || (c === 13 && text.charCodeAt(k + 1) !== 10)) line++;
  }
  return line;
}

const OPEN_BRACE = 123;
const OPEN_BRACKET = 91;

/**
 * Index of the bracket closing the one at `open`, skipping strings and comments; -1 when
 * unbalanced. Regex literals are not recognised: chart configs do not contain brackets in them.
 */
function matchClose(text: string, open: number): number {
  const stack: number[] = [];
  for (let k = open; k < text.length; k++) {
    const c = text.charCodeAt(k);
    if (c === 34 || c === 39 || c === 96) {
      k = skipString(text, k) - 1;
      if (k < 0) return -1;
    } else if (c === 47 && (text.charCodeAt(k + 1) === 47 || text.charCodeAt(k + 1) === 42)) {
      k = skipComment(text, k) - 1;
    } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      stack.push(c === OPEN_BRACE ? 125 : 93);
    } else if (c === 125 || c === 93) {
      if (stack.pop() !== c) return -1;
      if (stack.length === 0) return k;
    }
  }
  return -1;
}

/** Index just past the string starting at `k`, or -1 when it never ends. */
function skipString(text: string, k: number): number {
  const quote = text.charCodeAt(k);
  for (let j = k + 1; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (c === 92) j++;
    else if (c === quote) return j + 1;
    else if ((c === 10 || c === 13) && quote !== 96) return -1;
  }
  return -1;
}

function skipComment(text: string, k: number): number {
  if (text.charCodeAt(k + 1) === 47) {
    const nl = text.indexOf('\n', k);
    return nl === -1 ? text.length : nl;
  }
  const end = text.indexOf('*/', k + 2);
  return end === -1 ? text.length : end + 2;
}

/** Ranges of the comma-separated items directly inside the bracket pair open..close. */
function splitTopLevel(text: string, open: number, close: number): Span[] {
  const items: Span[] = [];
  let start = open + 1;
  for (let k = open + 1; k <= close; k++) {
    const c = text.charCodeAt(k);
    if (c === 34 || c === 39 || c === 96) {
      k = skipString(text, k) - 1;
      if (k < 0) break;
    } else if (c === 47 && (text.charCodeAt(k + 1) === 47 || text.charCodeAt(k + 1) === 42)) {
      k = skipComment(text, k) - 1;
    } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      k = matchClose(text, k);
      if (k === -1) break;
    } else if (c === 44 || k === close) {
      const span = trimSpan(text, start, k);
      if (span.end > span.start) items.push(span);
      start = k + 1;
    }
  }
  return items;
}

/** Key → value range of an object literal's own properties (later duplicates win, as in JSON). */
function objectEntries(text: string, open: number, close: number): Map<string, Span> {
  const entries = new Map<string, Span>();
  for (const item of splitTopLevel(text, open, close)) {
    let keyEnd: number;
    let key: string;
    const c = text.charCodeAt(item.start);
    if (c === 34 || c === 39) {
      keyEnd = skipString(text, item.start);
      if (keyEnd === -1) continue;
      key = text.slice(item.start + 1, keyEnd - 1);
    } else {
      const ident = /^[A-Za-z_$][\w$]*/.exec(text.slice(item.start, Math.min(item.end, item.start + 200)));
      if (ident === null) continue;
      key = ident[0];
      keyEnd = item.start + key.length;
    }
    const colon = trimSpan(text, keyEnd, item.end);
    if (text.charCodeAt(colon.start) !== 58) continue;
    entries.set(key, trimSpan(text, colon.start + 1, item.end));
  }
  return entries;
}

/** Narrows a range past whitespace and comments on both sides. */
function trimSpan(text: string, start: number, end: number): Span {
  let s = start;
  let e = end;
  while (s < e) {
    const c = text.charCodeAt(s);
    if (c === 47 && (text.charCodeAt(s + 1) === 47 || text.charCodeAt(s + 1) === 42)) s = skipComment(text, s);
    else if (c <= 32 || c === 0xa0 || c === 0xfeff) s++;
    else break;
  }
  while (e > s && (text.charCodeAt(e - 1) <= 32 || text.charCodeAt(e - 1) === 0xa0)) e--;
  return { start: s, end: Math.min(e, end) };
}

/** The content of the quoted string starting at `k` (escapes left as written), or null. */
function stringAt(text: string, k: number): string | null {
  const q = text.charCodeAt(k);
  if (q !== 34 && q !== 39) return null;
  const end = skipString(text, k);
  return end === -1 ? null : text.slice(k + 1, end - 1);
}
