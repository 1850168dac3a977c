import crypto from 'node:crypto';
import { type DataSource, IsNull } from 'typeorm';
import { ApiToken, type Role } from '../entities/api-token.entity';
import { ArgumentError } from '../errors/argument-error';
import type { Principal } from './principal';

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

/** Token administration for admins: names are checked and unique, revocation is idempotent. */
export class ApiTokenService {
  constructor(private readonly ds: DataSource) {}

  async create(name: string, role: Role): Promise<string> {
    if (!/^[\w.@-]{1,100}$/.test(name)) throw new ArgumentError('name: letters, digits, . _ - @; at most 100 characters');
    if (await this.ds.getRepository(ApiToken).exists({ where: { name } }))
      throw new ArgumentError(`a token named "${name}" already exists`);
    return createApiToken(this.ds, name, role);
  }

  /** True when an active token of that name was revoked. */
  async revoke(name: string): Promise<boolean> {
    const result = await this.ds.getRepository(ApiToken).update({ name, revokedAt: IsNull() }, { revokedAt: new Date() });
    return (result.affected ?? 0) > 0;
  }
}
