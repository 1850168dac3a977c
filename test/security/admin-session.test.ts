import { startTestServer, type TestServer } from '../helpers/server';

const form = (token: string) => new URLSearchParams({ token });

describe('admin sign-in for Agendash: session cookie, Secure behind HTTPS, logout, throttle', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer('sqlite', { TRUST_PROXY: 'loopback', ADMIN_LOGIN_MAX_FAILURES: '3' }, { worker: false });
  });
  afterAll(async () => server?.close());

  const login = (token: string, headers: Record<string, string> = {}) =>
    fetch(`${server.url}/admin/login`, { method: 'POST', redirect: 'manual', headers, body: form(token) });
  const dashboard = (cookie: string) => fetch(`${server.url}/admin/jobs/`, { headers: { cookie } });

  it('the cookie holds a server-side session id, never the token', async () => {
    const res = await login(server.adminToken);
    expect(res.status).toBe(303);
    const setCookie = res.headers.get('set-cookie')!;
    const pair = setCookie.split(';')[0];
    const value = pair.split('=')[1];
    expect(setCookie).not.toContain(server.adminToken);
    expect(setCookie).not.toContain(encodeURIComponent(server.adminToken));
    expect(value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    // Plain HTTP from the loopback: no Secure flag (the browser would drop the cookie).
    expect(setCookie).not.toMatch(/Secure/);
    expect((await dashboard(pair)).status).toBe(200);
    // A made-up session id is nobody.
    expect((await dashboard(`${pair.split('=')[0]}=${'A'.repeat(43)}`)).status).toBe(401);
  });

  it('Secure when a trusted proxy says the request came over HTTPS', async () => {
    const res = await login(server.adminToken, { 'x-forwarded-proto': 'https' });
    expect(res.headers.get('set-cookie')).toMatch(/; Secure/);
  });

  it('logout ends the session on the server, not only in the browser', async () => {
    const pair = (await login(server.adminToken)).headers.get('set-cookie')!.split(';')[0];
    expect((await dashboard(pair)).status).toBe(200);
    const out = await fetch(`${server.url}/admin/logout`, { method: 'POST', redirect: 'manual', headers: { cookie: pair } });
    expect(out.status).toBe(303);
    expect(out.headers.get('set-cookie')).toMatch(/Max-Age=0/);
    // The old cookie, replayed, no longer opens the dashboard.
    expect((await dashboard(pair)).status).toBe(401);
  });

  it('revoking the token ends the sessions opened with it', async () => {
    const created = await server.gql<{ createApiToken: string }>(
      'mutation { createApiToken(name: "ops", role: ADMIN) }',
      undefined,
      server.adminToken,
    );
    const pair = (await login(created.body.data!.createApiToken)).headers.get('set-cookie')!.split(';')[0];
    expect((await dashboard(pair)).status).toBe(200);
    await server.gql('mutation { revokeApiToken(name: "ops") }', undefined, server.adminToken);
    expect((await dashboard(pair)).status).toBe(401);
  });

  it('throttles failed sign-ins: 429 with Retry-After, even for the right token, until the window ends', async () => {
    for (let i = 0; i < 3; i++) expect((await login(`lat_wrong-${i}`)).status).toBe(401);
    const blocked = await login(server.adminToken);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(60);
    expect(blocked.headers.get('set-cookie')).toBeNull();
  });
});

describe('without X-Forwarded-Proto trust, the header is ignored', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer('sqlite', {}, { worker: false });
  });
  afterAll(async () => server?.close());

  it('no Secure flag from a forged header when no proxy is trusted', async () => {
    const res = await fetch(`${server.url}/admin/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'x-forwarded-proto': 'https' },
      body: form(server.adminToken),
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('set-cookie')).not.toMatch(/Secure/);
  });
});
