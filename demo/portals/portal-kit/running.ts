import type { RunningSimulator } from '../http-server';
import type { PortalAuth } from './auth';
import type { PortalFaults } from './faults';

/** What every simulated portal hands a test (or the demo): where it runs, its switches and its truth. */
export interface RunningPortal<D> extends RunningSimulator {
  faults: PortalFaults;
  /** What the portal serves, for exact comparisons with the warehouse. */
  data: D;
  credentials: { login: string; password: string };
  /** Successful and refused logins, code challenges asked. */
  stats: PortalAuth['stats'];
  /** Every session cookie value handed out. */
  issuedCookies: string[];
}

export interface PortalSimulatorOptions {
  port?: number;
  /** How long `slowPage` holds the page back (default 5 s). */
  slowPageMs?: number;
  /** The simulator's "today" (default: the current UTC day). */
  today?: string;
}
