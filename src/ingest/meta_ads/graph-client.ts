/**
 * A small Graph API client for the Meta Ads extractor: plain HTTP GETs with the token in the
 * Authorization header (never in a URL we build), a timeout on every request, cancellation through
 * the run's signal, bounded retries for rate limits (Retry-After or Meta's usage headers honoured,
 * else exponential backoff with jitter) and for transient failures, and `paging.next` followed only
 * back to the configured Graph host with any token stripped from it first.
 */
import type { Logger } from '../../config/logger';
import { ExtractionError } from '../../errors/extraction-error';
import { parseRetryAfter } from '../extract/portal-errors';
import { isObject, type Json, type JsonObject } from './json-file';

/** Graph error codes that mean "too many calls": back off and retry. */
const RATE_LIMIT_CODES = new Set([4, 17, 32, 613, 80000, 80001, 80002, 80003, 80004, 80005, 80006, 80008, 80009, 80014]);
/** Invalid, expired or revoked token (102 is the old session-key form of it). */
const TOKEN_CODES = new Set([102, 190]);
/** Codes Meta documents as temporary server trouble. */
const TRANSIENT_CODES = new Set([1, 2]);
/** Permission errors: the token is valid but cannot read the ad account. */
const isPermissionCode = (code: number): boolean => code === 10 || (code >= 200 && code <= 299);

const SECRET_PARAMS = ['access_token', 'input_token', 'appsecret_proof'];

export interface GraphClientOptions {
  graphUrl: string;
  apiVersion: string;
  accessToken: string;
  /** The run's signal: aborting it cancels the request in flight and any backoff wait. */
  signal: AbortSignal;
  requestTimeoutMs: number;
  /** Retries after a rate limit before giving up with RATE_LIMITED. */
  maxRateLimitRetries: number;
  /** Retries after a 5xx, a timeout or a network error before giving up. */
  maxTransientRetries: number;
  /** First backoff step; doubled on each retry, plus up to one step of jitter. */
  backoffBaseMs: number;
  /** A server asking for a longer wait than this is not waited for here: the job retries later. */
  maxInlineWaitMs: number;
  sleep(ms: number, signal: AbortSignal): Promise<void>;
  random(): number;
  /** The run log (shown in GraphQL): only token-free text reaches it. */
  log(line: string): void;
  logger: Logger;
}

/** Removes token-bearing query parameters from a URL (the Graph API echoes `access_token` into `paging.next`). */
export function stripTokenParams(url: string): string {
  try {
    const u = new URL(url);
    for (const p of SECRET_PARAMS) u.searchParams.delete(p);
    return u.toString();
  } catch {
    return url.replace(new RegExp(`([?&])(?:${SECRET_PARAMS.join('|')})=[^&#]*&?`, 'g'), '$1').replace(/[?&]$/, '');
  }
}

/** `text` with every occurrence of `secret` masked (a last guard for messages the API wrote). */
export function maskSecret(text: string, secret: string): string {
  return secret.length >= 8 ? text.split(secret).join('[redacted]') : text;
}

/** The default sleep: resolves after `ms`, rejects at once when the run is cancelled. */
export function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(abortReason(signal));
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortReason(signal));
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

function abortReason(signal: AbortSignal): Error {
  return signal.reason instanceof Error ? signal.reason : new Error('the extraction was cancelled');
}

function parseHeaderJson(value: string | null): Json | undefined {
  if (!value) return undefined;
  try {
    return JSON.parse(value) as Json;
  } catch {
    return undefined; // an unreadable usage header is only a missed hint
  }
}

/**
 * How long Meta's usage headers say to wait: `X-Business-Use-Case-Usage` gives
 * `estimated_time_to_regain_access` in minutes per business, `X-Ad-Account-Usage` a
 * `reset_time_duration` in seconds. Undefined when neither asks for a wait.
 */
export function usageWaitMs(headers: Headers): number | undefined {
  let ms = 0;
  const buc = parseHeaderJson(headers.get('x-business-use-case-usage'));
  if (isObject(buc)) {
    for (const entries of Object.values(buc)) {
      if (!Array.isArray(entries)) continue;
      for (const e of entries)
        if (isObject(e) && typeof e.estimated_time_to_regain_access === 'number')
          ms = Math.max(ms, e.estimated_time_to_regain_access * 60_000);
    }
  }
  const account = parseHeaderJson(headers.get('x-ad-account-usage'));
  if (isObject(account) && typeof account.reset_time_duration === 'number') ms = Math.max(ms, account.reset_time_duration * 1000);
  return ms > 0 ? ms : undefined;
}

type Attempt = { ok: JsonObject } | { error: ExtractionError; kind: 'rate' | 'transient' | 'fatal' };

export class GraphClient {
  /** `https://graph.facebook.com/v19.0`, no trailing slash. */
  readonly base: string;
  private readonly origin: string;
  /** Requests sent, retries included (for the run log). */
  requests = 0;
  retries = 0;

  constructor(private readonly o: GraphClientOptions) {
    this.base = `${o.graphUrl.replace(/\/+$/, '')}/${o.apiVersion}`;
    this.origin = new URL(this.base).origin;
  }

  /** An absolute URL under the versioned base, query parameters encoded. It carries no token. */
  url(path: string, params: Record<string, string> = {}): string {
    const u = new URL(`${this.base}/${path.replace(/^\/+/, '')}`);
    for (const [k, v] of Object.entries(params)) u.searchParams.set(k, v);
    return u.toString();
  }

  /** A URL safe for logs, messages and manifests: no token parameter, no token anywhere. */
  safe(url: string): string {
    return maskSecret(stripTokenParams(url), this.o.accessToken);
  }

  /** `GET /v19.0/act_1/campaigns`: how errors name a call (the path never holds the token). */
  where(url: string): string {
    try {
      return `GET ${maskSecret(new URL(url).pathname, this.o.accessToken)}`;
    } catch {
      return 'GET (unreadable URL)';
    }
  }

  /** One GET with retries; resolves to the JSON object the API answered. */
  async get(url: string): Promise<JsonObject> {
    const where = this.where(url);
    let rateRetries = 0;
    let transientRetries = 0;
    for (;;) {
      if (this.o.signal.aborted) throw abortReason(this.o.signal);
      const attempt = await this.attempt(url, where);
      if ('ok' in attempt) return attempt.ok;
      const { error, kind } = attempt;
      const used = kind === 'rate' ? rateRetries : transientRetries;
      const allowed = kind === 'rate' ? this.o.maxRateLimitRetries : kind === 'transient' ? this.o.maxTransientRetries : 0;
      const wait = error.retryAfterMs ?? this.backoff(used);
      if (used >= allowed || wait > this.o.maxInlineWaitMs) {
        // Give the job scheduler a wait to honour: the server's, else the next backoff step.
        throw error.retryable && error.retryAfterMs === undefined
          ? new ExtractionError(error.code, error.message, this.backoff(used))
          : error;
      }
      if (kind === 'rate') rateRetries++;
      else transientRetries++;
      this.retries++;
      const detail = error.message.startsWith(`${where}: `) ? error.message.slice(where.length + 2) : error.message;
      this.o.log(`${where}: ${kind === 'rate' ? 'rate limited' : error.code} (${detail}); retry ${used + 1}/${allowed} in ${wait} ms`);
      await this.o.sleep(wait, this.o.signal);
    }
  }

  /** Every page of a list endpoint, in order, following `paging.next` (token stripped) on the same host. */
  async *pages(first: string): AsyncGenerator<{ page: JsonObject; url: string; index: number }> {
    const seen = new Set<string>();
    let url: string | null = first;
    for (let index = 0; url !== null; index++) {
      if (index >= 10_000) throw new ExtractionError('SCHEMA_DRIFT', `${this.where(first)}: paging did not end after ${index} pages`);
      seen.add(url);
      const page = await this.get(url);
      yield { page, url, index };
      url = this.nextOf(page, url, seen);
    }
  }

  private nextOf(page: JsonObject, current: string, seen: Set<string>): string | null {
    const paging = page.paging;
    if (!isObject(paging) || paging.next === undefined || paging.next === null) return null;
    if (typeof paging.next !== 'string') throw new ExtractionError('SCHEMA_DRIFT', `${this.where(current)}: paging.next is not a URL`);
    let next: URL;
    try {
      next = new URL(stripTokenParams(paging.next));
    } catch {
      throw new ExtractionError('SCHEMA_DRIFT', `${this.where(current)}: paging.next is not a URL`);
    }
    // The token goes in a header to this host only: a link elsewhere is not followed.
    if (next.origin !== this.origin)
      throw new ExtractionError('SCHEMA_DRIFT', `${this.where(current)}: paging.next points to ${next.origin}, not ${this.origin}`);
    const url = next.toString();
    if (seen.has(url)) throw new ExtractionError('SCHEMA_DRIFT', `${this.where(current)}: paging.next repeats an earlier page`);
    this.o.logger.debug('meta_ads next page', { url: this.safe(url) });
    return url;
  }

  private backoff(attempt: number): number {
    const step = this.o.backoffBaseMs;
    return Math.round(step * 2 ** attempt + this.o.random() * step);
  }

  private async attempt(url: string, where: string): Promise<Attempt> {
    const timeout = AbortSignal.timeout(this.o.requestTimeoutMs);
    let status: number;
    let headers: Headers;
    let text: string;
    this.requests++;
    try {
      const res = await fetch(url, {
        headers: { Authorization: `Bearer ${this.o.accessToken}`, Accept: 'application/json' },
        signal: AbortSignal.any([this.o.signal, timeout]),
        redirect: 'error',
      });
      status = res.status;
      headers = res.headers;
      text = await res.text();
    } catch (err) {
      if (this.o.signal.aborted) throw abortReason(this.o.signal);
      if (timeout.aborted)
        return { error: new ExtractionError('TIMEOUT', `${where} gave no answer within ${this.o.requestTimeoutMs} ms`), kind: 'transient' };
      const cause = err instanceof Error && err.cause instanceof Error ? `: ${err.cause.message}` : '';
      const message = err instanceof Error ? `${err.message}${cause}` : String(err);
      return { error: new ExtractionError('NETWORK', `${where} failed: ${maskSecret(message, this.o.accessToken)}`), kind: 'transient' };
    }
    const retryAfter = parseRetryAfter(headers.get('retry-after')) ?? undefined;
    let body: Json | undefined;
    try {
      body = JSON.parse(text) as Json;
    } catch {
      body = undefined;
    }
    if (body !== undefined && isObject(body) && isObject(body.error))
      return this.graphError(body.error, status, headers, retryAfter, where);
    if (status === 429)
      return {
        error: new ExtractionError('RATE_LIMITED', `${where} answered 429 Too Many Requests`, retryAfter ?? usageWaitMs(headers)),
        kind: 'rate',
      };
    if (status >= 500) return { error: new ExtractionError('HTTP_5XX', `${where} answered HTTP ${status}`, retryAfter), kind: 'transient' };
    if (status >= 400)
      return {
        error: new ExtractionError('SCHEMA_DRIFT', `${where} answered HTTP ${status} without a Graph error payload`),
        kind: 'fatal',
      };
    if (body === undefined)
      return {
        error: new ExtractionError('SCHEMA_DRIFT', `${where}: the response is not valid JSON (${text.length} bytes)`),
        kind: 'fatal',
      };
    if (!isObject(body))
      return {
        error: new ExtractionError(
          'SCHEMA_DRIFT',
          `${where}: expected a JSON object, got ${Array.isArray(body) ? 'an array' : typeof body}`,
        ),
        kind: 'fatal',
      };
    return { ok: body };
  }

  private graphError(e: JsonObject, status: number, headers: Headers, retryAfter: number | undefined, where: string): Attempt {
    const code = typeof e.code === 'number' ? e.code : Number(e.code);
    const subcode = e.error_subcode === undefined || e.error_subcode === null ? '' : `/${String(e.error_subcode)}`;
    const apiMessage = typeof e.message === 'string' ? maskSecret(e.message, this.o.accessToken).slice(0, 200) : '';
    const label = `${where}: Graph error ${Number.isFinite(code) ? code : '?'}${subcode} ${apiMessage ? `"${apiMessage}"` : ''}`.trim();
    if (TOKEN_CODES.has(code))
      return {
        error: new ExtractionError('TOKEN_INVALID', `${label}: the access token is invalid or expired; renew META_ACCESS_TOKEN`),
        kind: 'fatal',
      };
    if (RATE_LIMIT_CODES.has(code) || status === 429)
      return { error: new ExtractionError('RATE_LIMITED', label, retryAfter ?? usageWaitMs(headers)), kind: 'rate' };
    if (TRANSIENT_CODES.has(code) || e.is_transient === true || status >= 500) {
      return { error: new ExtractionError('HTTP_5XX', `${label} (HTTP ${status})`, retryAfter), kind: 'transient' };
    }
    if (isPermissionCode(code))
      return {
        error: new ExtractionError('TOKEN_INVALID', `${label}: the token lacks a permission (ads_read) on this ad account`),
        kind: 'fatal',
      };
    // Anything else (100 unknown field or object, …) is a request the API no longer accepts as we send it.
    return { error: new ExtractionError('SCHEMA_DRIFT', label), kind: 'fatal' };
  }
}
