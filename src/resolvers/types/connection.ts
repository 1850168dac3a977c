import { type ClassType, Field, Int, ObjectType } from 'type-graphql';

@ObjectType({
  simpleResolvers: true,
  description: 'Relay page information. Pages go forward only: pass endCursor as `after` to read the next page.',
})
export class PageInfo {
  @Field({ description: 'True when more items follow this page (read them with `after: endCursor`).' })
  hasNextPage!: boolean;

  @Field({ description: 'True when this page was read with an `after` cursor, i.e. items come before it.' })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true, description: 'Opaque cursor of the first edge of the page; null when the page is empty.' })
  startCursor!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Opaque cursor of the last edge of the page: pass it as `after` for the next page. Null when the page is empty.',
  })
  endCursor!: string | null;
}

/**
 * Builds the `XConnection` and `XEdge` types of a node type. Output types use graphql-js's plain
 * property resolvers (`simpleResolvers`): no field of them carries a role or middleware, and
 * type-graphql's per-field wrapper would otherwise run for every cell of a large result.
 */
export function Connection<T extends object>(
  node: ClassType<T>,
  name: string,
  totalCountDescription = 'Number of items matching the filter; computed only when asked for.',
) {
  @ObjectType(`${name}Edge`, {
    simpleResolvers: true,
    description: `An edge of ${name}Connection (Relay edge): one ${name} and its cursor.`,
  })
  class Edge {
    @Field({
      description: 'Opaque cursor of this item (do not parse or build it): pass it as `after` to read on from this item.',
    })
    cursor!: string;

    @Field(() => node, { description: `The ${name} at this position of the page.` })
    node!: T;
  }

  @ObjectType(`${name}Connection`, {
    simpleResolvers: true,
    description: `A page of ${name} items (Relay connection), in the stable order the query states; read on with \`first\` and \`after\`.`,
  })
  class ConnectionType {
    @Field(() => [Edge], {
      description: `The ${name} items of this page, in order; empty when nothing matches or the page is past the end.`,
    })
    edges!: Edge[];

    @Field(() => PageInfo, { description: 'Where this page stands: whether more items follow, and the cursors to read on.' })
    pageInfo!: PageInfo;

    @Field(() => Int, { nullable: true, description: totalCountDescription })
    totalCount!: number | null;
  }
  return ConnectionType;
}
