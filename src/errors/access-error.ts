import { DomainError } from './domain-error';

export type AccessErrorCode = 'UNAUTHENTICATED' | 'FORBIDDEN';

/** The caller has no valid token (UNAUTHENTICATED), or its role does not allow what it asked (FORBIDDEN). */
export class AccessError extends DomainError<AccessErrorCode> {
  get clientCode(): AccessErrorCode {
    return this.code;
  }
}
