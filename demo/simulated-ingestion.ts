/**
 * What a serving demo adds: the six portals simulated on loopback, a worker in this process
 * extracting from them, and an ADMIN token (recreated each run, revoked on exit) to trigger it.
 */
import type { DataSource } from 'typeorm';
import { resolveChromiumExecutable } from '../src/browser/launch-chromium';
import type { AppConfig } from '../src/config/config';
import type { Logger } from '../src/config/logger';
import { ApiToken } from '../src/entities/api-token.entity';
import { type JobsRuntime, startJobsRuntime } from '../src/jobs/jobs-runtime';
import { createApiToken } from '../src/access/api-tokens';
import { out, rel } from './console-output';
import { type DemoPortals, startDemoPortals, withDemoPortals } from './portals/demo-portals';

/** The demo's token: recreated on every served run, revoked when the demo stops. */
const DEMO_TOKEN_NAME = 'demo-admin';

/** What serving adds: simulated portals, a worker extracting from them, and an admin token to trigger it. */
export interface SimulatedIngestion {
  portals: DemoPortals;
  jobs: JobsRuntime;
  /** The config the jobs and the server run with: the user's, extractors pointed at the simulators. */
  config: AppConfig;
  token: string;
  close(): Promise<void>;
}

export async function startSimulatedIngestion(ds: DataSource, base: AppConfig, logger: Logger): Promise<SimulatedIngestion> {
  const portals = await startDemoPortals({ haveSessionKey: base.sessions.key !== undefined });
  let jobs: JobsRuntime | null = null;
  try {
    const config = withDemoPortals(base, portals);
    jobs = await startJobsRuntime(ds, config, logger, { worker: true, scheduler: false, name: `demo-${process.pid}` });
    const tokens = ds.getRepository(ApiToken);
    // The previous run's demo token is replaced: only one, and only the current one, ever works.
    await tokens.delete({ name: DEMO_TOKEN_NAME });
    const token = await createApiToken(ds, DEMO_TOKEN_NAME, 'ADMIN');
    const running = jobs;
    return {
      portals,
      jobs: running,
      config,
      token,
      async close() {
        const { stillRunning } = await running.stop();
        if (stillRunning)
          process.stderr.write(`demo: ${stillRunning} extraction(s) still running at the shutdown deadline were left to their lock\n`);
        await portals.close();
        await tokens.update({ name: DEMO_TOKEN_NAME }, { revokedAt: new Date() });
      },
    };
  } catch (err) {
    await jobs?.stop().catch(() => undefined);
    await portals.close();
    throw err;
  }
}

export function describeSimulatedIngestion(sim: SimulatedIngestion): void {
  out();
  out('SIMULATED portals: local stand-ins for the real sites, for this demo only (no real account is used, nothing leaves this machine):');
  const width = Math.max(...sim.portals.portals.map((p) => p.name.length));
  for (const p of sim.portals.portals) out(`  ${p.graphqlService.padEnd(9)} ${p.name.padEnd(width)}  ${p.url}  (${p.login})`);
  const browser = sim.config.browser;
  let chromium: string | null = null;
  try {
    chromium = resolveChromiumExecutable(browser.chromiumPath);
  } catch (err) {
    out(`  No Chromium here, so only META_ADS (an API) can be extracted; the browser portals will fail with BROWSER_NOT_FOUND.`);
    out(`  ${err instanceof Error ? err.message : String(err)}`);
  }
  if (chromium)
    out(
      `  A worker in this process runs the extractions; browser portals in ${browser.headless ? 'headless ' : 'a visible '}Chromium (${chromium})${browser.headless ? ', HEADLESS=false shows the window' : ''}.`,
    );
  out(`  Loads go into the same warehouse and lake as above; simulated sessions are kept in ${rel(sim.config.sessions.dir)}/.`);
  out();
  out(`Admin token for this demo (valid until the demo stops): ${sim.token}`);
  out('To run an extraction from GraphiQL, put this in its Headers tab:');
  out(`{"Authorization": "Bearer ${sim.token}"}`);
  out('then run:');
  out('mutation { triggerExtraction(service: TOOLOST) { id status } }');
  out('and follow the run with the id it answers (run it again to refresh):');
  out('query { ingestionRun(id: "<id>") { status progress step counts { filesLoaded rowsLoaded } } }');
  out(`Any service above works: ${sim.portals.portals.map((p) => p.graphqlService).join(', ')}.`);
}
