/**
 * The pieces `npm start` uses to run its worker as a child process, on their bad inputs: the IPC
 * wake-up channel, the supervisor when the child cannot start, and Agenda's fork helper when it is
 * called wrongly. (The whole path, with real processes, is in npm-start-worker-child.test.ts.)
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { JobNotification } from 'agenda';
import type { DataSource } from 'typeorm';
import { loadConfig } from '../../../src/config/config';
import { createLogger } from '../../../src/config/logger';
import { openWarehouse } from '../../../src/db/open-warehouse';
import { type JobsRuntime, startJobsRuntime } from '../../../src/jobs/jobs-runtime';
import { IpcNotificationChannel, isWorkerIpcMessage, type WorkerIpcMessage } from '../../../src/jobs/queue/ipc-notification-channel';
import { WorkerSupervisor } from '../../../src/jobs/worker-supervisor';
import { createTestDatabase, tempDir, type TestDatabase } from '../../helpers/databases';

const ROOT = path.resolve(__dirname, '..', '..', '..');

describe('IPC wake-up channel', () => {
  const notification: JobNotification = {
    jobId: 'j1' as JobNotification['jobId'],
    jobName: 'ingestion-run',
    nextRunAt: new Date(1_800_000_000_000),
    priority: 0,
    timestamp: new Date(1_800_000_000_500),
  };

  it('sends what it publishes to the peer as plain JSON, and hands it to its own processor too', async () => {
    const sent: WorkerIpcMessage[] = [];
    const channel = new IpcNotificationChannel((m) => sent.push(JSON.parse(JSON.stringify(m)) as WorkerIpcMessage));
    const local: JobNotification[] = [];
    channel.subscribe((n) => void local.push(n));
    await channel.connect();
    await channel.publish(notification);
    expect(sent).toEqual([
      {
        kind: 'job-saved',
        notification: {
          jobId: 'j1',
          jobName: 'ingestion-run',
          nextRunAt: '2027-01-15T08:00:00.000Z',
          priority: 0,
          timestamp: '2027-01-15T08:00:00.500Z',
        },
      },
    ]);
    expect(local).toEqual([notification]);

    // The other side turns it back into Agenda's notification, dates included.
    const peer = new IpcNotificationChannel(() => undefined);
    const received: JobNotification[] = [];
    peer.subscribe((n) => void received.push(n));
    await peer.connect();
    await peer.receive(sent[0]);
    expect(received).toEqual([{ ...notification, source: 'ipc' }]);
  });

  it('drops a publish when the peer is gone, ignores other messages and anything while disconnected', async () => {
    const channel = new IpcNotificationChannel(() => {
      throw new Error('channel closed');
    });
    const local: JobNotification[] = [];
    channel.subscribe((n) => void local.push(n));
    await channel.connect();
    await expect(channel.publish(notification)).resolves.toBeUndefined();
    expect(local).toHaveLength(1);
    await channel.receive({ kind: 'run-changed', runId: 3 });
    expect(local).toHaveLength(1);
    await channel.disconnect();
    await channel.receive({
      kind: 'job-saved',
      notification: { jobId: 'j2', jobName: 'x', nextRunAt: null, priority: 0, timestamp: new Date().toISOString() },
    });
    expect(local).toHaveLength(1);
  });

  it('recognises only its own messages', () => {
    expect(isWorkerIpcMessage({ kind: 'run-changed', runId: 1 })).toBe(true);
    expect(isWorkerIpcMessage({ kind: 'worker-ready', name: 'worker-1' })).toBe(true);
    for (const other of [null, undefined, 'cancel', 42, {}, { kind: 'other' }]) expect(isWorkerIpcMessage(other)).toBe(false);
  });
});

describe('worker supervisor', () => {
  let db: TestDatabase;
  let ds: DataSource;
  let jobs: JobsRuntime;
  beforeAll(async () => {
    db = await createTestDatabase('sqlite');
    const dir = tempDir('supervisor');
    const config = loadConfig({
      DATABASE_URL: db.url,
      DATA_LAKE_DIR: `${dir}/lake`,
      JOBS_SQLITE_PATH: `${dir}/jobs.sqlite`,
      SESSION_DIR: `${dir}/s`,
      EXTRACT_ARTEFACTS_DIR: `${dir}/a`,
    });
    ds = await openWarehouse(config);
    jobs = await startJobsRuntime(ds, config, createLogger('silent'), { worker: false, scheduler: false });
  });
  afterAll(async () => {
    await jobs?.stop();
    await ds?.destroy();
    await db?.drop();
  });

  it('fails start-up with a clear message when the worker child cannot start', async () => {
    const dir = tempDir('bad-worker');
    const script = path.join(dir, 'worker.js');
    fs.writeFileSync(script, "process.stderr.write('no configuration\\n'); process.exit(2);\n");
    const supervisor = new WorkerSupervisor({ script, logger: createLogger('silent'), shutdownDeadlineMs: 1000 });
    await expect(supervisor.start(jobs)).rejects.toThrow(/worker child exited before it was ready \(code 2/);
    await expect(supervisor.stop()).resolves.toBeUndefined();
    expect(supervisor.pid).toBeUndefined();
    await expect(
      new WorkerSupervisor({ script: path.join(dir, 'missing.js'), logger: createLogger('silent'), shutdownDeadlineMs: 1000 }).start(jobs),
    ).rejects.toThrow(/exited before it was ready/);
  });
});

describe('fork helper', () => {
  const helper = path.join(ROOT, 'dist/src/jobs/backends/fork-helper.js');
  const run = (args: string[], env: Record<string, string> = {}) =>
    spawnSync(process.execPath, [helper, ...args], {
      encoding: 'utf8',
      env: { JOBS_SQLITE_PATH: path.join(tempDir('fork-bad'), 'jobs.sqlite'), ...env },
    });

  it('exits 1 naming the problem: no job, a TypeScript definition file, a module without a function, an unknown job id', () => {
    expect(run([])).toMatchObject({
      status: 1,
      stderr: expect.stringContaining('usage: fork-helper.js <jobName> <jobId> <definitionFile>'),
    });
    expect(run(['job', 'id-1', '/src/defs.ts'])).toMatchObject({
      status: 1,
      stderr: expect.stringContaining('needs a JavaScript definition module'),
    });
    const notAFunction = path.join(tempDir('fork-def'), 'defs.cjs');
    fs.writeFileSync(notAFunction, 'module.exports = { jobs: [] };\n');
    expect(run(['job', 'id-1', notAFunction])).toMatchObject({ status: 1, stderr: expect.stringContaining('does not export a function') });
    const defines = path.join(tempDir('fork-def'), 'defs.cjs');
    fs.writeFileSync(defines, "module.exports = (agenda) => agenda.define('job', async () => undefined);\n");
    expect(run(['job', 'no-such-id', defines])).toMatchObject({ status: 1, stderr: expect.stringContaining('db entry not found') });
    expect(run(['job', 'id-1', defines], { JOBS_BACKEND: 'cassandra' })).toMatchObject({
      status: 1,
      stderr: expect.stringContaining('JOBS_BACKEND'),
    });
  });
});
