import type { AppConfig, Service } from '../config/config';
import type { Extractor } from '../ingest/extract/extractor';
import { createExtractor, PORTALS } from '../ingest/portals';

/** The extractor of every service in the portal registry, from its config section (the real portals unless a base URL says otherwise). */
export function createExtractors(config: AppConfig): Record<Service, Extractor> {
  const services = Object.keys(PORTALS) as Service[];
  return Object.fromEntries(services.map((service) => [service, createExtractor(service, config)])) as Record<Service, Extractor>;
}
