import { type FieldNode, type GraphQLResolveInfo, Kind, type SelectionSetNode } from 'graphql';
import { ArgsType, Field, Int } from 'type-graphql';
import type { Page } from '../analytics/catalog.service';
import { pageSize } from '../analytics/pagination';
import { type DateRange, type Grain, validateRange } from '../analytics/periods';
import type { RevenueFilter as RevenueFilterRecord } from '../analytics/revenue.service';
import type { StreamFilter as StreamFilterRecord } from '../analytics/streams.service';
import { ArgumentError } from '../errors/argument-error';
import type { RequestContext } from './context';
import type { RevenueFilter, StreamFilter } from './types/inputs';

@ArgsType()
export class ConnectionArgs {
  @Field(() => Int, { nullable: true, description: 'Page size (default 20, at most the configured maximum page size).' })
  first?: number;

  @Field(() => String, { nullable: true, description: 'Cursor of the last item already read.' })
  after?: string;
}

/** Does the query ask for this field of the current one (directly, or through fragments)? */
export function selects(info: GraphQLResolveInfo, name: string): boolean {
  const visit = (set: SelectionSetNode | undefined): boolean =>
    !!set?.selections.some((s) => {
      if (s.kind === Kind.FIELD) return s.name.value === name;
      if (s.kind === Kind.INLINE_FRAGMENT) return visit(s.selectionSet);
      return visit(info.fragments[s.name.value]?.selectionSet);
    });
  return info.fieldNodes.some((n) => visit(n.selectionSet));
}

/** The fields selected directly in a selection set (through fragments), each with its nodes. */
function fieldsOf(info: GraphQLResolveInfo, sets: Array<SelectionSetNode | undefined>): Map<string, FieldNode[]> {
  const found = new Map<string, FieldNode[]>();
  const visit = (set: SelectionSetNode | undefined): void => {
    for (const s of set?.selections ?? []) {
      if (s.kind === Kind.FIELD) found.set(s.name.value, [...(found.get(s.name.value) ?? []), s]);
      else if (s.kind === Kind.INLINE_FRAGMENT) visit(s.selectionSet);
      else visit(info.fragments[s.name.value]?.selectionSet);
    }
  };
  sets.forEach(visit);
  return found;
}

/** The fields the query asks at `path` below the resolved field (through fragments), e.g. `['edges', 'node']`. */
function fieldsAskedAt(info: GraphQLResolveInfo, path: readonly string[]): Set<string> {
  let nodes: ReadonlyArray<{ readonly selectionSet?: SelectionSetNode }> = info.fieldNodes;
  for (const name of path)
    nodes =
      fieldsOf(
        info,
        nodes.map((n) => n.selectionSet),
      ).get(name) ?? [];
  return new Set(
    fieldsOf(
      info,
      nodes.map((n) => n.selectionSet),
    ).keys(),
  );
}

/** The fields a connection query asks of its nodes (`edges { node { … } }`), looked ahead so a page can read them at once. */
export const nodeFieldsAsked = (info: GraphQLResolveInfo): Set<string> => fieldsAskedAt(info, ['edges', 'node']);

/** The fields a series query asks of its points. */
export const pointFieldsAsked = (info: GraphQLResolveInfo): Set<string> => fieldsAskedAt(info, ['points']);

export function pageFor(args: ConnectionArgs, info: GraphQLResolveInfo, ctx: RequestContext): Page {
  return { first: pageSize(args.first, ctx.config.limits.maxPageSize), after: args.after, withCount: selects(info, 'totalCount') };
}

const MAX_ID = 2_147_483_647;

/** GraphQL IDs arrive as strings; the warehouse keys are integers. */
export function toId(value: string | number): number {
  const n = Number(value);
  // Keys are 32-bit integers on both databases: a larger id names nothing (and PostgreSQL would refuse to compare it).
  if (!Number.isSafeInteger(n) || n <= 0 || n > MAX_ID)
    throw new ArgumentError(`${JSON.stringify(String(value).slice(0, 40))} is not an id`);
  return n;
}

export function toIds(values: Array<string | number> | null | undefined): number[] | undefined {
  return values?.map(toId);
}

/** Does the query ask for a series point's growth (previous, change or changePct, through fragments too)? Growth costs a wider scan. */
export function selectsGrowth(info: GraphQLResolveInfo): boolean {
  const asked = pointFieldsAsked(info);
  return ['previous', 'change', 'changePct'].some((f) => asked.has(f));
}

/** A revenue filter with its GraphQL ids turned into warehouse keys. */
export function revenueFilter(filter: RevenueFilter | undefined): RevenueFilterRecord | undefined {
  return filter && { ...filter, artistIds: toIds(filter.artistIds), trackIds: toIds(filter.trackIds) };
}

/** A stream filter with its GraphQL ids turned into warehouse keys. */
export function streamFilter(filter: StreamFilter | undefined): StreamFilterRecord {
  return { ...filter, artistIds: toIds(filter?.artistIds), trackIds: toIds(filter?.trackIds) };
}

/** A range argument, refused when reversed or longer than the configured maximum for the grain (null: any length). */
export function checkedRange<R extends DateRange>(range: R, grain: Grain | null, ctx: RequestContext): R {
  validateRange(range, grain, ctx.config.limits);
  return range;
}
