import 'reflect-metadata';
import { execute, parse } from 'graphql';
import {
  Arg,
  Authorized,
  Ctx,
  Field,
  FieldResolver,
  Info,
  Int,
  type MiddlewareFn,
  ObjectType,
  Query,
  Resolver,
  Root,
  UseMiddleware,
  buildSchema,
} from 'type-graphql';
import { directFieldResolvers } from '../../src/resolvers/direct-field-resolvers';
import { Parent } from '../../src/resolvers/parent';

/**
 * Field resolvers that need none of type-graphql's per-call machinery are called directly (issue 12):
 * the same method with the same values, and nothing else changes. Everything that type-graphql does
 * more for a field (roles, middlewares, arguments) keeps its handler.
 */
@ObjectType()
class Item {
  @Field(() => Int) id!: number;
}

interface Context {
  roles: string[];
  calls: string[];
  label: string;
}

const counted: MiddlewareFn<Context> = async ({ context }, next) => {
  context.calls.push('middleware');
  return next();
};

@Resolver(() => Item)
class ItemRelations {
  @FieldResolver(() => String)
  label(@Parent() item: Item, @Ctx() ctx: Context) {
    return `${ctx.label}-${item.id}`;
  }

  @FieldResolver(() => String)
  later(@Parent() item: Item, @Ctx('label') label: string, @Info() info: { fieldName: string }) {
    return Promise.resolve(`${label}:${info.fieldName}:${item.id}`);
  }

  // type-graphql copies a @Root parent into an instance of its class: left to type-graphql.
  @FieldResolver(() => String)
  rooted(@Root() item: Item) {
    return `${item instanceof Item}-${item.id}`;
  }

  @FieldResolver(() => String, { nullable: true })
  failing(@Parent() item: Item): string {
    throw new Error(`no label for ${item.id}`);
  }

  @Authorized('ADMIN')
  @FieldResolver(() => String, { nullable: true })
  secret(@Parent() item: Item) {
    return `secret-${item.id}`;
  }

  @UseMiddleware(counted)
  @FieldResolver(() => String)
  watched(@Parent() item: Item) {
    return `watched-${item.id}`;
  }

  @FieldResolver(() => Int)
  plus(@Parent() item: Item, @Arg('by', () => Int) by: number) {
    return item.id + by;
  }
}

@Resolver()
class ItemQuery {
  @Query(() => [Item])
  items(): Item[] {
    return [{ id: 1 }, { id: 2 }];
  }
}

async function schemas() {
  const build = () =>
    buildSchema({
      resolvers: [ItemRelations, ItemQuery],
      authChecker: ({ context }: { context: Context }, roles: string[]) => roles.every((r) => context.roles.includes(r)),
      authMode: 'error',
      validate: false,
    });
  const direct = await build();
  const fields = directFieldResolvers(direct);
  return { handlers: await build(), direct, fields };
}

const QUERY = parse('{ items { id label later rooted failing secret watched plus(by: 10) } }');

describe('directFieldResolvers', () => {
  it('takes only the fields with no roles, middlewares, arguments or typed @Root', async () => {
    const { fields } = await schemas();
    expect(fields.sort()).toEqual(['Item.failing', 'Item.label', 'Item.later']);
  });

  it('answers as type-graphql does: values, promises, errors, refusals, middlewares', async () => {
    const { handlers, direct } = await schemas();
    for (const roles of [[], ['ADMIN']]) {
      const run = async (schema: typeof direct) => {
        const contextValue: Context = { roles, calls: [], label: 'L' };
        const result = await execute({ schema, document: QUERY, contextValue });
        return { result: JSON.parse(JSON.stringify(result)) as unknown, calls: contextValue.calls };
      };
      const expected = await run(handlers);
      expect(await run(direct)).toEqual(expected);
      expect(expected.calls).toEqual(['middleware', 'middleware']);
    }
    const viewer = await execute({ schema: direct, document: QUERY, contextValue: { roles: [], calls: [], label: 'L' } });
    expect(viewer.data?.items).toEqual([
      { id: 1, label: 'L-1', later: 'L:later:1', rooted: 'true-1', failing: null, secret: null, watched: 'watched-1', plus: 11 },
      { id: 2, label: 'L-2', later: 'L:later:2', rooted: 'true-2', failing: null, secret: null, watched: 'watched-2', plus: 12 },
    ]);
    expect(viewer.errors?.map((e) => e.message).sort()).toEqual([
      "Access denied! You don't have permission for this action!",
      "Access denied! You don't have permission for this action!",
      'no label for 1',
      'no label for 2',
    ]);
  });

  it('leaves everything to type-graphql when global middlewares are set', async () => {
    const { handlers } = await schemas();
    expect(directFieldResolvers(handlers, { globalMiddlewares: [counted] })).toEqual([]);
  });
});
