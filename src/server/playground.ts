import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import express from 'express';

const ASSET_PREFIX = '/playground/assets';
const TITLE = 'Label analytics — GraphQL playground';
const DEFAULT_QUERY = `# Send a token with the Headers tab below: {"Authorization": "Bearer lat_..."}
{ revenueSummary { gross net quantity } }
`;

/**
 * Runs GraphiQL from the UMD globals. It is a served file, not inline, so script-src needs no
 * 'unsafe-inline' or nonce. Layout goes through CSSOM, which style-src does not restrict.
 */
const BOOTSTRAP_JS = `(function () {
  'use strict';
  var defaultQuery = ${JSON.stringify(DEFAULT_QUERY)};
  // Radix dialogs inject a <style> element for scroll locking and tag it with this global's nonce.
  var nonceMeta = document.querySelector('meta[property="csp-nonce"]');
  if (nonceMeta && nonceMeta.nonce) window.__webpack_nonce__ = nonceMeta.nonce;
  function fetcher(params, opts) {
    return Promise.resolve().then(function () {
      // Headers rejects names or values a browser cannot send; that surfaces as a GraphiQL error.
      var headers = new Headers((opts && opts.headers) || {});
      // Apollo's CSRF prevention only lets non-simple requests through: JSON satisfies it.
      headers.set('content-type', 'application/json');
      if (!headers.has('accept')) headers.set('accept', 'application/graphql-response+json, application/json');
      return fetch('/graphql', { method: 'POST', headers: headers, body: JSON.stringify(params), credentials: 'same-origin' });
    }).then(function (res) {
      return res.text().then(function (text) {
        try { return JSON.parse(text); } catch (e) { return { errors: [{ message: 'HTTP ' + res.status + ': ' + text }] }; }
      });
    });
  }
  // Is the operation GraphiQL is about to run a subscription? Read from the text it sends (its parsed
  // document can lag behind the editor by a keystroke): comments and strings removed, then the named
  // operation's keyword, or the document's first.
  function isSubscription(params) {
    var text = params.query.replace(/#[^\\n]*/g, '').replace(/"(?:\\\\.|[^"\\\\])*"/g, '""');
    if (params.operationName) return new RegExp('\\\\bsubscription\\\\s+' + params.operationName + '\\\\b').test(text);
    return /^\\s*subscription\\b/.test(text);
  }
  // Subscriptions go over graphql-ws on the same path; the headers editor's Authorization travels in
  // connectionParams (browsers cannot set headers on a WebSocket). One connection per subscription,
  // closed when it ends, so a changed token takes effect on the next run.
  function subscribe(params, opts) {
    var headers = (opts && opts.headers) || {};
    var authorization = headers.Authorization || headers.authorization;
    return {
      subscribe: function (observer) {
        var sink = typeof observer === 'function' ? { next: observer, error: arguments[1], complete: arguments[2] } : observer;
        var client = graphqlWs.createClient({
          url: (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/graphql',
          connectionParams: authorization ? { authorization: authorization } : {},
          retryAttempts: 0,
        });
        var stop = client.subscribe(params, {
          next: function (v) { sink.next && sink.next(v); },
          error: function (e) {
            var message = e && e.message ? e.message : e && e.code ? 'connection closed (' + e.code + (e.reason ? ': ' + e.reason : '') + ')' : 'subscription failed';
            sink.next && sink.next({ errors: Array.isArray(e) ? e : [{ message: message }] });
            sink.complete && sink.complete();
            client.dispose();
          },
          complete: function () { sink.complete && sink.complete(); client.dispose(); },
        });
        return { unsubscribe: function () { stop(); client.dispose(); } };
      },
    };
  }
  function fetchOrSubscribe(params, opts) {
    return isSubscription(params) ? subscribe(params, opts) : fetcher(params, opts);
  }
  var root = document.getElementById('graphiql');
  document.body.style.margin = '0';
  root.style.height = '100vh';
  ReactDOM.createRoot(root).render(React.createElement(GraphiQL, {
    fetcher: fetchOrSubscribe,
    defaultQuery: defaultQuery,
    isHeadersEditorEnabled: true,
    // Tokens stay out of localStorage.
    shouldPersistHeaders: false,
  }));
})();
`;

const csp = (nonce: string) =>
  [
    "default-src 'none'",
    "script-src 'self'",
    `style-src 'self' 'nonce-${nonce}'`,
    // GraphiQL's stylesheet embeds its fonts and a few icons as data: URLs.
    "font-src 'self' data:",
    "img-src 'self' data:",
    "connect-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');

/** A file from node_modules, or our own bootstrap held in memory. */
type Asset = { type: string; file: string } | { type: string; body: string };

function packageDir(name: string): string {
  // graphiql's "exports" hides its UMD files from require.resolve, but package.json is exported.
  return path.dirname(require.resolve(`${name}/package.json`));
}

function packageVersion(name: string): string {
  return (JSON.parse(fs.readFileSync(path.join(packageDir(name), 'package.json'), 'utf8')) as { version: string }).version;
}

/** The only servable names; anything else under the prefix is a 404, so no path reaches the file system. */
function buildAssets(): Map<string, Asset> {
  const js = 'text/javascript; charset=utf-8';
  const assets = new Map<string, Asset>([
    ['react.production.min.js', { type: js, file: path.join(packageDir('react'), 'umd', 'react.production.min.js') }],
    ['react-dom.production.min.js', { type: js, file: path.join(packageDir('react-dom'), 'umd', 'react-dom.production.min.js') }],
    ['graphiql.min.js', { type: js, file: path.join(packageDir('graphiql'), 'graphiql.min.js') }],
    ['graphql-ws.min.js', { type: js, file: path.join(packageDir('graphql-ws'), 'umd', 'graphql-ws.min.js') }],
    ['graphiql.min.css', { type: 'text/css; charset=utf-8', file: path.join(packageDir('graphiql'), 'graphiql.min.css') }],
    ['bootstrap.js', { type: js, body: BOOTSTRAP_JS }],
  ]);
  // Fail at boot, not on a user's first page load, when an install is incomplete.
  for (const [name, a] of assets)
    if ('file' in a && !fs.existsSync(a.file)) throw new Error(`playground asset ${name} missing at ${a.file}`);
  return assets;
}

function renderPage(version: string, nonce: string): string {
  const src = (name: string) => `${ASSET_PREFIX}/${name}?v=${version}`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${TITLE}</title>
<link rel="icon" href="data:,">
<meta property="csp-nonce" nonce="${nonce}">
<link rel="stylesheet" href="${src('graphiql.min.css')}">
</head>
<body>
<div id="graphiql">Loading the GraphQL playground…</div>
<script src="${src('react.production.min.js')}"></script>
<script src="${src('react-dom.production.min.js')}"></script>
<script src="${src('graphiql.min.js')}"></script>
<script src="${src('graphql-ws.min.js')}"></script>
<script src="${src('bootstrap.js')}"></script>
</body>
</html>
`;
}

/** A browser navigating to the endpoint; API clients and GET queries fall through to Apollo. */
function wantsPage(req: express.Request): boolean {
  return (req.headers.accept ?? '').includes('text/html') && req.query.query === undefined;
}

/** GraphiQL at /playground (and GET /graphql from a browser), served only from our own node_modules. */
export function playgroundRouter(): express.Router {
  const assets = buildAssets();
  // The version in asset URLs changes whenever any asset does, which makes year-long caching safe.
  const version = crypto
    .createHash('sha256')
    .update(
      [BOOTSTRAP_JS, packageVersion('react'), packageVersion('react-dom'), packageVersion('graphiql'), packageVersion('graphql-ws')].join(
        '\n',
      ),
    )
    .digest('hex')
    .slice(0, 12);
  const router = express.Router();

  const sendPage = (res: express.Response) => {
    // A fresh nonce per response, so the page must never be served from a cache.
    const nonce = crypto.randomBytes(16).toString('base64');
    res.set({
      'Content-Security-Policy': csp(nonce),
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-store',
      'Referrer-Policy': 'no-referrer',
    });
    res.type('html').send(renderPage(version, nonce));
  };

  router.get('/playground', (_req, res) => sendPage(res));
  router.get('/graphql', (req, res, next) => (wantsPage(req) ? sendPage(res) : next()));
  router.get(`${ASSET_PREFIX}/:name`, (req, res, next) => {
    const asset = assets.get(req.params.name);
    if (!asset) {
      res.status(404).type('text/plain').send('not found');
      return;
    }
    const headers = {
      'Content-Type': asset.type,
      'Cache-Control': 'public, max-age=31536000, immutable',
      'X-Content-Type-Options': 'nosniff',
    };
    if ('body' in asset) {
      res.set(headers).send(asset.body);
      return;
    }
    res.sendFile(asset.file, { headers, cacheControl: false }, (err) => {
      if (err) next(err);
    });
  });
  return router;
}
