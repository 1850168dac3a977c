import { Arg, Ctx, Mutation, registerEnumType, Resolver } from 'type-graphql';
import { ApiTokenService } from '../access/api-tokens';
import { type Role as RoleName, ROLES } from '../entities/api-token.entity';
import type { RequestContext } from './context';
import { Role } from './role';
import { describedValues, enumOf } from './types/enum-of';

export const TokenRoleEnum = enumOf(ROLES);
registerEnumType(TokenRoleEnum, {
  name: 'TokenRole',
  description: 'VIEWER may query; ADMIN may also run mutations.',
  valuesConfig: describedValues<RoleName>({
    VIEWER: 'May run the analytics queries (streams, revenue, campaigns, engagement, pipeline health).',
    ADMIN: 'May also read runs, logs and schedules, and run every mutation (extractions, quarantine, identity, tokens).',
  }),
});

/** Token administration over the API, for admins. */
@Resolver()
export class ApiTokenResolver {
  @Role('ADMIN')
  @Mutation(() => String, {
    description: 'Creates a bearer token and returns it. It is shown only in this response; only its hash is stored.',
  })
  createApiToken(
    @Arg('name', {
      description: 'Unique name of the token (letters, digits, . _ - @; at most 100 characters); shown as triggeredBy on runs it asks for.',
    })
    name: string,
    @Arg('role', () => TokenRoleEnum, { description: 'What the token may do.' }) role: RoleName,
    @Ctx() ctx: RequestContext,
  ): Promise<string> {
    return new ApiTokenService(ctx.ds).create(name, role);
  }

  @Role('ADMIN')
  @Mutation(() => Boolean, { description: 'Revokes a token by name; true when one was active.' })
  revokeApiToken(
    @Arg('name', { description: 'Name the token was created with.' }) name: string,
    @Ctx() ctx: RequestContext,
  ): Promise<boolean> {
    return new ApiTokenService(ctx.ds).revoke(name);
  }
}
