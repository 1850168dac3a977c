import path from 'node:path';
import { ConfigError, loadConfig } from '../../../src/config/config';
import { createLogger } from '../../../src/config/logger';

describe('config', () => {
  it('has the documented defaults', () => {
    const c = loadConfig({});
    expect(c.port).toBe(4000);
    expect(c.host).toBe('127.0.0.1');
    expect(c.database).toEqual({ kind: 'sqlite', path: path.resolve('data/warehouse.sqlite') });
    expect(c.dataLakeDir).toBe(path.resolve('data_lake'));
    expect(c.allowAnonymousRead).toBe(false);
    expect(c.logLevel).toBe('info');
    expect(c.jobsBackend).toBe('sqlite');
    expect(c.jobs.heartbeatTimeoutMs).toBe(60_000);
    expect(c.curatedArchiveKeep).toBe(10);
    expect(loadConfig({ CURATED_ARCHIVE_KEEP: '3' }).curatedArchiveKeep).toBe(3);
  });

  it('reads PostgreSQL URLs and sqlite paths', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u@h:5432/db' }).database).toEqual({ kind: 'postgres', url: 'postgres://u@h:5432/db' });
    expect(loadConfig({ DATABASE_URL: 'sqlite:/tmp/x.sqlite' }).database).toEqual({ kind: 'sqlite', path: '/tmp/x.sqlite' });
  });

  it.each([
    ['PORT', { PORT: 'abc' }],
    ['PORT', { PORT: '70000' }],
    ['DATABASE_URL', { DATABASE_URL: 'mysql://x' }],
    ['LOG_LEVEL', { LOG_LEVEL: 'loud' }],
    ['JOBS_BACKEND', { JOBS_BACKEND: 'redis' }],
    ['ALLOW_ANONYMOUS_READ', { ALLOW_ANONYMOUS_READ: 'maybe' }],
    ['ALLOW_ANONYMOUS_READ', { ALLOW_ANONYMOUS_READ: 'true', HOST: '0.0.0.0' }],
    ['MONGODB_URL', { JOBS_BACKEND: 'mongo' }],
    ['JOBS_BACKEND', { JOBS_BACKEND: 'postgres' }],
    ['JOB_HEARTBEAT_TIMEOUT_MS', { JOB_HEARTBEAT_TIMEOUT_MS: '500' }],
    ['JOB_HEARTBEAT_TIMEOUT_MS', { JOB_HEARTBEAT_TIMEOUT_MS: 'soon' }],
    ['CURATED_ARCHIVE_KEEP', { CURATED_ARCHIVE_KEEP: '0' }],
    ['CURATED_ARCHIVE_KEEP', { CURATED_ARCHIVE_KEEP: 'all' }],
  ])('fails naming %s', (variable, env) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(new RegExp(`Invalid environment variable ${variable}`));
  });

  it('redacts secret-looking fields in logs', () => {
    const lines: string[] = [];
    createLogger('info', (l) => lines.push(l)).info('login', {
      user: 'a',
      password: 'hunter2',
      nested: { totpSecret: 'JBSWY3DP', cookie: 'jwt_token=x' },
    });
    expect(lines[0]).not.toMatch(/hunter2|JBSWY3DP|jwt_token/);
    expect(JSON.parse(lines[0]).user).toBe('a');
  });
});
