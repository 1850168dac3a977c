/**
 * npm run schema:print   writes the public GraphQL schema (SDL) to schema.graphql at the repo root,
 * so the dashboard's typed documents can be generated without a running server.
 */
import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { buildAppSchema } from '../resolvers/schema';

async function main(): Promise<void> {
  const sdl = printSchema(lexicographicSortSchema(await buildAppSchema()));
  // dist/src/cli or src/cli → the repo root.
  const up = path.resolve(__dirname, '../..');
  const root = path.basename(up) === 'dist' ? path.dirname(up) : up;
  const file = path.join(root, 'schema.graphql');
  fs.writeFileSync(file, `${sdl}\n`);
  process.stdout.write(`wrote ${file}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
  process.exit(1);
});
