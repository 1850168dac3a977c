import type { DataSource } from 'typeorm';
import { hashToken, principalForTokenHash } from '../access/api-tokens';
import type { Principal } from '../access/principal';
import type { Credentials } from './dashboard-session';
import { AppError } from './errors';

/**
 * Turns the Authorization header (or a dashboard session) into a principal. A presented token must
 * be valid (a wrong token is refused even where anonymous read is on); no token gives the anonymous
 * viewer when allowed. A session whose token has been revoked since is refused like the token.
 */
export async function authenticate(
  ds: DataSource,
  presented: Credentials | string | undefined,
  allowAnonymousRead: boolean,
): Promise<Principal> {
  const { authorization: header, sessionTokenHash } =
    typeof presented === 'object' ? presented : { authorization: presented, sessionTokenHash: undefined };
  if (!header && sessionTokenHash) {
    const principal = await principalForTokenHash(ds, sessionTokenHash);
    if (!principal)
      throw new AppError('UNAUTHENTICATED', 'the token of this session was revoked: sign in again', { http: { status: 401 } });
    return principal;
  }
  if (!header) return allowAnonymousRead ? { role: 'VIEWER', name: 'anonymous' } : { role: null, name: 'anonymous' };
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  // Thrown while building the context, before execution: the http extension sets the status Apollo answers with.
  const unauthorized = { http: { status: 401 } };
  if (!match) throw new AppError('UNAUTHENTICATED', 'the Authorization header must be "Bearer <token>"', unauthorized);
  const principal = await principalForTokenHash(ds, hashToken(match[1]));
  if (!principal) throw new AppError('UNAUTHENTICATED', 'invalid or revoked token', unauthorized);
  return principal;
}

/**
 * The principal of a request that is about to run GraphQL: an anonymous caller where anonymous
 * read is off is refused here, before its document is even parsed.
 */
export async function authenticateCaller(ds: DataSource, presented: Credentials, allowAnonymousRead: boolean): Promise<Principal> {
  const principal = await authenticate(ds, presented, allowAnonymousRead);
  if (!principal.role) throw new AppError('UNAUTHENTICATED', 'a bearer token is required', { http: { status: 401 } });
  return principal;
}
