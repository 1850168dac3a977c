/**
 * A simulated Spotify for Artists: login form, session cookie, the artist roster, the audience
 * page with its range picker and CSV export, and the songs page whose time filter calls the
 * catalog API. Honours every PortalFaults switch: twoFactor is an e-mailed code, slowPage holds
 * the audience page, renamedElement renames the Export button, changedColumn renames `streams`
 * in the CSV, malformedJson truncates the catalog API's answer, rateLimit/serverError hit the
 * export and the catalog API.
 */
import { SONG_PERIODS, type SongPeriod } from '../../../src/ingest/spotify/file-names';
import { listen } from '../http-server';
import { createPortalApp } from '../portal-kit/app';
import { createFaults, dataFaults, slowWhenAsked, truncatedJson } from '../portal-kit/faults';
import { esc, htmlPage, isoDay } from '../portal-kit/html';
import type { PortalSimulatorOptions, RunningPortal } from '../portal-kit/running';
import { spotifySimData, type SpotifySimData, type SpotifySimPayloads } from './data';

export type SpotifySimulator = RunningPortal<SpotifySimData>;

/** The range picker's options: days of the time line each one exports. */
const AUDIENCE_RANGES: Record<string, { label: string; days: number }> = {
  '7day': { label: 'Last 7 days', days: 7 },
  '28day': { label: 'Last 28 days', days: 28 },
  '12months': { label: 'Last 12 months', days: 365 },
};

export async function startSpotifySimulator(opts: PortalSimulatorOptions = {}): Promise<SpotifySimulator> {
  const faults = createFaults();
  const credentials = { login: 'label@example.com', password: 'spotify-sim-password' };
  const { data, payloads } = spotifySimData(opts.today ?? isoDay(new Date()));
  const { app, auth } = createPortalApp({
    faults,
    cookieName: 'sp_dc',
    credentials,
    loginPath: '/login',
    homePath: '/c',
    form: {
      title: 'Log in to Spotify',
      userLabel: 'Email or username',
      userId: 'login-username',
      passwordId: 'login-password',
      submitId: 'login-button',
      submitText: 'Log In',
    },
  });
  const artistOf = (id: string) => data.artists.find((a) => a.id === id);
  const header = (name: string) =>
    `<header><span data-testid="user-widget">Label team</span> · <a href="/c">Roster</a></header><h1 data-testid="artist-name">${esc(name)}</h1>`;

  app.get('/c', auth.requirePage, (_req, res) => {
    const links = data.artists
      .map((a) => `<li><a data-testid="artist-link" href="/c/artist/${a.id}/audience/stats">${esc(a.name)}</a></li>`)
      .join('');
    res
      .type('html')
      .send(
        htmlPage(
          'Spotify for Artists',
          `<header><span data-testid="user-widget">Label team</span></header><h1>Your artists</h1><ul>${links}</ul>`,
        ),
      );
  });

  app.get('/c/artist/:id/audience/stats', auth.requirePage, slowWhenAsked(faults, opts.slowPageMs ?? 5000), (req, res) => {
    const artist = artistOf(String(req.params.id));
    if (!artist) return void res.status(404).type('html').send(htmlPage('Not found', '<h1>Artist not found</h1>'));
    const options = Object.entries(AUDIENCE_RANGES)
      .map(([v, r]) => `<option value="${v}"${v === '28day' ? ' selected' : ''}>${r.label}</option>`)
      .join('');
    const button = faults.renamedElement
      ? '<button data-testid="download-csv" id="download">Download</button>'
      : '<button data-testid="export-csv" id="export">Export</button>';
    res.type('html').send(
      htmlPage(
        `${artist.name} – Audience`,
        `${header(artist.name)}<h2>Audience</h2><label>Range <select data-testid="timeline-range">${options}</select></label> ${button}`,
        `document.querySelector('#export, #download').addEventListener('click', () => {
           location.href = '/api/audience/${artist.id}/export?range=' + document.querySelector('[data-testid="timeline-range"]').value;
         });`,
      ),
    );
  });

  app.get('/api/audience/:id/export', auth.requireApi, dataFaults(faults), (req, res) => {
    const artist = artistOf(String(req.params.id));
    const p = payloads.get(String(req.params.id));
    const range = AUDIENCE_RANGES[String(req.query.range)];
    if (!artist || !p || !range) return void res.status(404).send('not found');
    res
      .status(200)
      .set('Content-Type', 'text/csv; charset=utf-8')
      .set('Content-Disposition', `attachment; filename="${artist.name}-audience-timeline.csv"`)
      .send(audienceBody(p, range.days, faults.changedColumn));
  });

  app.get('/c/artist/:id/music/songs', auth.requirePage, (req, res) => {
    const artist = artistOf(String(req.params.id));
    if (!artist) return void res.status(404).type('html').send(htmlPage('Not found', '<h1>Artist not found</h1>'));
    const options = SONG_PERIODS.map((p) => `<option value="${p}"${p === '28day' ? ' selected' : ''}>${p}</option>`).join('');
    res.type('html').send(
      htmlPage(
        `${artist.name} – Songs`,
        `${header(artist.name)}<h2>Songs</h2><label>Time filter <select data-testid="time-filter">${options}</select></label><table id="songs"></table>`,
        `const sel = document.querySelector('[data-testid="time-filter"]');
         async function load() {
           const r = await fetch('/s4x-insights-api/v1/artist/${artist.id}/catalog?time-filter=' + sel.value);
           const table = document.getElementById('songs');
           try {
             const doc = JSON.parse(await r.text());
             table.innerHTML = doc.songs.map((s) => '<tr><td>' + s.trackName + '</td><td>' + s.numStreams + '</td></tr>').join('');
           } catch { table.textContent = 'Something went wrong'; }
         }
         sel.addEventListener('change', load);
         load();`,
      ),
    );
  });

  app.get('/s4x-insights-api/v1/artist/:id/catalog', auth.requireApi, dataFaults(faults), (req, res) => {
    const p = payloads.get(String(req.params.id));
    const period = String(req.query['time-filter']) as SongPeriod;
    if (!p || !SONG_PERIODS.includes(period)) return void res.status(404).json({ error: 'not found' });
    const json = p.songsJson[period];
    res
      .status(200)
      .type('application/json')
      .send(faults.malformedJson ? truncatedJson(json) : json);
  });

  const running = await listen(app, opts.port);
  return { ...running, faults, data, credentials, stats: auth.stats, issuedCookies: auth.issuedCookies };
}

/** The export for the last `days` days; `changedColumn` renames `streams` as a portal redesign would. */
function audienceBody(p: SpotifySimPayloads, days: number, changedColumn: boolean): string {
  const head = changedColumn ? p.audienceHeader.replace('streams', 'plays') : p.audienceHeader;
  return `${[head, ...p.audienceLines.slice(-days)].join('\r\n')}\r\n`;
}
