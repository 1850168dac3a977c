import { DomainError } from './domain-error';

export type IdentityErrorCode = 'BAD_USER_INPUT' | 'NOT_FOUND';

/** A refused identity operation (link, unlink, merge): the code is the API's, `field` names the bad argument. */
export class IdentityError extends DomainError<IdentityErrorCode> {
  constructor(
    code: IdentityErrorCode,
    readonly field: string,
    message: string,
  ) {
    super(code, message, { field });
  }

  get clientCode(): IdentityErrorCode {
    return this.code;
  }
}
