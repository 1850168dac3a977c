import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { ConfigError, loadConfig } from '../../src/config/config';
import { ExtractionError } from '../../src/errors/extraction-error';
import { waitForRun } from '../helpers/jobs';
import { startTestServer, type TestServer } from '../helpers/server';

/** What a failed run's message may hold: hosts, accounts, paths. Viewers must not read it. */
const INTERNAL_DETAIL = 'portal https://intranet.label.example:8443/login refused ops@label.example (see /srv/label/artefacts/run-1.png)';

describe('viewers see no admin data', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(
      'sqlite',
      { JOB_MAX_RETRIES: '0' },
      {
        worker: true,
        extractors: {
          toolost: {
            service: 'toolost',
            extract: async () => {
              throw new ExtractionError('LOGIN_FAILED', INTERNAL_DETAIL);
            },
          },
        },
      },
    );
    const res = await server.gql<{ triggerExtraction: { id: string } }>(
      'mutation { triggerExtraction(service: TOOLOST) { id } }',
      undefined,
      server.adminToken,
    );
    await waitForRun(server, res.body.data!.triggerExtraction.id, ['FAILED']);
  });
  afterAll(async () => server?.close());

  type Health = {
    pipelineHealth: Array<{
      service: string;
      reasons: string[];
      lastFailure: { errorCode: string; errorMessage: string | null; triggeredBy?: string; artefacts?: string[] } | null;
    }>;
  };
  const toolost = (h: Health) => h.pipelineHealth.find((s) => s.service === 'TOOLOST')!;

  it('pipelineHealth: run error messages, artefact paths and who triggered are ADMIN-only fields', async () => {
    const asAdmin = await server.gql<Health>(
      '{ pipelineHealth { service reasons lastFailure { errorCode errorMessage triggeredBy artefacts } } }',
      undefined,
      server.adminToken,
    );
    expect(asAdmin.body.errors).toBeUndefined();
    expect(toolost(asAdmin.body.data!).lastFailure).toMatchObject({
      errorCode: 'LOGIN_FAILED',
      errorMessage: INTERNAL_DETAIL,
      triggeredBy: 'test-admin',
    });
    expect(toolost(asAdmin.body.data!).reasons.join('\n')).toContain(INTERNAL_DETAIL);

    const message = await server.gql<Health>('{ pipelineHealth { service reasons lastFailure { errorCode errorMessage } } }');
    expect(message.body.errors!.map((e) => [e.extensions!.code, e.path!.slice(-1)[0]])).toEqual(
      expect.arrayContaining([['FORBIDDEN', 'errorMessage']]),
    );
    const seen = toolost(message.body.data!);
    expect(seen.lastFailure).toEqual({ errorCode: 'LOGIN_FAILED', errorMessage: null });
    // The reasons still say what failed, without the message.
    expect(seen.reasons.some((r) => r.includes('LOGIN_FAILED'))).toBe(true);
    expect(JSON.stringify(message.body)).not.toMatch(/intranet|ops@label|\/srv\/label/);

    for (const field of ['triggeredBy', 'artefacts']) {
      const res = await server.gql(`{ pipelineHealth { service lastFailure { errorCode ${field} } } }`);
      expect(res.body.errors![0].extensions!.code).toBe('FORBIDDEN');
      expect(JSON.stringify(res.body)).not.toMatch(/test-admin|artefacts\//);
    }
    // Plain health questions are unchanged for viewers.
    const plain = await server.gql<Health>('{ pipelineHealth { service reasons lastFailure { errorCode } } }');
    expect(plain.body.errors).toBeUndefined();
  });

  it('/readyz tells anonymous callers up or down only; an admin gets the reason', async () => {
    await server.jobs!.queue.stop();
    const anonymous = await fetch(`${server.url}/readyz`);
    expect(anonymous.status).toBe(503);
    const body = (await anonymous.json()) as Record<string, string>;
    expect(body).toMatchObject({ status: 'not ready', database: 'ok', jobs: 'unreachable: see the server log' });
    expect(JSON.stringify(body)).not.toContain(path.basename(server.config.jobs.sqlitePath));
    const viewer = (await (
      await fetch(`${server.url}/readyz`, { headers: { authorization: `Bearer ${server.viewerToken}` } })
    ).json()) as Record<string, string>;
    expect(viewer.jobs).toBe('unreachable: see the server log');
    const admin = (await (
      await fetch(`${server.url}/readyz`, { headers: { authorization: `Bearer ${server.adminToken}` } })
    ).json()) as Record<string, string>;
    expect(admin.jobs).toMatch(/^unreachable: .+/);
    expect(admin.jobs).not.toBe('unreachable: see the server log');
  });
});

describe('configuration errors never print a DATABASE_URL password', () => {
  const PASSWORD = 'Pa55-w0rd_in-the-url';

  it('loadConfig names the variable and redacts the password', () => {
    for (const url of [
      `mysql://label:${PASSWORD}@db.internal:3306/label`,
      `postgres://label:${PASSWORD}@db.internal:5432/label?sslmode=bogus mode`,
    ]) {
      let error: unknown;
      try {
        loadConfig({ DATABASE_URL: url, JOBS_BACKEND: 'sqlite', PORT: 'not a port' });
      } catch (err) {
        error = err;
      }
      expect(error).toBeInstanceOf(ConfigError);
      expect(String((error as Error).message)).not.toContain(PASSWORD);
    }
    const bad = (() => {
      try {
        loadConfig({ DATABASE_URL: `mysql://label:${PASSWORD}@db.internal:3306/label` });
        return null;
      } catch (err) {
        return err as ConfigError;
      }
    })();
    expect(bad!.variable).toBe('DATABASE_URL');
    expect(bad!.message).toContain('mysql://label:[redacted]@db.internal:3306/label');
  });

  it('npm start with a bad DATABASE_URL exits naming it, without the password', () => {
    const run = spawnSync(process.execPath, [path.resolve(__dirname, '../../dist/src/server/main.js')], {
      env: { PATH: process.env.PATH ?? '', DATABASE_URL: `mysql://label:${PASSWORD}@127.0.0.1:1/label` },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/DATABASE_URL/);
    expect(run.stderr + run.stdout).not.toContain(PASSWORD);
  });
});
