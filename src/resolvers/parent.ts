import { createParameterDecorator } from 'type-graphql';

/**
 * The parent object of a field resolver, as the parent's resolver returned it. type-graphql's
 * `@Root()` copies it into a fresh instance of the parameter's class on every call (its
 * convertToType: a constructor, a walk of the instance's keys and an Object.assign): for a series
 * of 500 points, 500 copies per relation field and request, about a millisecond. No resolver needs
 * its parent to be an instance of the declared class, so the resolvers read the object they were given.
 */
export function Parent() {
  return createParameterDecorator(({ root }): unknown => root);
}
