/**
 * npm run schema:print   writes the public GraphQL schema (SDL) to schema.graphql at the repo root,
 * so the dashboard's typed documents can be generated without a running server.
 */
import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { type CommandUsage, parseCommandLine } from './command-line';

const USAGE: CommandUsage = {
  synopsis: 'usage: npm run schema:print',
  help: `usage: npm run schema:print

Writes the public GraphQL schema (SDL, sorted) to schema.graphql at the repository root, from which
\`npm run codegen\` generates the dashboard's typed documents. It takes no arguments.

  -h, --help   this help

example: npm run schema:print && npm run codegen`,
};

async function main(): Promise<void> {
  parseCommandLine(USAGE, {});
  // The schema (every resolver and entity) loads once the command line is known good: --help answers at once.
  const [{ lexicographicSortSchema, printSchema }, { buildAppSchema }] = await Promise.all([
    import('graphql'),
    import('../resolvers/schema'),
  ]);
  const sdl = printSchema(lexicographicSortSchema(await buildAppSchema()));
  // dist/src/cli or src/cli → the repo root.
  const up = path.resolve(__dirname, '../..');
  const root = path.basename(up) === 'dist' ? path.dirname(up) : up;
  const file = path.join(root, 'schema.graphql');
  fs.writeFileSync(file, `${sdl}\n`);
  process.stdout.write(`wrote ${file}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
