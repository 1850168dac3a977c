/**
 * Runs the CongoDB MongoDB emulator (from @push.rocks/smartmongo 2.2.0) on 127.0.0.1:<port>, in
 * memory, until SIGTERM. Spawned by test/helpers/mongo-emulator.ts; plain ESM because the package
 * is ESM-only and is loaded from its own folder (.ci/mongo-emulator), outside the project's modules.
 *
 *   node mongo-emulator-server.mjs <path to congodb/index.js> <port>
 */
import { pathToFileURL } from 'node:url';

const [entry, portArg] = process.argv.slice(2);
const port = Number(portArg);
if (!entry || !Number.isInteger(port) || port <= 0) {
  process.stderr.write('usage: mongo-emulator-server.mjs <congodb/index.js> <port>\n');
  process.exit(2);
}
const { CongoServer } = await import(pathToFileURL(entry).href);
const server = new CongoServer({ host: '127.0.0.1', port, storage: 'memory' });
await server.start();
process.stdout.write(`listening ${port}\n`);
const stop = async () => {
  await server.stop().catch(() => undefined);
  process.exit(0);
};
process.once('SIGTERM', () => void stop());
process.once('SIGINT', () => void stop());
