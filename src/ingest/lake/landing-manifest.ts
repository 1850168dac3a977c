/** What the lake records beside every landing file. */
export interface LandingManifest {
  service: string;
  stream: string;
  file: string;
  originalName: string;
  sha256: string;
  sizeBytes: number;
  extractedAt: string;
  extractorVersion: string;
  origin: string;
}

export const MANIFEST_SUFFIX = '.manifest.json';
