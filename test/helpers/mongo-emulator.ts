/**
 * The Mongo contract cases run against a real MongoDB when MONGODB_URL is set, otherwise against an
 * EMULATOR: CongoDB, the MongoDB wire-protocol server in @push.rocks/smartmongo 2.2.0 (pure
 * TypeScript, in memory), installed apart from the project by .ci/install-mongo-emulator.sh. It
 * speaks enough of the protocol for Agenda's MongoDB backend; it is not MongoDB.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');
const ENTRY = 'node_modules/@push.rocks/smartmongo/dist_ts/congodb/index.js';
/** Where the install script puts it, then the project's own modules (if someone installed it there). */
const CANDIDATES = [path.join(ROOT, '.ci/mongo-emulator', ENTRY), path.join(ROOT, ENTRY)];

export const MONGO_EMULATOR_NAME = 'CongoDB from @push.rocks/smartmongo 2.2.0';

export interface MongoEmulator {
  /** Base URL; polling server monitoring, because CongoDB does not implement the streaming (exhaust) hello. */
  url: string;
  stop(): Promise<void>;
}

/** The emulator's entry module, or undefined when it is not installed. */
export function findMongoEmulator(): string | undefined {
  return CANDIDATES.find((file) => fs.existsSync(file));
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** Starts the emulator in its own process on a free loopback port; rejects with its output if it does not come up. */
export async function startMongoEmulator(entry: string, timeoutMs = 15_000): Promise<MongoEmulator> {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, [path.join(__dirname, 'mongo-emulator-server.mjs'), entry, String(port)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const deadline = Date.now() + timeoutMs;
  while (!output.includes(`listening ${port}`)) {
    if (child.exitCode !== null) throw new Error(`the Mongo emulator (${MONGO_EMULATOR_NAME}) exited at start:\n${output}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the Mongo emulator (${MONGO_EMULATOR_NAME}) did not listen within ${timeoutMs} ms:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url: `mongodb://127.0.0.1:${port}/?serverMonitoringMode=poll`,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
