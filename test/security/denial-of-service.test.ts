import { describeEachDatabase } from '../helpers/databases';
import { fanOutCatalogue, type ServerProcess, startServerProcess } from './server-process';

/**
 * Attacks that used to block or kill the server, run against a real `npm start` process over a
 * seeded warehouse (50 tracks per artist, every third track a collaboration), so the server's own
 * memory and event loop are measured, not the test runner's.
 */
const SEED = { artists: 12, tracksPerArtist: 50, rows: 4000 };
/** Budgets the worst accepted query must stay within (the process runs with --max-old-space-size=512). */
const MEMORY_BUDGET_MB = 200;
const TIME_BUDGET_MS = 15_000;

/** `artists → tracks → artists → tracks` four levels down: the fan-out the relation lists multiply. */
const nested = (first: number) =>
  `artists(first: ${first}) { edges { node { name tracks { title artists { artist { name tracks { title artists { artist { name } } } } } } } } }`;
const aliased = (aliases: number, first: number) => `{ ${Array.from({ length: aliases }, (_, i) => `a${i}: ${nested(first)}`).join(' ')} }`;

/** Fragments each spreading the previous one twice: 2^levels selections from a document of a few hundred bytes. */
function fragmentBomb(levels: number): string {
  const lines = ['query { ...F0 }', 'fragment Fx on Query { platforms(first: 1) { totalCount } }'];
  for (let i = 0; i < levels; i++) lines.push(`fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`);
  lines.push(`fragment F${levels} on Query { ...Fx ...Fx }`);
  return lines.join('\n');
}

describeEachDatabase('denial of service: relation fan-out and fragment expansion (server process)', (kind) => {
  let server: ServerProcess;
  beforeAll(async () => {
    server = await startServerProcess(kind, {}, SEED);
  }, 120_000);
  afterAll(async () => server?.stop());

  it('prices relation lists: hundreds of aliases of a nested artists → tracks selection are refused, and the process stays small', async () => {
    const before = server.rssMb();
    const res = await server.gql(aliased(300, 20));
    expect(res.status).toBe(400);
    expect(['QUERY_TOO_LARGE', 'QUERY_TOO_COMPLEX']).toContain(res.body.errors![0].extensions!.code);
    expect(res.body.data ?? null).toBeNull();
    // Within the alias limit, the same selection is still far over the cost limit: relation lists multiply.
    const single = await server.gql(aliased(1, 20));
    expect(single.body.errors![0].extensions!.code).toBe('QUERY_TOO_COMPLEX');
    expect(Number(single.body.errors![0].extensions!.cost)).toBeGreaterThan(50_000);
    expect(server.alive()).toBe(true);
    expect(server.rssMb() - before).toBeLessThan(50);
  });

  it('the worst accepted query of that shape stays within the memory and time budget', async () => {
    const catalogue = fanOutCatalogue(SEED.artists, SEED.tracksPerArtist);
    // The shape without the innermost level fits the default budget; find the most aliases and items it accepts.
    const shallow = (first: number) =>
      `artists(first: ${first}) { edges { node { name tracks { title artists { artist { name tracks { title } } } } } } }`;
    const query = (aliases: number, first: number) =>
      `{ ${Array.from({ length: aliases }, (_, i) => `a${i}: ${shallow(first)}`).join(' ')} }`;
    const accepted = async (aliases: number, first: number) => (await server.gql(query(aliases, first))).body.errors === undefined;
    let worst: { aliases: number; first: number } | null = null;
    // 20 root fields is the default limit of one operation.
    for (const aliases of [20, 8, 2, 1]) {
      if (!(await accepted(aliases, 1))) continue;
      let lo = 1;
      let hi = SEED.artists;
      while (lo < hi) {
        const mid = Math.ceil((lo + hi) / 2);
        if (await accepted(aliases, mid)) lo = mid;
        else hi = mid - 1;
      }
      if (!worst || aliases * lo > worst.aliases * worst.first) worst = { aliases, first: lo };
    }
    expect(worst).not.toBeNull();
    const before = server.rssMb();
    const res = await server.gql(query(worst!.aliases, worst!.first), undefined, undefined, TIME_BUDGET_MS);
    const after = server.rssMb();
    expect(res.body.errors).toBeUndefined();
    // It really read the fan-out: every artist of the page with its tracks, as the fixture built them.
    const edges = (res.body.data!.a0 as { edges: Array<{ node: { tracks: unknown[] } }> }).edges;
    expect(edges).toHaveLength(Math.min(worst!.first, catalogue.artists.length));
    expect(edges.every((e) => e.node.tracks.length > 0)).toBe(true);
    expect(res.ms).toBeLessThan(TIME_BUDGET_MS);
    expect(after - before).toBeLessThan(MEMORY_BUDGET_MB);
    expect(server.alive()).toBe(true);
    process.stdout.write(
      `[${kind}] worst accepted: ${worst!.aliases} aliases × first ${worst!.first}: ${res.ms} ms, RSS ${before.toFixed(0)} → ${after.toFixed(0)} MB\n`,
    );
  }, 120_000);

  it('measures fragments once each: a 1 KB fragment bomb is refused at once, anonymous or not, and the event loop stays free', async () => {
    const bomb = fragmentBomb(40);
    expect(bomb.length).toBeLessThan(2048);
    const anonymous = await server.gql(bomb, undefined, null, 5_000);
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.errors![0].extensions!.code).toBe('UNAUTHENTICATED');
    expect(anonymous.ms).toBeLessThan(2_000);
    const viewer = await server.gql(bomb, undefined, undefined, 5_000);
    expect(viewer.status).toBe(400);
    expect(viewer.body.errors![0].extensions!.code).toBe('QUERY_TOO_LARGE');
    expect(viewer.ms).toBeLessThan(2_000);
    const health = await fetch(`${server.url}/healthz`, { signal: AbortSignal.timeout(2_000) });
    expect(health.status).toBe(200);
  });

  it('refuses fragment cycles and documents over the token budget before validation', async () => {
    const cycle = await server.gql('query { ...A } fragment A on Query { ...B } fragment B on Query { platforms { totalCount } ...A }');
    expect(cycle.status).toBe(400);
    expect(cycle.body.errors![0].extensions!.code).toBe('FRAGMENT_CYCLE');
    const tokens = await server.gql(`{ ${Array.from({ length: 3000 }, () => 'platforms { totalCount }').join(' ')} }`);
    expect(tokens.status).toBe(400);
    expect(tokens.body.errors![0].extensions!.code).toBe('QUERY_TOO_LARGE');
    expect(tokens.body.errors![0].message).toMatch(/tokens/);
  });
});
