import { Arg, Ctx, Mutation, registerEnumType, Resolver } from 'type-graphql';
import { IsNull } from 'typeorm';
import { ApiToken } from '../entities/api-token.entity';
import { createApiToken } from '../server/auth';
import type { RequestContext } from '../server/context';
import { AppError } from '../server/errors';
import { Role } from './role';

export enum TokenRole {
  VIEWER = 'VIEWER',
  ADMIN = 'ADMIN',
}
registerEnumType(TokenRole, { name: 'TokenRole', description: 'VIEWER may query; ADMIN may also run mutations.' });

/** Token administration over the API, for admins. */
@Resolver()
export class ApiTokenResolver {
  @Role('ADMIN')
  @Mutation(() => String, { description: 'Creates a bearer token and returns it. It is shown only in this response; only its hash is stored.' })
  async createApiToken(@Arg('name') name: string, @Arg('role', () => TokenRole) role: TokenRole, @Ctx() ctx: RequestContext): Promise<string> {
    if (!/^[\w.@-]{1,100}$/.test(name)) throw new AppError('BAD_USER_INPUT', 'name: letters, digits, . _ - @; at most 100 characters');
    if (await ctx.ds.getRepository(ApiToken).exists({ where: { name } })) throw new AppError('BAD_USER_INPUT', `a token named "${name}" already exists`);
    return createApiToken(ctx.ds, name, role);
  }

  @Role('ADMIN')
  @Mutation(() => Boolean, { description: 'Revokes a token by name; true when one was active.' })
  async revokeApiToken(@Arg('name') name: string, @Ctx() ctx: RequestContext): Promise<boolean> {
    const result = await ctx.ds.getRepository(ApiToken).update({ name, revokedAt: IsNull() }, { revokedAt: new Date() });
    return (result.affected ?? 0) > 0;
  }
}
