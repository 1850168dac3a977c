import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, Info, Query, Resolver } from 'type-graphql';
import { CatalogService } from '../analytics/catalog.service';
import { validateRange } from '../analytics/periods';
import type { RequestContext } from '../server/context';
import { ConnectionArgs, pageFor, toIds } from './args';
import { connectionCost } from './complexity';
import { Role } from './role';
import { StreamFact, Transaction } from './types/catalog.types';
import { Connection } from './types/connection';
import { DateBasis } from './types/enums';
import { DateRangeInput, RevenueFilter, StreamFilter } from './types/inputs';

export const StreamConnection = Connection(StreamFact, 'StreamFact');
export const TransactionConnection = Connection(Transaction, 'Transaction');

@Resolver()
export class FactsResolver {
  @Role('VIEWER')
  @Query(() => StreamConnection, { complexity: connectionCost, description: 'Daily stream facts ordered by date.' })
  streams(
    @Args() page: ConnectionArgs,
    @Arg('range', () => DateRangeInput, { nullable: true }) range: DateRangeInput | undefined,
    @Arg('filter', () => StreamFilter, { nullable: true }) filter: StreamFilter | undefined,
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    if (range) validateRange(range, null, ctx.config.limits);
    return new CatalogService(ctx.ds).streams(range, { ...filter, artistIds: toIds(filter?.artistIds), trackIds: toIds(filter?.trackIds) }, pageFor(page, info, ctx));
  }

  @Role('VIEWER')
  @Query(() => TransactionConnection, { complexity: connectionCost, description: 'Statement lines ordered by their date on the chosen basis.' })
  transactions(
    @Args() page: ConnectionArgs,
    @Arg('range', () => DateRangeInput, { nullable: true }) range: DateRangeInput | undefined,
    @Arg('filter', () => RevenueFilter, { nullable: true }) filter: RevenueFilter | undefined,
    @Arg('dateBasis', () => DateBasis, { defaultValue: DateBasis.SALE_MONTH }) dateBasis: DateBasis,
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    if (range) validateRange(range, null, ctx.config.limits);
    return new CatalogService(ctx.ds).transactions(range, { ...filter, artistIds: toIds(filter?.artistIds), trackIds: toIds(filter?.trackIds) }, dateBasis, pageFor(page, info, ctx));
  }
}
