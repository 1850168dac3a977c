import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';

export interface RunningSimulator {
  url: string;
  close(): Promise<void>;
}

/** Serves a simulator app on 127.0.0.1 (a random port unless one is given). */
export async function listen(app: Express, port = 0): Promise<RunningSimulator> {
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const { port: actual } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${actual}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
