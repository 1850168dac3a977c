/**
 * The demo's command line: `--no-serve` and `--help`, nothing else. Anything unknown is a usage
 * error (exit 2), so a mistyped flag never silently starts a serving demo.
 */
import { parseArgs } from 'node:util';

export interface DemoArgs {
  /** False with --no-serve: stop after printing the totals and example answers. */
  serve: boolean;
}

const USAGE = 'usage: npm run demo [-- --no-serve]   (or: node dist/demo/main.js [--no-serve])';

const HELP = `${USAGE}

Generates a fictional label's exports of all six sources into data/demo-exports/, ingests them
into the configured lake and warehouse, and prints the totals and one line per example query.
Then it serves, on a loopback address until Ctrl+C: the dashboard, GraphiQL and the jobs admin,
with the six portals simulated locally so triggerExtraction runs offline.

Options:
  --no-serve   stop after printing (exit 1 when a file did not load or an example query failed)
  -h, --help   show this help
`;

/** Parses argv (without node and the script); prints help and exits 0, or a usage error and exits 2. */
export function parseDemoArgs(argv: string[]): DemoArgs {
  let values: { 'no-serve'?: boolean; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { 'no-serve': { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (err) {
    process.stderr.write(`demo: ${err instanceof Error ? err.message : String(err)}\n${USAGE}\n`);
    process.exit(2);
  }
  if (values.help) {
    process.stdout.write(HELP);
    process.exit(0);
  }
  return { serve: !values['no-serve'] };
}
