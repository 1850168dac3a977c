import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import { previousRange } from '../domain/date-range';
import type { RequestContext } from './context';
import { Role } from './role';
import { ResolvedDateRange } from './types/date-range.types';
import { DateRangeInput } from './types/inputs';

@Resolver()
export class DateRangeResolver {
  @Role('VIEWER')
  @Query(() => ResolvedDateRange, {
    description:
      "The concrete days of a DateRange today (a preset resolved in the label's time zone) and of its previous range: what a dashboard shows beside its figures.",
  })
  resolvedDateRange(
    @Arg('range', () => DateRangeInput, { description: 'The range to resolve: explicit days or a preset.' }) range: DateRangeInput,
    @Ctx() ctx: RequestContext,
  ): ResolvedDateRange {
    // The range arrives resolved (date-range-args.ts); only its previous range is left to work out.
    const previous = previousRange(range);
    return {
      from: range.from,
      to: range.to,
      preset: range.preset ?? null,
      previous: { from: previous.from, to: previous.to },
      today: ctx.today,
      timeZone: ctx.config.labelTimeZone,
    };
  }
}
