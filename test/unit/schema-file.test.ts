import fs from 'node:fs';
import path from 'node:path';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { buildAppSchema } from '../../src/resolvers/schema';

// The dashboard's typed documents are generated from the checked-in SDL; a stale file would let
// them drift from the server. Fix with `npm run schema:print && npm run codegen`.
describe('schema.graphql', () => {
  it('is the SDL the server builds', async () => {
    const file = fs.readFileSync(path.resolve(__dirname, '../../schema.graphql'), 'utf8');
    expect(file).toBe(`${printSchema(lexicographicSortSchema(await buildAppSchema()))}\n`);
  });
});
