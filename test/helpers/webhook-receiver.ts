import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A JSON body the notifier posted. */
export interface WebhookPost {
  text: string;
  kind: string;
  service: string;
  [key: string]: unknown;
}

export interface WebhookReceiver {
  /** The URL to configure as NOTIFY_WEBHOOK_URL (its path plays the secret part of a real hook URL). */
  url: string;
  /** Every POST to that path, in arrival order. */
  posts: WebhookPost[];
  /** Stops listening: deliveries fail with a refused connection. */
  down(): Promise<void>;
}

/** A real HTTP webhook on a loopback port that records what is posted to `/<secretPath>`. */
export async function startWebhookReceiver(secretPath: string): Promise<WebhookReceiver> {
  const posts: WebhookPost[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      if (req.method === 'POST' && req.url === `/${secretPath}`) posts.push(JSON.parse(body) as WebhookPost);
      res.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/${secretPath}`,
    posts,
    down: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
