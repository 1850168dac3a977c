/**
 * Agenda's fork-mode helper for our backends. A job saved with `job.forkMode(true)` is run by
 * Agenda in a child process: `node fork-helper.js <jobName> <jobId> <definitionFile>`, where the
 * definition file is the module that called `agenda.define()` (Agenda records it). Pass this file
 * as `new Agenda({ forkHelper: { path: FORK_HELPER_PATH } })`.
 *
 * The child opens the backend the configuration names (JOBS_BACKEND and friends, so give the child
 * the parent's environment), loads the definitions by calling the definition module's export
 * `(agenda) => void`, runs the one job and exits 0. On failure it sends the error's message to
 * the parent (which records it as the job's fail reason) and exits 1.
 */
import path from 'node:path';
import { Agenda } from 'agenda';
import { loadConfig } from '../../config/config';
import { createJobsBackend, jobsBackendSpec } from './create-backend';

export const FORK_HELPER_PATH = path.join(__dirname, 'fork-helper.js');

type DefineJobs = (agenda: Agenda, forked: boolean) => void;

function definitionLoader(file: string): DefineJobs {
  // A TypeScript source cannot be required by plain node: only compiled or plain JavaScript modules.
  if (!/\.(c?js)$/.test(file)) throw new Error(`fork mode needs a JavaScript definition module, got ${file || '(none)'}`);
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the module is named at run time and loads synchronously
  const loaded = require(file) as DefineJobs | { default?: DefineJobs };
  const define = typeof loaded === 'function' ? loaded : loaded.default;
  if (typeof define !== 'function') throw new Error(`${file} does not export a function (agenda, forked) => void`);
  return define;
}

async function main(): Promise<void> {
  const [name, jobId, definitionFile = ''] = process.argv.slice(2);
  if (!name || !jobId) throw new Error('usage: fork-helper.js <jobName> <jobId> <definitionFile>');
  // The parent asks a child to stop when it cancels the job (lock expired, or cancel()).
  process.on('message', (message) => {
    if (message === 'cancel') process.exit(2);
  });
  const backend = createJobsBackend(jobsBackendSpec(loadConfig()));
  const agenda = new Agenda({ backend, name: `fork-${name}-${process.pid}`, forkedWorker: true });
  await agenda.ready;
  definitionLoader(definitionFile)(agenda, true);
  await agenda.runForkedJob(jobId);
  await backend.disconnect();
}

if (require.main === module) {
  main().then(
    () => process.exit(0),
    (err: unknown) => {
      const reason = err instanceof Error ? err.message : typeof err === 'string' ? err : (JSON.stringify(err) ?? String(err));
      process.stderr.write(`fork-helper: ${reason}\n`);
      if (!process.send) process.exit(1);
      // The parent parses the message as JSON when it can: send JSON text so a message like "42" stays text.
      // Agenda's parent listens for 'message' and 'close' only, and a child that exits the moment its
      // message is written can be seen closing first (the reason then lost): close the pipe, then leave
      // the parent a moment to read it before exiting.
      process.send(JSON.stringify(reason), () => {
        process.disconnect();
        setTimeout(() => process.exit(1), 250);
      });
    },
  );
}
