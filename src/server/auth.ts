import crypto from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { AuthChecker } from 'type-graphql';
import { ApiToken, type Role } from '../entities/api-token.entity';
import { AppError } from './errors';

export interface Principal {
  role: Role | null;
  /** The token's name, or "anonymous" when anonymous read let the request in. */
  name: string;
}

export const TOKEN_PREFIX = 'lat_';

export function hashToken(token: string): string {
  return crypto.createHash('sha256').update(token).digest('hex');
}

/** Creates a token; the clear text is returned once and only its hash is stored. */
export async function createApiToken(ds: DataSource, name: string, role: Role): Promise<string> {
  const token = `${TOKEN_PREFIX}${crypto.randomBytes(32).toString('base64url')}`;
  await ds.getRepository(ApiToken).insert({ name, role, tokenHash: hashToken(token) });
  return token;
}

/**
 * Turns the Authorization header into a principal. A presented token must be valid (a wrong token
 * is refused even where anonymous read is on); no token gives the anonymous viewer when allowed.
 */
export async function authenticate(ds: DataSource, header: string | undefined, allowAnonymousRead: boolean): Promise<Principal> {
  if (!header) return allowAnonymousRead ? { role: 'VIEWER', name: 'anonymous' } : { role: null, name: 'anonymous' };
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  // Thrown while building the context, before execution: the http extension sets the status Apollo answers with.
  const unauthorized = { http: { status: 401 } };
  if (!match) throw new AppError('UNAUTHENTICATED', 'the Authorization header must be "Bearer <token>"', unauthorized);
  const principal = await principalForTokenHash(ds, hashToken(match[1]));
  if (!principal) throw new AppError('UNAUTHENTICATED', 'invalid or revoked token', unauthorized);
  return principal;
}

/** The principal of a stored, unrevoked token, by the token's hash (what admin sessions keep); null otherwise. */
export async function principalForTokenHash(ds: DataSource, tokenHash: string): Promise<Principal | null> {
  const repo = ds.getRepository(ApiToken);
  const token = await repo.findOne({ where: { tokenHash } });
  if (!token || token.revokedAt) return null;
  // Recording use is best-effort and at most once a minute per token, to keep reads cheap.
  if (!token.lastUsedAt || Date.now() - token.lastUsedAt.getTime() > 60_000) {
    await repo.update(token.id, { lastUsedAt: new Date() }).catch(() => undefined);
  }
  return { role: token.role, name: token.name };
}

/**
 * The principal of a request that is about to run GraphQL: an anonymous caller where anonymous
 * read is off is refused here, before its document is even parsed.
 */
export async function authenticateCaller(ds: DataSource, header: string | undefined, allowAnonymousRead: boolean): Promise<Principal> {
  const principal = await authenticate(ds, header, allowAnonymousRead);
  if (!principal.role) throw new AppError('UNAUTHENTICATED', 'a bearer token is required', { http: { status: 401 } });
  return principal;
}

/** ADMIN may do everything a VIEWER may. */
export const authChecker: AuthChecker<{ principal: Principal }, Role> = ({ context }, roles) => {
  const role = context.principal.role;
  if (!role) throw new AppError('UNAUTHENTICATED', 'a bearer token is required');
  if (role === 'ADMIN' || roles.length === 0 || roles.includes(role)) return true;
  throw new AppError('FORBIDDEN', `this needs the ${roles.join(' or ')} role`);
};
