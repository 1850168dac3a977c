import { type ClientErrorCode, DomainError } from './domain-error';

/** An API argument that is malformed before any layer can use it: not an id, not a day, two of a one-of. */
export class ArgumentError extends DomainError<'BAD_USER_INPUT'> {
  readonly clientCode: ClientErrorCode = 'BAD_USER_INPUT';

  constructor(message: string, details: Readonly<Record<string, unknown>> = {}) {
    super('BAD_USER_INPUT', message, details);
  }
}
