import type { AuthChecker } from 'type-graphql';
import type { Principal } from '../access/principal';
import type { Role } from '../entities/api-token.entity';
import { AccessError } from '../errors/access-error';

/** type-graphql's check of `@Role`: ADMIN may do everything a VIEWER may. */
export const authChecker: AuthChecker<{ principal: Principal }, Role> = ({ context }, roles) => {
  const role = context.principal.role;
  if (!role) throw new AccessError('UNAUTHENTICATED', 'a bearer token is required');
  if (role === 'ADMIN' || roles.length === 0 || roles.includes(role)) return true;
  throw new AccessError('FORBIDDEN', `this needs the ${roles.join(' or ')} role`);
};
