import { type ClientErrorCode, DomainError } from './domain-error';

export type AnalyticsErrorCode =
  | 'INVALID_ARGUMENT'
  | 'INVALID_RANGE'
  | 'RANGE_TOO_LONG'
  | 'PAGE_TOO_LARGE'
  | 'INVALID_CURSOR'
  | 'NOT_FOUND'
  /** A row the same request just read is gone (deleted meanwhile): nothing the caller did wrong. */
  | 'ROW_MISSING';

const CLIENT_CODES: Record<AnalyticsErrorCode, ClientErrorCode> = {
  INVALID_ARGUMENT: 'BAD_USER_INPUT',
  INVALID_RANGE: 'BAD_USER_INPUT',
  RANGE_TOO_LONG: 'RANGE_TOO_LONG',
  PAGE_TOO_LARGE: 'PAGE_TOO_LARGE',
  INVALID_CURSOR: 'BAD_USER_INPUT',
  NOT_FOUND: 'NOT_FOUND',
  ROW_MISSING: 'INTERNAL_SERVER_ERROR',
};

/** A question the analytics services refuse: a bad range, a page too large, a cursor they did not issue. */
export class AnalyticsError extends DomainError<AnalyticsErrorCode> {
  get clientCode(): ClientErrorCode {
    return CLIENT_CODES[this.code];
  }

  /** Every message names the argument and the limit, never data: safe to show even for ROW_MISSING. */
  override get exposesMessage(): boolean {
    return true;
  }
}
