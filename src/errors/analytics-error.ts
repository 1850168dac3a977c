import { type ClientErrorCode, DomainError } from './domain-error';

/** The API's own codes, so a caller of a service sees what a client would; ROW_MISSING is internal. */
export type AnalyticsErrorCode =
  | 'BAD_USER_INPUT'
  | 'RANGE_TOO_LONG'
  | 'PAGE_TOO_LARGE'
  | 'NOT_FOUND'
  /** A row the same request just read is gone (deleted meanwhile): nothing the caller did wrong. */
  | 'ROW_MISSING';

/** A question the analytics services refuse: a reversed or too long range, a page too large, a cursor they did not issue. */
export class AnalyticsError extends DomainError<AnalyticsErrorCode> {
  get clientCode(): ClientErrorCode {
    return this.code === 'ROW_MISSING' ? 'INTERNAL_SERVER_ERROR' : this.code;
  }

  /** Every message names the argument and the limit, never data: safe to show even for ROW_MISSING. */
  override get exposesMessage(): boolean {
    return true;
  }
}
