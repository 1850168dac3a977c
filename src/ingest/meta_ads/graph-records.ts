/**
 * Validates the records of Graph API captures: pages (`{"data": […], "paging": {…}}`, one or an
 * array of them) and the objects in them (insights, campaigns, ad sets, ads). Fields are checked
 * by name against what the extractor asks for, so a renamed field is reported as SCHEMA_DRIFT
 * naming the field that went missing and the one that appeared, instead of loading as zeros.
 */
import { isCalendarDate } from '../../domain/calendar';
import { LakeValidationError, excerpt } from '../lake/validation-error';
import { graphErrorReason, isGraphError, isObject, type Json, type JsonObject } from './json-file';
import { ACTION_COLUMNS, type Measures, parseCount, parseMoney } from './measures';

/** One object out of a capture, with where it was (for error messages). */
export interface Located {
  record: string;
  value: Json;
}

const PAGE_KEYS = new Set(['data', 'paging', 'summary']);

/**
 * The objects of one page or an array of pages, in order. An error payload anywhere (a page the
 * extractor captured when the API refused) rejects the whole file with the API's code.
 */
export function pageRecords(doc: Json, file: string): Located[] {
  if (isGraphError(doc)) throw graphErrorReason(doc, file);
  const pages: Array<{ page: Json; prefix: string }> = Array.isArray(doc)
    ? doc.map((page, k) => ({ page, prefix: `pages[${k}].` }))
    : [{ page: doc, prefix: '' }];
  const out: Located[] = [];
  for (const { page, prefix } of pages) {
    if (isGraphError(page)) throw graphErrorReason(page, file);
    const where = prefix ? prefix.slice(0, -1) : '(document)';
    if (!isObject(page)) throw shapeDrift(file, where, 'an object {"data": [...], "paging": {...}}', describe(page));
    const unexpected = Object.keys(page).filter((k) => !PAGE_KEYS.has(k));
    if (!Array.isArray(page.data) || unexpected.length > 0) {
      const missing = Array.isArray(page.data) ? [] : ['data'];
      throw new LakeValidationError({
        code: 'SCHEMA_DRIFT',
        message: `${where} is not a Graph API page: ${[missing.length ? `missing field(s): ${missing.join(', ')}` : '', unexpected.length ? `unexpected field(s): ${unexpected.join(', ')}` : ''].filter(Boolean).join('; ')}`,
        file,
        field: [...missing.map((m) => `${prefix}${m}`), ...unexpected.map((u) => `${prefix}${u}`)].join(', '),
        expected: 'an object {"data": [...], "paging": {...}}',
        found: excerpt(Object.keys(page).join(', '), 200),
      });
    }
    page.data.forEach((value, k) => out.push({ record: `${prefix}data[${k}]`, value }));
  }
  return out;
}

/** The objects of a dump file: a bare JSON array. */
export function arrayRecords(doc: Json, file: string): Located[] {
  if (isGraphError(doc)) throw graphErrorReason(doc, file);
  if (!Array.isArray(doc)) throw shapeDrift(file, '(document)', 'a JSON array of objects', describe(doc));
  return doc.map((value, k) => ({ record: `[${k}]`, value }));
}

function describe(v: Json): string {
  if (Array.isArray(v)) return `an array of ${v.length}`;
  if (isObject(v)) return `an object with ${excerpt(Object.keys(v).join(', '), 200) || 'no fields'}`;
  return excerpt(JSON.stringify(v) ?? String(v));
}

function shapeDrift(file: string, field: string, expected: string, found: string): LakeValidationError {
  return new LakeValidationError({ code: 'SCHEMA_DRIFT', message: `unexpected JSON shape at ${field}`, file, field, expected, found });
}

export interface FieldSet {
  required: readonly string[];
  optional: readonly string[];
}

/** SCHEMA_DRIFT when a required field is missing or an unknown one appears (a rename shows as both). */
function checkFields(obj: JsonObject, spec: FieldSet, rec: string, file: string, what: string): void {
  const known = new Set([...spec.required, ...spec.optional]);
  const missing = spec.required.filter((f) => !(f in obj));
  const unexpected = Object.keys(obj).filter((k) => !known.has(k));
  if (missing.length === 0 && unexpected.length === 0) return;
  const parts = [
    missing.length ? `missing field(s): ${missing.join(', ')}` : '',
    unexpected.length ? `unexpected field(s): ${unexpected.join(', ')}` : '',
  ];
  throw new LakeValidationError({
    code: 'SCHEMA_DRIFT',
    message: `${what} ${rec} changed: ${parts.filter(Boolean).join('; ')}`,
    file,
    field: [...missing, ...unexpected].join(', '),
    expected: `fields ${spec.required.join(', ')} (optionally ${spec.optional.join(', ')})`,
    found: excerpt(Object.keys(obj).join(', '), 300),
  });
}

function bad(file: string, rec: string, field: string, expected: string, found: unknown): never {
  throw new LakeValidationError({
    code: 'BAD_VALUE',
    message: `invalid ${field} in ${rec}`,
    file,
    field: `${rec}.${field}`,
    expected,
    found:
      found === undefined
        ? '(missing)'
        : excerpt(typeof found === 'string' ? (found === '' ? '(empty)' : found) : (JSON.stringify(found) ?? String(found))),
  });
}

function asObject(loc: Located, file: string, what: string): JsonObject {
  if (!isObject(loc.value)) throw shapeDrift(file, loc.record, `${what} object`, describe(loc.value));
  return loc.value;
}

function text(obj: JsonObject, key: string, rec: string, file: string, required: boolean): string | null {
  const v = obj[key];
  if (v === undefined || v === null || (typeof v === 'string' && v.trim() === '')) {
    if (required) bad(file, rec, key, 'a non-empty string', v);
    return null;
  }
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'number' && Number.isSafeInteger(v)) return String(v);
  return bad(file, rec, key, 'a string', v);
}

function date(obj: JsonObject, key: string, rec: string, file: string): string {
  const v = obj[key];
  if (typeof v !== 'string' || !isCalendarDate(v.trim())) bad(file, rec, key, 'a date YYYY-MM-DD', v);
  return v.trim();
}

// ---------------------------------------------------------------------------------------------
// Insights

export interface InsightRecord {
  record: string;
  campaignId: string;
  campaignName: string | null;
  adsetId: string | null;
  adsetName: string | null;
  dateStart: string;
  dateStop: string;
  currency: string | null;
  measures: Measures;
  raw: JsonObject;
}

/** What `GET /{campaign}/insights` is asked for, plus what the API adds on its own or older extractors requested. */
export const INSIGHT_FIELDS: FieldSet = {
  required: ['campaign_id', 'date_start', 'date_stop', 'spend', 'impressions'],
  optional: [
    'campaign_name',
    'adset_id',
    'adset_name',
    'clicks',
    'cpc',
    'cpm',
    'ctr',
    'cpp',
    'reach',
    'frequency',
    'actions',
    'action_values',
    'cost_per_action_type',
    'unique_clicks',
    'inline_link_clicks',
    'account_id',
    'account_name',
    'account_currency',
    'objective',
  ],
};

function count(obj: JsonObject, key: string, rec: string, file: string): number | null {
  const n = parseCount(obj[key]);
  if (n === undefined) bad(file, rec, key, 'a non-negative integer (as a string)', obj[key]);
  return n;
}

function actions(
  obj: JsonObject,
  rec: string,
  file: string,
): Pick<Measures, 'linkClicks' | 'postEngagement' | 'viewContent' | 'addToCart' | 'initiateCheckout' | 'purchase'> {
  const out = { linkClicks: 0, postEngagement: 0, viewContent: 0, addToCart: 0, initiateCheckout: 0, purchase: 0 };
  const list = obj.actions;
  if (list === undefined || list === null) return out;
  if (!Array.isArray(list)) bad(file, rec, 'actions', 'a list of {action_type, value}', list);
  list.forEach((a, k) => {
    if (!isObject(a) || typeof a.action_type !== 'string') bad(file, rec, `actions[${k}]`, 'an object {action_type, value}', a);
    const column = ACTION_COLUMNS.get(a.action_type);
    if (column === undefined) return;
    const n = parseCount(a.value);
    if (n === undefined) bad(file, rec, `actions[${k}].value`, 'a non-negative integer (as a string)', a.value);
    // Each type appears once per row; were it repeated, the entries are parts of one total.
    out[column] += n ?? 0;
  });
  return out;
}

/**
 * The insights of a dump's insights.json, at either grain: campaign level (`campaign_id, clicks,
 * cpc, cpm, cpp, date_start, date_stop, impressions, reach, spend`) or ad set level (`adset_id,
 * adset_name, campaign_id, campaign_name, clicks, cpc, ctr, frequency, impressions, reach, spend,
 * date_start, date_stop`). Dumps carry no `actions`: one appearing is drift, not events to drop.
 */
export const DUMP_INSIGHT_FIELDS: FieldSet = {
  required: ['campaign_id', 'date_start', 'date_stop', 'spend', 'impressions'],
  optional: ['campaign_name', 'adset_id', 'adset_name', 'clicks', 'cpc', 'cpm', 'cpp', 'ctr', 'reach', 'frequency'],
};

export function insightRecord(loc: Located, file: string, fields: FieldSet = INSIGHT_FIELDS): InsightRecord {
  const obj = asObject(loc, file, 'an insights');
  const rec = loc.record;
  checkFields(obj, fields, rec, file, 'insights row');
  const dateStart = date(obj, 'date_start', rec, file);
  const dateStop = date(obj, 'date_stop', rec, file);
  if (dateStop < dateStart) bad(file, rec, 'date_stop', `a date on or after date_start ${dateStart}`, dateStop);
  const spendNano = parseMoney(obj.spend);
  if (spendNano === undefined) bad(file, rec, 'spend', 'a decimal amount such as "3.41"', obj.spend);
  const currency = text(obj, 'account_currency', rec, file, false);
  if (currency !== null && !/^[A-Z]{3}$/.test(currency)) bad(file, rec, 'account_currency', 'an ISO 4217 code', currency);
  return {
    record: rec,
    campaignId: text(obj, 'campaign_id', rec, file, true)!,
    campaignName: text(obj, 'campaign_name', rec, file, false),
    adsetId: text(obj, 'adset_id', rec, file, false),
    adsetName: text(obj, 'adset_name', rec, file, false),
    dateStart,
    dateStop,
    currency,
    measures: {
      spendNano: spendNano ?? 0n,
      impressions: count(obj, 'impressions', rec, file) ?? 0,
      clicks: count(obj, 'clicks', rec, file) ?? 0,
      reach: count(obj, 'reach', rec, file),
      ...actions(obj, rec, file),
    },
    raw: obj,
  };
}

// ---------------------------------------------------------------------------------------------
// Campaigns, ad sets, ads

export interface CampaignRecord {
  record: string;
  externalId: string;
  name: string;
  objective: string | null;
  status: string | null;
  effectiveStatus: string | null;
  dailyBudgetMinor: string | null;
  lifetimeBudgetMinor: string | null;
  currency: string | null;
  createdAt: Date | null;
  updatedAt: Date | null;
  raw: JsonObject;
}

export const CAMPAIGN_FIELDS: FieldSet = {
  required: ['id', 'name'],
  optional: [
    'status',
    'objective',
    'effective_status',
    'created_time',
    'updated_time',
    'daily_budget',
    'lifetime_budget',
    'start_time',
    'stop_time',
    'budget_remaining',
    'account_id',
    'buying_type',
    'bid_strategy',
    'special_ad_categories',
    'special_ad_category',
    'configured_status',
    'spend_cap',
    'source_campaign_id',
    'account_currency',
  ],
};

// Graph timestamps look like 2024-03-01T12:34:56+0000.
const GRAPH_TIME_RE = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})(\.\d+)?(Z|[+-]\d{2}:?\d{2})$/;

function timestamp(obj: JsonObject, key: string, rec: string, file: string): Date | null {
  const v = obj[key];
  if (v === undefined || v === null || v === '') return null;
  const m = typeof v === 'string' ? GRAPH_TIME_RE.exec(v.trim()) : null;
  if (!m || !isCalendarDate(m[1])) return bad(file, rec, key, 'a timestamp such as 2024-03-01T12:34:56+0000', v);
  const zone = m[4] === 'Z' ? 'Z' : `${m[4].slice(0, 3)}:${m[4].slice(-2)}`;
  const d = new Date(`${m[1]}T${m[2]}${m[3] ?? ''}${zone}`);
  return Number.isNaN(d.getTime()) ? bad(file, rec, key, 'a valid timestamp', v) : d;
}

function minorUnits(obj: JsonObject, key: string, rec: string, file: string): string | null {
  const v = obj[key];
  if (v === undefined || v === null || v === '') return null;
  const t = typeof v === 'number' && Number.isSafeInteger(v) ? String(v) : typeof v === 'string' ? v.trim() : '';
  if (!/^\d{1,18}$/.test(t)) bad(file, rec, key, 'a whole number of minor currency units (as a string)', v);
  return t.replace(/^0+(?=\d)/, '');
}

export function campaignRecord(loc: Located, file: string): CampaignRecord {
  const obj = asObject(loc, file, 'a campaign');
  const rec = loc.record;
  checkFields(obj, CAMPAIGN_FIELDS, rec, file, 'campaign');
  const currency = text(obj, 'account_currency', rec, file, false);
  if (currency !== null && !/^[A-Z]{3}$/.test(currency)) bad(file, rec, 'account_currency', 'an ISO 4217 code', currency);
  return {
    record: rec,
    externalId: text(obj, 'id', rec, file, true)!,
    name: text(obj, 'name', rec, file, true)!,
    objective: text(obj, 'objective', rec, file, false),
    status: text(obj, 'status', rec, file, false),
    effectiveStatus: text(obj, 'effective_status', rec, file, false),
    dailyBudgetMinor: minorUnits(obj, 'daily_budget', rec, file),
    lifetimeBudgetMinor: minorUnits(obj, 'lifetime_budget', rec, file),
    currency,
    createdAt: timestamp(obj, 'created_time', rec, file),
    updatedAt: timestamp(obj, 'updated_time', rec, file),
    raw: obj,
  };
}

/** Ad sets and ads of a dump: kept in raw only, so they are checked just enough to be what they claim. */
export function entityRecord(loc: Located, file: string, what: string): JsonObject {
  const obj = asObject(loc, file, what);
  text(obj, 'id', loc.record, file, true);
  return obj;
}
