/**
 * The dashboard's sign-in over real HTTP: the cookie is the id of a server-side session, never the
 * token; signing out ends the session on the server (a copy of the cookie stops working), and
 * revoking the token ends every session opened with it.
 */
import { startTestServer, type TestServer } from '../helpers/server';

describe('dashboard sessions', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer('sqlite');
  });
  afterAll(async () => {
    await server?.close();
  });

  async function signIn(token: string): Promise<string> {
    const res = await fetch(`${server.url}/dashboard/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token }),
    });
    expect(res.status).toBe(200);
    await res.json();
    return (res.headers.get('set-cookie') ?? '').split(';')[0];
  }
  const whoAmI = (cookie: string) => fetch(`${server.url}/dashboard/session`, { headers: { cookie } });
  const graphql = (cookie: string) =>
    fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ platforms(first: 1) { edges { node { code } } } }' }),
    });

  it('sets a cookie that holds a random session id, not the token', async () => {
    const cookie = await signIn(server.viewerToken);
    const value = cookie.split('=')[1];
    expect(value).toMatch(/^[\w-]{43}$/);
    expect(cookie).not.toContain(server.viewerToken);
    expect(decodeURIComponent(value)).not.toContain(server.viewerToken);
    expect((await whoAmI(cookie)).status).toBe(200);
    expect((await graphql(cookie)).status).toBe(200);
  });

  it('signing out ends the session on the server: a kept copy of the cookie no longer works', async () => {
    const cookie = await signIn(server.viewerToken);
    const out = await fetch(`${server.url}/dashboard/session`, { method: 'DELETE', headers: { cookie } });
    expect(out.status).toBe(204);
    expect((await whoAmI(cookie)).status).toBe(401);
    const res = await graphql(cookie);
    expect(res.status).toBe(401);
    expect(((await res.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('revoking the token ends the sessions opened with it', async () => {
    const created = await server.gql<{ createApiToken: string }>(
      'mutation { createApiToken(name: "to-revoke", role: VIEWER) }',
      undefined,
      server.adminToken,
    );
    const token = created.body.data!.createApiToken;
    const cookie = await signIn(token);
    expect((await graphql(cookie)).status).toBe(200);
    const revoked = await server.gql<{ revokeApiToken: boolean }>(
      'mutation { revokeApiToken(name: "to-revoke") }',
      undefined,
      server.adminToken,
    );
    expect(revoked.body.data!.revokeApiToken).toBe(true);
    const res = await graphql(cookie);
    expect(res.status).toBe(401);
    expect(((await res.json()) as { errors: Array<{ message: string }> }).errors[0].message).toBe(
      'the token of this session was revoked: sign in again',
    );
  });

  it('a made-up session id is no session', async () => {
    expect((await whoAmI('dashboard_session=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA')).status).toBe(401);
  });
});
