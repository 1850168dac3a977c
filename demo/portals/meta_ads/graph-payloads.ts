/**
 * Payload builders of the simulated Graph API: error bodies as Meta writes them, field selection
 * (the API returns only what `fields=` asks for, plus `id`), and cursor paging whose `next` and
 * `previous` links are absolute URLs back to the simulator carrying the caller's token, as the
 * real API does (the extractor must strip it).
 */
import crypto from 'node:crypto';
import type { Request } from 'express';

export interface GraphErrorBody {
  error: { message: string; type: string; code: number; error_subcode?: number; is_transient?: boolean; fbtrace_id: string };
}

export function graphError(
  code: number,
  message: string,
  opts: { subcode?: number; type?: string; transient?: boolean } = {},
): GraphErrorBody {
  const error: GraphErrorBody['error'] = {
    message,
    type: opts.type ?? 'OAuthException',
    code,
    fbtrace_id: crypto.randomBytes(8).toString('base64url'),
  };
  if (opts.subcode !== undefined) error.error_subcode = opts.subcode;
  if (opts.transient !== undefined) error.is_transient = opts.transient;
  return { error };
}

/** The requested fields (`fields=a,b,c`), or null when none were named. */
export function requestedFields(req: Request): string[] | null {
  const f = req.query.fields;
  return typeof f === 'string' && f.trim() !== ''
    ? f
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : null;
}

/** Keeps the requested keys (and `always`) of an object, in the object's own order. */
export function selectFields(
  obj: Record<string, unknown>,
  fields: string[] | null,
  always: readonly string[] = [],
): Record<string, unknown> {
  if (fields === null) return obj;
  const keep = new Set([...fields, ...always]);
  return Object.fromEntries(Object.entries(obj).filter(([k]) => keep.has(k)));
}

const encodeCursor = (offset: number): string => Buffer.from(`sim-offset:${offset}`).toString('base64url');

function decodeCursor(cursor: string): number | null {
  const m = /^sim-offset:(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  return m ? Number(m[1]) : null;
}

export interface GraphPage {
  data: unknown[];
  paging?: { cursors: { before: string; after: string }; next?: string; previous?: string };
}

/**
 * One page of `items` for this request: `limit` (capped at `maxPageSize`) items from the `after`
 * cursor. Null when the cursor is unreadable (the caller answers a Graph error).
 */
export function pageOf(req: Request, items: unknown[], maxPageSize: number, token: string): GraphPage | null {
  const limitParam = Number(req.query.limit);
  const limit = Math.min(Number.isInteger(limitParam) && limitParam > 0 ? limitParam : maxPageSize, maxPageSize);
  let offset = 0;
  if (typeof req.query.after === 'string') {
    const decoded = decodeCursor(req.query.after);
    if (decoded === null) return null;
    offset = decoded;
  }
  const data = items.slice(offset, offset + limit);
  if (items.length === 0) return { data };
  const link = (cursor: Record<string, string>): string => {
    const u = new URL(`${req.protocol}://${req.get('host')}${req.path}`);
    for (const [k, v] of Object.entries(req.query))
      if (typeof v === 'string' && !['after', 'before', 'access_token'].includes(k)) u.searchParams.set(k, v);
    u.searchParams.set('limit', String(limit));
    // The real API echoes the caller's token into its paging links.
    u.searchParams.set('access_token', token);
    for (const [k, v] of Object.entries(cursor)) u.searchParams.set(k, v);
    return u.toString();
  };
  const paging: NonNullable<GraphPage['paging']> = { cursors: { before: encodeCursor(offset), after: encodeCursor(offset + data.length) } };
  if (offset + limit < items.length) paging.next = link({ after: encodeCursor(offset + limit) });
  if (offset > 0) paging.previous = link({ before: encodeCursor(offset) });
  return { data, paging };
}
