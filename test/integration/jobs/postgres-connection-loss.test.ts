import { Client } from 'pg';
import { createJobsBackend } from '../../../src/jobs/backends/create-backend';
import { createTestDatabase, type TestDatabase } from '../../helpers/databases';
import { testEnv } from '../../helpers/test-env';

const describePg = testEnv.postgresAvailable
  ? describe
  : (title: string, body: () => void) => describe.skip(`${title} [postgres: SKIPPED, no PostgreSQL server reachable]`, body);

describePg('PostgreSQL job backend when the server cuts its connections', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('postgres');
  });
  afterAll(async () => db?.drop());

  it('reports the lost idle connections instead of crashing, and answers again on the next query', async () => {
    const errors: Error[] = [];
    const backend = createJobsBackend({ kind: 'postgres', url: db.url }, (err) => errors.push(err));
    await backend.connect();
    try {
      expect(await backend.repository.getQueueSize()).toBe(0);
      // What a server restart or an administrator does to every connection of the database.
      const admin = new Client({ connectionString: db.url });
      await admin.connect();
      await admin.query(
        'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
      );
      await admin.end();
      const deadline = Date.now() + 5000;
      while (!errors.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      expect(errors.length).toBeGreaterThan(0);
      expect(errors[0].message).toMatch(/terminat/i);
      expect(await backend.repository.getQueueSize()).toBe(0);
    } finally {
      await backend.disconnect();
    }
  });
});
