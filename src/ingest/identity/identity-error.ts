/** A refused identity operation (link, unlink, merge): the code maps to the API's, `field` names the bad argument. */
export class IdentityError extends Error {
  constructor(readonly code: 'BAD_USER_INPUT' | 'NOT_FOUND', readonly field: string, message: string) {
    super(message);
    this.name = 'IdentityError';
  }
}
