/**
 * A simulated TikTok Studio: username/password login (the real one often asks for a QR code or an
 * SMS: the twoFactor switch), a `sessionid` cookie, one login managing several accounts with an
 * account switcher, the analytics overview with its date range select and "Download data" ZIP
 * (`Overview_<start>_<unix ts>_<handle>.zip`, Overview.csv with BOM, quoted values, yearless
 * dates), and the followers page calling the profile API. Switches: expiredSession, twoFactor,
 * rateLimit/serverError (the export and the profile API), slowPage (the overview page),
 * renamedElement (the download button), malformedJson (the profile API), changedColumn
 * (`Video Views` renamed in Overview.csv).
 */
import type express from 'express';
import { overviewFileName, overviewZip } from '../../sample-exports/tiktok';
import { listen } from '../http-server';
import { createPortalApp } from '../portal-kit/app';
import { createFaults, dataFaults, slowWhenAsked, truncatedJson } from '../portal-kit/faults';
import { esc, htmlPage, isoDay } from '../portal-kit/html';
import type { PortalSimulatorOptions, RunningPortal } from '../portal-kit/running';
import { tiktokSimData, type TikTokSimData } from './data';

export type TikTokSimulator = RunningPortal<TikTokSimData> & {
  /** The ranges (days) the date select offers, in its order; tests may change it. */
  ranges: number[];
};

export async function startTikTokSimulator(opts: PortalSimulatorOptions = {}): Promise<TikTokSimulator> {
  const faults = createFaults();
  const credentials = { login: 'label.tiktok', password: 'tiktok-sim-password' };
  const startedAt = Math.floor(Date.now() / 1000);
  const { data, payloads } = tiktokSimData(opts.today ?? isoDay(new Date()), startedAt);
  const { app, auth } = createPortalApp({
    faults,
    cookieName: 'sessionid',
    credentials,
    loginPath: '/login',
    homePath: '/tiktokstudio/analytics/overview',
    form: {
      title: 'Log in to TikTok',
      userLabel: 'Email or username',
      userId: 'tt-username',
      passwordId: 'tt-password',
      submitId: 'tt-login',
      submitText: 'Log in',
      submitAttrs: 'data-e2e="login-button"',
    },
  });
  const ranges = [7, 28, 60, 365];
  const handles = data.accounts.map((a) => a.handle);
  const activeOf = (res: express.Response): string => auth.session(res).values.get('account') ?? handles[0];
  const studioHeader = (active: string) =>
    `<header>Signed in as <span data-e2e="studio-account-handle">@${esc(active)}</span>
     <label>Switch account <select data-e2e="account-switcher">${handles.map((h) => `<option value="${h}"${h === active ? ' selected' : ''}>@${h}</option>`).join('')}</select></label></header>`;
  const switcherScript = `document.querySelector('[data-e2e="account-switcher"]').addEventListener('change', (e) => {
    location.href = '/tiktokstudio/switch-account?account=' + encodeURIComponent(e.target.value);
  });`;

  app.get('/tiktokstudio/switch-account', auth.requirePage, (req, res) => {
    const wanted = String(req.query.account ?? '');
    if (handles.includes(wanted)) auth.session(res).values.set('account', wanted);
    res.redirect(302, '/tiktokstudio/analytics/overview');
  });

  app.get('/tiktokstudio/analytics/overview', auth.requirePage, slowWhenAsked(faults, opts.slowPageMs ?? 5000), (_req, res) => {
    const active = activeOf(res);
    const options = ranges.map((d) => `<option value="${d}"${d === 28 ? ' selected' : ''}>Last ${d} days</option>`).join('');
    const button = faults.renamedElement
      ? '<button data-e2e="export-data-button" id="download">Export</button>'
      : '<button data-e2e="download-data-button" id="download">Download data</button>';
    res.type('html').send(
      htmlPage(
        'TikTok Studio – Analytics',
        `${studioHeader(active)}<h1>Analytics · Overview</h1><select data-e2e="date-range-select">${options}</select> ${button}`,
        `${switcherScript}
         document.getElementById('download').addEventListener('click', () => {
           location.href = '/tiktokstudio/api/analytics/export?range=' + document.querySelector('[data-e2e="date-range-select"]').value;
         });`,
      ),
    );
  });

  app.get('/tiktokstudio/api/analytics/export', auth.requireApi, dataFaults(faults), (req, res) => {
    const active = activeOf(res);
    const p = payloads.get(active);
    const account = data.accounts.find((a) => a.handle === active);
    const days = Number(req.query.range);
    if (!p || !account || !ranges.includes(days)) return void res.status(400).send('bad range');
    const exportedAt = Math.floor(Date.now() / 1000);
    const header = faults.changedColumn ? p.header.replace('"Video Views"', '"Views"') : p.header;
    const csv = `\ufeff${[header, ...p.lines.slice(-days)].join('\r\n')}\r\n`;
    const start = account.overview[account.overview.length - days].date;
    res
      .status(200)
      .set('Content-Type', 'application/zip')
      .set('Content-Disposition', `attachment; filename="${overviewFileName(start, exportedAt, active)}"`)
      .send(Buffer.from(overviewZip(csv, exportedAt)));
  });

  app.get('/tiktokstudio/analytics/followers', auth.requirePage, (_req, res) => {
    const active = activeOf(res);
    res.type('html').send(
      htmlPage(
        'TikTok Studio – Followers',
        `${studioHeader(active)}<h1>Analytics · Followers</h1><p>Followers: <strong id="follower-count">…</strong></p>`,
        `${switcherScript}
         fetch('/api/user/detail/?uniqueId=${encodeURIComponent(active)}').then((r) => r.json()).then((d) => {
           document.getElementById('follower-count').textContent = String(d.count);
         }).catch(() => { document.getElementById('follower-count').textContent = 'unavailable'; });`,
      ),
    );
  });

  app.get('/api/user/detail/', auth.requireApi, dataFaults(faults), (req, res) => {
    const p = payloads.get(String(req.query.uniqueId ?? ''));
    if (!p) return void res.status(404).json({ statusCode: 10202, statusMsg: 'user not found' });
    res
      .status(200)
      .type('application/json')
      .send(faults.malformedJson ? truncatedJson(p.followersJson) : p.followersJson);
  });

  const running = await listen(app, opts.port);
  return { ...running, faults, data, credentials, stats: auth.stats, issuedCookies: auth.issuedCookies, ranges };
}
