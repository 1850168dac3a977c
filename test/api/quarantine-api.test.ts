/**
 * The dashboard's quarantine API over real HTTP: ADMIN lists quarantined files with their reasons
 * (Relay pages), releases one with the right service and dismisses another; a VIEWER is refused.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createLogger } from '../../src/config/logger';
import { bankDetailsChunks, bankDetailsTotals, type BankSampleOptions } from '../../demo/sample-exports/distrokid';
import { IngestService } from '../../src/ingest/ingest-service';
import { tempDir } from '../helpers/databases';
import { startTestServer, type TestServer } from '../helpers/server';

const E1: BankSampleOptions = {
  seed: 53,
  rows: 80,
  months: ['2024-07'],
  artists: [],
  tracks: [{ artist: 'ZONE A0', title: 'Night Drive', isrc: 'QZTAW2496365', upc: '197368123456' }],
};

interface Node {
  id: string;
  service: string;
  landingFile: string;
  status: string;
  reason: { code: string; line: number | null; message: string } | null;
  resolution: string | null;
  resolvedBy: string | null;
  resolvedAt: string | null;
}
const NODE = 'id service landingFile status reason { code line message } resolution resolvedBy resolvedAt';

describe('quarantine API [sqlite]', () => {
  let server: TestServer;
  let dir: string;
  let wrongService = '';
  let badHeader = '';

  beforeAll(async () => {
    server = await startTestServer('sqlite');
    dir = tempDir('quarantine-api');
    const write = (name: string, content: string) => {
      fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      fs.writeFileSync(path.join(dir, name), content);
      return path.join(dir, name);
    };
    const ingest = new IngestService(server.ds, server.lakeDir, createLogger('silent'));
    [{ landingFile: wrongService }] = (await ingest.ingest(
      [write('dk_bank_details_20250105_000000.tsv', [...bankDetailsChunks(E1)].join(''))],
      { service: 'toolost' },
    )) as Array<{ landingFile: string }>;
    [{ landingFile: badHeader }] = (await ingest.ingest([
      write('x/dk_bank_details_20250102_000000.tsv', 'Date\tAmount\r2024-01-01\t1\r'),
    ])) as Array<{ landingFile: string }>;
  });
  afterAll(async () => {
    await server?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('lists quarantined files with reasons, one Relay page at a time; VIEWER is refused', async () => {
    const page1 = await server.gql<{
      quarantinedFiles: {
        edges: Array<{ cursor: string; node: Node }>;
        pageInfo: { hasNextPage: boolean; endCursor: string };
        totalCount: number;
      };
    }>(
      `{ quarantinedFiles(first: 1) { edges { cursor node { ${NODE} } } pageInfo { hasNextPage endCursor } totalCount } }`,
      undefined,
      server.adminToken,
    );
    expect(page1.body.errors).toBeUndefined();
    const c1 = page1.body.data!.quarantinedFiles;
    expect(c1.totalCount).toBe(2);
    expect(c1.pageInfo.hasNextPage).toBe(true);
    expect(c1.edges[0].node).toMatchObject({
      service: 'toolost',
      landingFile: wrongService,
      status: 'QUARANTINED',
      reason: { code: 'UNKNOWN_SOURCE' },
      resolution: null,
    });
    const page2 = await server.gql<{ quarantinedFiles: { edges: Array<{ node: Node }>; pageInfo: { hasNextPage: boolean } } }>(
      `query($after: String) { quarantinedFiles(first: 1, after: $after) { edges { node { ${NODE} } } pageInfo { hasNextPage } } }`,
      { after: c1.pageInfo.endCursor },
      server.adminToken,
    );
    expect(page2.body.data!.quarantinedFiles.edges.map((e) => e.node)).toEqual([
      expect.objectContaining({
        landingFile: badHeader,
        service: 'distrokid',
        reason: expect.objectContaining({ code: 'BAD_HEADER', line: 1 }),
      }),
    ]);
    expect(page2.body.data!.quarantinedFiles.pageInfo.hasNextPage).toBe(false);
    const filtered = await server.gql<{ quarantinedFiles: { totalCount: number } }>(
      `{ quarantinedFiles(service: DISTROKID) { totalCount } }`,
      undefined,
      server.adminToken,
    );
    expect(filtered.body.data!.quarantinedFiles.totalCount).toBe(1);

    const viewer = await server.gql(`{ quarantinedFiles { totalCount } }`);
    expect(viewer.body.errors![0].extensions!.code).toBe('FORBIDDEN');
    const viewerRelease = await server.gql(`mutation { dismissQuarantinedFile(file: "${badHeader}") { id } }`);
    expect(viewerRelease.body.errors![0].extensions!.code).toBe('FORBIDDEN');
  });

  it('releases with a service (rows loaded, who recorded) and dismisses; coded errors for bad references', async () => {
    const released = await server.gql<{ releaseQuarantinedFile: { file: Node; rowsLoaded: number; message: string } }>(
      `mutation($file: String!) { releaseQuarantinedFile(file: $file, service: DISTROKID) { file { ${NODE} } rowsLoaded message } }`,
      { file: wrongService },
      server.adminToken,
    );
    expect(released.body.errors).toBeUndefined();
    const r = released.body.data!.releaseQuarantinedFile;
    expect(r.rowsLoaded).toBe(bankDetailsTotals(E1).rows);
    expect(r.file).toMatchObject({ status: 'LOADED', service: 'distrokid', resolution: 'RELEASED', resolvedBy: 'test-admin' });
    const [sum] = await server.ds.query('SELECT COUNT(*) AS n FROM transactions');
    expect(Number(sum.n)).toBe(bankDetailsTotals(E1).rows);

    const dismissed = await server.gql<{ dismissQuarantinedFile: Node }>(
      `mutation($file: String!) { dismissQuarantinedFile(file: $file, note: "junk") { ${NODE} } }`,
      { file: badHeader },
      server.adminToken,
    );
    expect(dismissed.body.data!.dismissQuarantinedFile).toMatchObject({
      status: 'DISMISSED',
      resolution: 'DISMISSED',
      resolvedBy: 'test-admin',
    });
    const left = await server.gql<{ quarantinedFiles: { totalCount: number } }>(
      `{ quarantinedFiles { totalCount } }`,
      undefined,
      server.adminToken,
    );
    expect(left.body.data!.quarantinedFiles.totalCount).toBe(0);

    const followed = await server.gql<{ sourceFile: Node }>(
      `query($id: ID!) { sourceFile(id: $id) { ${NODE} } }`,
      { id: dismissed.body.data!.dismissQuarantinedFile.id },
      server.adminToken,
    );
    expect(followed.body.data!.sourceFile.status).toBe('DISMISSED');

    const again = await server.gql(
      `mutation($file: String!) { dismissQuarantinedFile(file: $file) { id } }`,
      { file: badHeader },
      server.adminToken,
    );
    expect(again.body.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'NOT_QUARANTINED' });
    const missing = await server.gql(`mutation { releaseQuarantinedFile(file: "nothing.tsv") { message } }`, undefined, server.adminToken);
    expect(missing.body.errors![0].extensions).toMatchObject({ code: 'NOT_FOUND', reason: 'NOT_FOUND' });
    const badId = await server.gql(`{ sourceFile(id: "x1") { id } }`, undefined, server.adminToken);
    expect(badId.body.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
  });
});
