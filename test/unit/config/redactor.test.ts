import { loadConfig } from '../../../src/config/config';
import { Redactor } from '../../../src/config/redactor';

describe('Redactor', () => {
  const config = loadConfig({
    TOOLOST_PASSWORD: 'pa55-word-of-toolost',
    TOOLOST_TOTP_SECRET: 'JBSWY3DPEHPK3PXP',
    META_ACCESS_TOKEN: 'EAAGsecretTokenValue123',
    SESSION_KEY: 'ab'.repeat(32),
    NOTIFY_WEBHOOK_URL: 'https://hooks.example/services/T0/B0/xyz',
  });
  const r = Redactor.fromConfig(config);

  it('removes every configured secret wherever it appears', () => {
    const text = `login with pa55-word-of-toolost, seed JBSWY3DPEHPK3PXP, token EAAGsecretTokenValue123, key ${'ab'.repeat(32)}, hook https://hooks.example/services/T0/B0/xyz`;
    const out = r.redact(text);
    for (const secret of ['pa55-word-of-toolost', 'JBSWY3DPEHPK3PXP', 'EAAGsecretTokenValue123', 'ab'.repeat(32), 'hooks.example/services'])
      expect(out).not.toContain(secret);
    expect(out.match(/\[redacted\]/g)).toHaveLength(5);
  });

  it('removes token-shaped text it was not told about', () => {
    expect(r.redact('GET /v19.0/act_1/insights?access_token=EAAother&limit=5')).toBe(
      'GET /v19.0/act_1/insights?access_token=[redacted]&limit=5',
    );
    expect(r.redact('Authorization: Bearer abc.def-ghi')).toBe('Authorization: Bearer [redacted]');
    expect(r.redact('cookie jwt_token=eyJhbGciOi.x.y; laravel_session=zzz')).toBe(
      'cookie jwt_token=[redacted]; laravel_session=[redacted]',
    );
    expect(r.redact('token lat_0123456789abcdefXYZ')).toBe('token [redacted]');
  });

  it('leaves ordinary text alone', () => {
    const text = 'run #12 failed (LOGIN_FAILED): errorCode=LOGIN_FAILED on https://toolost.com/login';
    expect(r.redact(text)).toBe(text);
  });
});
