import type { ErrorRequestHandler, RequestHandler, Response } from 'express';
import type { Logger } from '../config/logger';
import type { ErrorCode } from './errors';

/** Every error the HTTP layer answers itself: the GraphQL response shape, a code, never HTML or a stack. */
export function sendError(res: Response, status: number, code: ErrorCode, message: string, headers: Record<string, string> = {}): void {
  res
    .status(status)
    .set({ ...headers, 'Cache-Control': 'no-store' })
    .json({ errors: [{ message, extensions: { code } }] });
}

/** body-parser's error types, answered with a fixed message (its own may quote the body). */
const BODY_ERRORS: Record<string, { status: number; code: ErrorCode; message: string }> = {
  'entity.parse.failed': { status: 400, code: 'BAD_REQUEST', message: 'the request body is not valid JSON' },
  'entity.too.large': { status: 413, code: 'PAYLOAD_TOO_LARGE', message: 'the request body is too large' },
  'entity.verify.failed': { status: 400, code: 'BAD_REQUEST', message: 'the request body was refused' },
  'request.aborted': { status: 400, code: 'BAD_REQUEST', message: 'the request body was cut short' },
  'request.size.invalid': { status: 400, code: 'BAD_REQUEST', message: 'the request body does not match its Content-Length' },
  'encoding.unsupported': {
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
    message: 'unsupported Content-Encoding (identity, gzip, deflate or br)',
  },
  'charset.unsupported': { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE', message: 'unsupported charset (use utf-8)' },
  'parameters.too.many': { status: 413, code: 'PAYLOAD_TOO_LARGE', message: 'too many form fields' },
};

/**
 * The last handler of the app, for every route (GraphQL, the admin sign-in, Agendash, the
 * playground's files): a coded JSON error. A client mistake names what was wrong; anything else is
 * logged with a reference and answered without detail.
 */
export function jsonErrorHandler(logger: Logger): ErrorRequestHandler {
  return (err: unknown, req, res, next) => {
    if (res.headersSent) {
      next(err);
      return;
    }
    const e = (err ?? {}) as { type?: unknown; status?: unknown; statusCode?: unknown; code?: unknown };
    const known = typeof e.type === 'string' ? BODY_ERRORS[e.type] : undefined;
    if (known) {
      sendError(res, known.status, known.code, known.message);
      return;
    }
    const status = Number(e.status ?? e.statusCode);
    // A bad gzip stream or a malformed body from a client: zlib and body-parser mark those 4xx.
    if (Number.isInteger(status) && status >= 400 && status < 500) {
      sendError(
        res,
        status,
        status === 413 ? 'PAYLOAD_TOO_LARGE' : status === 415 ? 'UNSUPPORTED_MEDIA_TYPE' : 'BAD_REQUEST',
        'the request could not be read',
      );
      return;
    }
    if (typeof e.code === 'string' && /^Z_/.test(e.code)) {
      sendError(res, 400, 'BAD_REQUEST', 'the request body could not be decompressed');
      return;
    }
    const errorId = Math.random().toString(36).slice(2, 10);
    logger.error('unexpected error while answering an HTTP request', { errorId, method: req.method, path: req.path, error: err });
    res
      .status(500)
      .set('Cache-Control', 'no-store')
      .json({
        errors: [{ message: `Internal server error (reference ${errorId})`, extensions: { code: 'INTERNAL_SERVER_ERROR', errorId } }],
      });
  };
}

/** Unknown routes: a coded JSON 404 instead of Express's HTML page. */
export const notFoundHandler: RequestHandler = (req, res) => {
  sendError(res, 404, 'NOT_FOUND', `nothing at ${req.method} ${req.path}`);
};
