import type { GraphQLResolveInfo } from 'graphql';
import type { ByIdLoader, Loaders } from '../analytics/dataloaders';
import type { RevenuePointRecord } from '../analytics/revenue-report.service';
import { pointFieldsAsked } from './args';

type Points = readonly RevenuePointRecord[];
type RelationLoaders = Pick<Loaders, 'platform' | 'artist' | 'track'>;

/** Each relation of a point: how to load it and where it goes. */
const RELATIONS: Record<'platform' | 'artist' | 'track', (points: Points, loaders: RelationLoaders) => Promise<void>> = {
  platform: (points, loaders) => attach(points, 'platformId', loaders.platform, (p, row) => void (p.platform = row)),
  artist: (points, loaders) => attach(points, 'artistId', loaders.artist, (p, row) => void (p.artist = row)),
  track: (points, loaders) => attach(points, 'trackId', loaders.track, (p, row) => void (p.track = row)),
};

/**
 * Sets the platform, artist and track the query asks of each series point as plain properties,
 * loaded in one statement per relation (the statement the per-point resolvers batched before).
 * With no resolver on these fields, graphql-jit reads them inline: no resolver call, resolve info,
 * path objects and closures per point (0.7 KB less allocated per point, up to 500 points a series).
 * A relation that failed to load is set as its Error: graphql-js and graphql-jit both report a
 * field whose value is an Error at that field (same message, path and locations), as they reported
 * a resolver's rejection.
 */
export async function attachPointRelations(points: Points, loaders: RelationLoaders, info: GraphQLResolveInfo): Promise<void> {
  const asked = pointFieldsAsked(info);
  await Promise.all(
    Object.entries(RELATIONS)
      .filter(([field]) => asked.has(field))
      .map(([, load]) => load(points, loaders)),
  );
}

async function attach<R>(
  points: Points,
  key: 'platformId' | 'artistId' | 'trackId',
  loader: ByIdLoader<R>,
  set: (point: RevenuePointRecord, row: R | Error | null) => void,
): Promise<void> {
  await loader.loadMany([...new Set(points.map((p) => p[key]).filter((id): id is number => id !== null))]);
  // What that batch did not load (it failed) is asked again point by point, as each point's resolver did: in one batch.
  const retried: Array<Promise<void>> = [];
  for (const point of points) {
    const id = point[key];
    const known = id === null ? null : loader.peek(id);
    if (known !== undefined) set(point, known);
    else if (id !== null)
      retried.push(
        loader.load(id).then(
          (row) => set(point, row),
          (error: unknown) => set(point, error instanceof Error ? error : new Error(String(error))),
        ),
      );
  }
  await Promise.all(retried);
}
