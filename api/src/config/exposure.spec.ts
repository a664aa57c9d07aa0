import { loadEnv } from './env';
import { exposureWarnings } from './exposure';

describe('what a server exposes to the network', () => {
  it('listens on 127.0.0.1 unless HOST says otherwise', () => {
    expect(loadEnv({}).HOST).toBe('127.0.0.1');
    expect(loadEnv({ HOST: '0.0.0.0' }).HOST).toBe('0.0.0.0');
  });

  it('says nothing for a loopback host', () => {
    for (const HOST of ['127.0.0.1', '::1', 'localhost'])
      expect(exposureWarnings(loadEnv({ HOST, SEED_DEMO: 'true' }), true)).toEqual([]);
  });

  it('names the codes, the outbox and the demo superadmin when listening on every interface without SMS', () => {
    const lines = exposureWarnings(loadEnv({ HOST: '0.0.0.0', SEED_DEMO: 'true' }), true).join('\n');
    expect(lines).toContain('HOST=0.0.0.0');
    expect(lines).toContain('one-time sign-in codes are not sent');
    expect(lines).toContain('/api/dev/outbox');
    expect(lines).toContain('superadmin');
  });

  it('is quiet once a real SMS provider and e-mail are configured and the demo is off', () => {
    const env = loadEnv({
      HOST: '0.0.0.0',
      SMS_PROVIDER: 'http',
      SMS_HTTP_URL: 'https://sms.example.ir/send',
      SMTP_URL: 'smtp://u:p@mail.example.ir:587',
    });
    expect(exposureWarnings(env, false)).toEqual([]);
  });
});
