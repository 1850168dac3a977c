import { parse } from 'graphql';
import { SessionStore, LoginThrottle } from '../../src/server/sessions';
import { measureDocument } from '../../src/server/document-shape';
import { RateLimiter, rateLimitKey } from '../../src/server/rate-limit';

describe('document shape: linear in the document, exact on the expansion', () => {
  it('fragments each spreading the next twice: 2^levels selections, measured in milliseconds', () => {
    for (const levels of [3, 10, 60]) {
      const defs = Array.from({ length: levels }, (_, i) => `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`);
      const doc = parse(`query { ...F0 } ${defs.join(' ')} fragment F${levels} on Query { a: platforms { totalCount } }`);
      const started = process.hrtime.bigint();
      const shape = measureDocument(doc);
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      // Each spread doubles: 2^levels copies of `platforms { totalCount }`, two selections and one alias each.
      expect(shape.selections).toBe(2 * 2 ** levels);
      expect(shape.aliases).toBe(2 ** levels);
      expect(shape.rootFields).toBe(2 ** levels);
      expect(shape.depth).toBe(2);
      expect(shape.cycle).toBeNull();
      expect(ms).toBeLessThan(50);
    }
  });

  it('depth through fragments and inline fragments; introspection roots left out; cycles named', () => {
    const doc = parse(
      '{ artists { edges { ...E } } __schema { types { fields { type { ofType { name } } } } } } fragment E on ArtistEdge { node { ... on Artist { tracks { title } } } }',
    );
    expect(measureDocument(doc).depth).toBe(5);
    expect(
      measureDocument(parse('{ ...A } fragment A on Query { ...B } fragment B on Query { ...C } fragment C on Query { ...A }')).cycle,
    ).toMatch(/^[ABC]$/);
    // A cycle in an unused fragment is found too.
    expect(measureDocument(parse('{ platforms { totalCount } } fragment X on Query { ...X }')).cycle).toBe('X');
  });
});

describe('rate limiter, sessions and sign-in throttle (per process, clock injected)', () => {
  it('a bucket of `burst`, refilled at the rate, with the wait in whole seconds', () => {
    let now = 0;
    const limiter = new RateLimiter(60, 3, 10_000, () => now);
    expect([limiter.take('t'), limiter.take('t'), limiter.take('t')]).toEqual([null, null, null]);
    expect(limiter.take('t')).toBe(1);
    expect(limiter.take('other')).toBeNull();
    now += 1000;
    expect(limiter.take('t')).toBeNull();
    expect(limiter.take('t')).toBe(1);
    now += 60_000;
    // Refilled to the burst, never beyond.
    expect([limiter.take('t'), limiter.take('t'), limiter.take('t'), limiter.take('t')]).toEqual([null, null, null, 1]);
  });

  it('forgets the least recently used callers past its size, and keys never hold a token in clear', () => {
    const limiter = new RateLimiter(1, 1, 2, () => 0);
    limiter.take('a');
    limiter.take('b');
    limiter.take('c');
    // "a" was dropped: it starts with a full bucket again; "c" is still empty.
    expect(limiter.take('a')).toBeNull();
    expect(limiter.take('c')).not.toBeNull();
    expect(rateLimitKey('Bearer lat_secret', '127.0.0.1')).not.toContain('lat_secret');
    expect(rateLimitKey(undefined, '10.0.0.1')).toBe('a:10.0.0.1');
  });

  it('sessions expire and close; the throttle opens again after its window', async () => {
    let now = 0;
    const sessions = new SessionStore(1000, () => now);
    const id = await sessions.open('hash');
    expect(sessions.tokenHashOf(id)).toBe('hash');
    now = 1000;
    expect(sessions.tokenHashOf(id)).toBeNull();
    const other = await sessions.open('h2');
    await sessions.close(other);
    expect(sessions.tokenHashOf(other)).toBeNull();
    const throttle = new LoginThrottle(2, 10_000, () => now);
    throttle.fail('ip');
    expect(throttle.blockedFor('ip')).toBeNull();
    throttle.fail('ip');
    expect(throttle.blockedFor('ip')).toBe(10);
    now += 10_000;
    expect(throttle.blockedFor('ip')).toBeNull();
  });
});
