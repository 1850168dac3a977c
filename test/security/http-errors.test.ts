import zlib from 'node:zlib';
import { startTestServer, type TestServer } from '../helpers/server';

/** A raw request, so bodies and headers are exactly what an attacker or a broken client sends. */
async function send(server: TestServer, path: string, init: { method?: string; headers?: Record<string, string>; body?: string | Buffer }) {
  const res = await fetch(`${server.url}${path}`, {
    method: init.method ?? 'POST',
    headers: init.headers,
    body: init.body,
    redirect: 'manual',
  });
  const text = await res.text();
  return { status: res.status, type: res.headers.get('content-type') ?? '', text };
}

/** A coded JSON error: no HTML, no stack, no server path. */
function expectCodedJson(res: { status: number; type: string; text: string }, status: number, code: string): void {
  expect({ status: res.status, type: res.type.split(';')[0] }).toEqual({ status, type: 'application/json' });
  expect(res.text).not.toMatch(/<html|<pre|<!doctype/i);
  expect(res.text).not.toMatch(/\s+at \S+ \(|node_modules|\/work\/|\/home\/|\.ts:\d+/);
  const body = JSON.parse(res.text) as { errors: Array<{ message: string; extensions: { code: string } }> };
  expect(body.errors[0].extensions.code).toBe(code);
  expect(body.errors[0].message.length).toBeGreaterThan(5);
}

describe('malformed requests get coded JSON errors on every route', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer('sqlite', {}, { worker: false });
  });
  afterAll(async () => server?.close());

  const auth = () => ({ authorization: `Bearer ${server.viewerToken}` });

  it('a body of "{" on /graphql', async () => {
    expectCodedJson(
      await send(server, '/graphql', { headers: { ...auth(), 'content-type': 'application/json' }, body: '{' }),
      400,
      'BAD_REQUEST',
    );
    expectCodedJson(await send(server, '/graphql', { headers: { 'content-type': 'application/json' }, body: '{' }), 400, 'BAD_REQUEST');
  });

  it('a body over the size limit', async () => {
    const big = JSON.stringify({ query: `{ platforms { totalCount } } # ${'x'.repeat(1_100_000)}` });
    expectCodedJson(
      await send(server, '/graphql', { headers: { ...auth(), 'content-type': 'application/json' }, body: big }),
      413,
      'PAYLOAD_TOO_LARGE',
    );
  });

  it('a body that claims gzip but is not, and one that inflates past the limit', async () => {
    expectCodedJson(
      await send(server, '/graphql', {
        headers: { ...auth(), 'content-type': 'application/json', 'content-encoding': 'gzip' },
        body: Buffer.from('definitely not gzip'),
      }),
      400,
      'BAD_REQUEST',
    );
    const bomb = zlib.gzipSync(Buffer.from(JSON.stringify({ query: `{ platforms { totalCount } } # ${' '.repeat(5_000_000)}` })));
    expectCodedJson(
      await send(server, '/graphql', {
        headers: { ...auth(), 'content-type': 'application/json', 'content-encoding': 'gzip' },
        body: bomb,
      }),
      413,
      'PAYLOAD_TOO_LARGE',
    );
    expectCodedJson(
      await send(server, '/graphql', {
        headers: { ...auth(), 'content-type': 'application/json', 'content-encoding': 'x-unknown' },
        body: '{}',
      }),
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    );
    // A well-formed gzip body is read as usual.
    const ok = await send(server, '/graphql', {
      headers: { ...auth(), 'content-type': 'application/json', 'content-encoding': 'gzip' },
      body: zlib.gzipSync(JSON.stringify({ query: '{ platforms { totalCount } }' })),
    });
    expect(ok.status).toBe(200);
  });

  it('an odd charset', async () => {
    expectCodedJson(
      await send(server, '/graphql', {
        headers: { ...auth(), 'content-type': 'application/json; charset=klingon' },
        body: '{"query":"{ __typename }"}',
      }),
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    );
  });

  it('/admin/login bodies: too large and too many fields', async () => {
    expectCodedJson(
      await send(server, '/admin/login', {
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: `token=${'a'.repeat(10_000)}`,
      }),
      413,
      'PAYLOAD_TOO_LARGE',
    );
    expectCodedJson(
      await send(server, '/admin/login', {
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: Array.from({ length: 50 }, (_, i) => `f${i}=1`).join('&'),
      }),
      413,
      'PAYLOAD_TOO_LARGE',
    );
  });

  it('Agendash API bodies', async () => {
    const admin = { authorization: `Bearer ${server.adminToken}`, 'content-type': 'application/json' };
    const res = await send(server, '/admin/jobs/api/jobs/delete', { headers: admin, body: '{' });
    expectCodedJson(res, 400, 'BAD_REQUEST');
  });

  it('unknown routes', async () => {
    expectCodedJson(await send(server, '/nothing/here', { method: 'GET' }), 404, 'NOT_FOUND');
    expectCodedJson(await send(server, '/admin/nothing', { method: 'PUT', body: 'x' }), 404, 'NOT_FOUND');
  });
});
