import { type AppConfig, SECRET_VARIABLES } from './config';

/** Token-shaped text that must never be stored or shown, whatever its source. */
const PATTERNS: Array<[RegExp, string]> = [
  [/\b(access_token|input_token|token|password|secret|code)=([^&\s"']+)/gi, '$1=[redacted]'],
  [/\bBearer\s+[A-Za-z0-9._~+/=-]+/g, 'Bearer [redacted]'],
  [/\blat_[A-Za-z0-9_-]{10,}/g, '[redacted]'],
  [/\b(jwt_token|laravel_session|XSRF-TOKEN|sessionid|sid)=([^;\s"']+)/gi, '$1=[redacted]'],
];

/**
 * Removes the configured secrets (passwords, TOTP seeds, tokens, the session key, the webhook
 * URL) and token-shaped text from a message before it reaches the run ledger, a log or GraphQL.
 */
export class Redactor {
  private readonly secrets: string[];

  constructor(secrets: Array<string | undefined>) {
    // Longest first, so a secret containing another is replaced whole.
    this.secrets = [...new Set(secrets.filter((s): s is string => !!s && s.length >= 4))].sort((a, b) => b.length - a.length);
  }

  static fromConfig(config: AppConfig, env: Record<string, string | undefined> = {}): Redactor {
    const e = config.extractors;
    return new Redactor([
      e.toolost.password,
      e.toolost.totpSecret,
      e.distrokid.password,
      e.distrokid.totpSecret,
      e.spotify.password,
      e.tiktok.password,
      e.linktree.password,
      e.meta_ads.accessToken,
      config.notifyWebhookUrl,
      config.sessions.key?.toString('hex'),
      config.sessions.key?.toString('base64'),
      ...SECRET_VARIABLES.map((v) => env[v]),
    ]);
  }

  redact(text: string): string {
    let out = text;
    for (const secret of this.secrets) out = out.split(secret).join('[redacted]');
    for (const [re, replacement] of PATTERNS) out = out.replace(re, replacement);
    return out;
  }
}
