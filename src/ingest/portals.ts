/**
 * Every source the product extracts from, in one list: the five browser portals as their config
 * (data) and page handlers, run by the one portal runner, and Meta Ads, an API read with a token.
 * The jobs build their extractors from it, and `npm run login` finds the portals here.
 */
import type { AppConfig, ExtractorsConfig, Service } from '../config/config';
import { DISTROKID_HANDLERS } from './distrokid/handlers';
import { DISTROKID_PORTAL } from './distrokid/portal';
import type { Extractor } from './extract/extractor';
import type { BrowserService, PortalConfig } from './extract/portal-config';
import { createPortalExtractor, type PortalHandlers, type PortalRunDeps } from './extract/portal-runner';
import { LINKTREE_HANDLERS } from './linktree/handlers';
import { LINKTREE_PORTAL } from './linktree/portal';
import { createMetaAdsExtractor } from './meta_ads/handlers';
import { SPOTIFY_HANDLERS } from './spotify/handlers';
import { SPOTIFY_PORTAL } from './spotify/portal';
import { TIKTOK_HANDLERS } from './tiktok/handlers';
import { TIKTOK_PORTAL } from './tiktok/portal';
import { TOOLOST_HANDLERS } from './toolost/handlers';
import { TOOLOST_PORTAL } from './toolost/portal';

/** A browser portal: its config (data) and the handlers that read its pages, on the settings of its service. */
export interface BrowserPortal<S extends BrowserService> {
  kind: 'browser';
  portal: PortalConfig;
  handlers: PortalHandlers<ExtractorsConfig[S]>;
}

/** A source read through an API: only its extractor. */
export interface ApiPortal {
  kind: 'api';
  /** What it needs instead of a login (the manual login says so). */
  credentials: string;
  create(settings: ExtractorsConfig['meta_ads'], browser: AppConfig['browser']): Extractor;
}

type BrowserPortals = { readonly [S in BrowserService]: BrowserPortal<S> };
export type PortalRegistry = BrowserPortals & { readonly meta_ads: ApiPortal };

export const PORTALS: PortalRegistry = {
  toolost: { kind: 'browser', portal: TOOLOST_PORTAL, handlers: TOOLOST_HANDLERS },
  distrokid: { kind: 'browser', portal: DISTROKID_PORTAL, handlers: DISTROKID_HANDLERS },
  spotify: { kind: 'browser', portal: SPOTIFY_PORTAL, handlers: SPOTIFY_HANDLERS },
  tiktok: { kind: 'browser', portal: TIKTOK_PORTAL, handlers: TIKTOK_HANDLERS },
  linktree: { kind: 'browser', portal: LINKTREE_PORTAL, handlers: LINKTREE_HANDLERS },
  meta_ads: {
    kind: 'api',
    credentials: 'the Meta Ads extractor calls the Graph API with META_ACCESS_TOKEN (and META_AD_ACCOUNT_ID); set those instead',
    create: createMetaAdsExtractor,
  },
};

type ExtractorSettings = Pick<AppConfig, 'extractors' | 'browser'>;

function browserExtractor<S extends BrowserService>(service: S, config: ExtractorSettings, deps: PortalRunDeps): Extractor {
  const browserPortals: BrowserPortals = PORTALS;
  const { portal, handlers } = browserPortals[service];
  return createPortalExtractor<ExtractorsConfig[S]>(portal, handlers, config.extractors[service], config.browser, deps);
}

/** The extractor of one service, from the app's config (tests point base URLs at simulators and may pass a TOTP source). */
export function createExtractor(service: Service, config: ExtractorSettings, deps: PortalRunDeps = {}): Extractor {
  return service === 'meta_ads'
    ? PORTALS.meta_ads.create(config.extractors.meta_ads, config.browser)
    : browserExtractor(service, config, deps);
}
