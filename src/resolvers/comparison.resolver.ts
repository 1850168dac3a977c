import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import { EXPECTED_FANOUT, countedListCost, fanOutCost } from './complexity';
import { ComparisonService, previousRange } from '../analytics/comparison.service';
import { validateRange } from '../analytics/periods';
import { divideToDecimal, formatNano } from '../domain/money';
import type { RequestContext } from '../server/context';
import { AppError } from '../server/errors';
import { Role } from './role';
import { PlatformComparison, TrackMetric, TrackRank } from './types/comparison.types';
import { DateRangeInput } from './types/inputs';

const NANO = 10n ** 9n;
const growth = (current: bigint, previous: bigint) => (previous === 0n ? null : divideToDecimal((current - previous) * 100n, previous, 2));
const abs = (v: bigint) => (v < 0n ? -v : v);

@Resolver()
export class ComparisonResolver {
  @Role('VIEWER')
  @Query(() => [PlatformComparison], { complexity: fanOutCost(EXPECTED_FANOUT.platforms), description: 'Streams and revenue per platform over a range, shares of the whole, and growth versus the previous range of the same length.' })
  async platformComparison(@Arg('range', () => DateRangeInput) range: DateRangeInput, @Ctx() ctx: RequestContext): Promise<PlatformComparison[]> {
    validateRange(range, 'MONTH', ctx.config.limits);
    const service = new ComparisonService(ctx.ds);
    const [current, previous] = await Promise.all([service.perPlatform(range), service.perPlatform(previousRange(range))]);
    const totalStreams = [...current.values()].reduce((s, f) => s + f.streams, 0n);
    const totalNet = [...current.values()].reduce((s, f) => s + f.netNano, 0n);
    const platforms = await ctx.loaders.platform.loadMany([...current.keys()]);
    return [...current.values()]
      .map((f, i) => {
        const before = previous.get(f.platformId);
        const platform = platforms[i];
        if (!platform || platform instanceof Error) throw new AppError('INTERNAL_SERVER_ERROR', 'platform missing');
        return {
          platform,
          streams: Number(f.streams),
          units: Number(f.units),
          net: formatNano(f.netNano),
          revenuePerStream: f.units === 0n ? null : divideToDecimal(f.netNano, f.units * NANO, 8),
          streamShare: divideToDecimal(f.streams, totalStreams, 6) ?? '0.000000',
          // Shares of revenue use the absolute total so a month of net adjustments cannot flip signs.
          revenueShare: divideToDecimal(f.netNano, abs(totalNet), 6) ?? '0.000000',
          streamsGrowthPct: growth(f.streams, before?.streams ?? 0n),
          revenueGrowthPct: growth(f.netNano, before?.netNano ?? 0n),
        };
      })
      .sort((a, b) => b.streams - a.streams || a.platform.code.localeCompare(b.platform.code));
  }

  @Role('VIEWER')
  @Query(() => [TrackRank], { complexity: countedListCost('first', 10, 1000), description: 'Tracks ranked by a metric over a range, best first.' })
  async topTracks(
    @Arg('range', () => DateRangeInput) range: DateRangeInput,
    @Arg('metric', () => TrackMetric, { defaultValue: TrackMetric.NET_REVENUE }) metric: TrackMetric,
    @Arg('first', () => Int, { defaultValue: 10 }) first: number,
    @Ctx() ctx: RequestContext,
  ): Promise<TrackRank[]> {
    validateRange(range, 'MONTH', ctx.config.limits);
    if (first < 1 || first > ctx.config.limits.maxPageSize) throw new AppError('PAGE_TOO_LARGE', `\`first\` must be between 1 and ${ctx.config.limits.maxPageSize}`);
    const rows = await new ComparisonService(ctx.ds).topTracks(range, metric, first);
    const tracks = await ctx.loaders.track.loadMany(rows.map((r) => r.trackId));
    return rows.map((r, i) => {
      const track = tracks[i];
      if (!track || track instanceof Error) throw new AppError('INTERNAL_SERVER_ERROR', 'track missing');
      return { rank: i + 1, track, units: Number(r.units), net: formatNano(r.netNano) };
    });
  }
}
