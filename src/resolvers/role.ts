import { Authorized, Extensions } from 'type-graphql';
import type { Role as RoleName } from '../entities/api-token.entity';

/**
 * Declares who may call a query or mutation, or read a field of a type. It both enforces the role
 * (type-graphql's authChecker) and records it on the schema field, so a test can prove every field
 * has one. On an object field a caller without the role gets the field refused (FORBIDDEN), and
 * null in its place when the field is nullable.
 */
export function Role(role: RoleName): MethodDecorator & PropertyDecorator {
  return (target: object, key: string | symbol, descriptor?: PropertyDescriptor) => {
    Authorized(role)(target, key, descriptor as never);
    Extensions({ role })(target, key, descriptor as never);
  };
}
