import { Authorized, Extensions } from 'type-graphql';
import type { Role as RoleName } from '../entities/api-token.entity';

/**
 * Declares who may call a query or mutation. It both enforces the role (type-graphql's
 * authChecker) and records it on the schema field, so a test can prove every field has one.
 */
export function Role(role: RoleName): MethodDecorator {
  return (target, key, descriptor) => {
    Authorized(role)(target, key, descriptor);
    Extensions({ role })(target, key, descriptor);
  };
}
