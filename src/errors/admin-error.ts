import { type ClientErrorCode, DomainError } from './domain-error';

export type AdminErrorCode = 'NOT_FOUND' | 'BAD_USER_INPUT' | 'QUEUE_UNAVAILABLE' | 'NOT_RUNNING';

/**
 * A refused ingestion-admin operation (trigger, cancel, retry, schedule, watch). The admin's
 * refusals carry their code as `reason` by default; NOT_RUNNING (no admin in this process) and
 * the run watch's NOT_FOUND pass `{}`, as the API has always answered them without one.
 */
export class AdminError extends DomainError<AdminErrorCode> {
  constructor(code: AdminErrorCode, message: string, details: Readonly<Record<string, unknown>> = { reason: code }) {
    super(code, message, details);
  }

  get clientCode(): ClientErrorCode {
    return this.code === 'QUEUE_UNAVAILABLE' || this.code === 'NOT_RUNNING' ? 'INTERNAL_SERVER_ERROR' : this.code;
  }

  /** The queue may come back: the same trigger later can succeed. */
  override readonly retryable: boolean = this.code === 'QUEUE_UNAVAILABLE';

  /** The messages name the job backend, never hosts or secrets: admins read them as they are. */
  override get exposesMessage(): boolean {
    return true;
  }
}
