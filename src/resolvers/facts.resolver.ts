import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, Info, Query, Resolver } from 'type-graphql';
import { CatalogService } from '../analytics/catalog.service';
import type { FactRelation, JoinedRelations } from '../analytics/fact-relations';
import type { DateBasis } from '../analytics/revenue.service';
import { checkedRange, ConnectionArgs, nodeFieldsAsked, pageFor, revenueFilter, streamFilter } from './args';
import { connectionCost } from './complexity';
import type { RequestContext } from './context';
import { Role } from './role';
import { StreamFact, TransactionNode } from './types/catalog.types';
import { Connection } from './types/connection';
import { DateBasisEnum } from './types/enums';
import { DateRangeInput, RevenueFilter, StreamFilter } from './types/inputs';

export const StreamConnection = Connection(StreamFact, 'StreamFact');
export const TransactionConnection = Connection(TransactionNode, 'Transaction');

const RELATIONS: readonly FactRelation[] = ['store', 'platform', 'track', 'artist'];

/** The relations the query asks of the page's nodes: read with the page, so their resolvers find them in the loaders. */
function askedRelations(info: GraphQLResolveInfo, ctx: RequestContext): JoinedRelations {
  const asked = nodeFieldsAsked(info);
  return { fields: new Set(RELATIONS.filter((r) => asked.has(r))), loaders: ctx.loaders };
}

@Resolver()
export class FactsResolver {
  @Role('VIEWER')
  @Query(() => StreamConnection, { complexity: connectionCost, description: 'Daily stream facts ordered by date.' })
  streams(
    @Args() page: ConnectionArgs,
    @Arg('range', () => DateRangeInput, {
      nullable: true,
      description: 'Days of the facts, both ends inclusive (calendar days as the sources report them); omitted: all days.',
    })
    range: DateRangeInput | undefined,
    @Arg('filter', () => StreamFilter, { nullable: true, description: 'Which stream facts to list; omitted: all.' })
    filter: StreamFilter | undefined,
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    return new CatalogService(ctx.ds).streams(
      range && checkedRange(range, null, ctx),
      streamFilter(filter),
      pageFor(page, info, ctx),
      askedRelations(info, ctx),
    );
  }

  @Role('VIEWER')
  @Query(() => TransactionConnection, {
    complexity: connectionCost,
    description: 'Statement lines ordered by their date on the chosen basis.',
  })
  transactions(
    @Args() page: ConnectionArgs,
    @Arg('range', () => DateRangeInput, {
      nullable: true,
      description:
        'Days, both ends inclusive, on the chosen dateBasis (with SALE_MONTH, every sale month the range touches counts whole); omitted: all.',
    })
    range: DateRangeInput | undefined,
    @Arg('filter', () => RevenueFilter, { nullable: true, description: 'Which statement lines to list; omitted: all.' })
    filter: RevenueFilter | undefined,
    @Arg('dateBasis', () => DateBasisEnum, {
      defaultValue: 'SALE_MONTH',
      description: 'Which date of a line places it in the range and orders the list.',
    })
    dateBasis: DateBasis,
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    return new CatalogService(ctx.ds).transactions(
      range && checkedRange(range, null, ctx),
      revenueFilter(filter),
      dateBasis,
      pageFor(page, info, ctx),
      askedRelations(info, ctx),
    );
  }
}
