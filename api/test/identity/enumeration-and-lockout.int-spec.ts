import { randomBytes } from 'node:crypto';
import { startTestApp, type TestApp } from '../support/test-app';
import { TestClient } from '../support/test-client';
import { ageCodes, e164, lastCode, newMobile, signInByMobile, signUpByEmail } from './identity-helpers';

const newEmail = () => `p.${randomBytes(4).toString('hex')}@example.org`;
const PASSWORD = 'correct horse battery';
/** Requests as if from another network address (the app trusts X-Forwarded-For here, as behind Caddy). */
const from = (address: string) => ({ headers: { 'x-forwarded-for': address } });

/** What a response shows an outsider: status, code, message and the body's shape. */
const face = (res: { status: number; body: any }) => ({
  status: res.status,
  code: res.body?.code,
  message: res.body?.message,
  keys:
    res.body && typeof res.body === 'object'
      ? Object.keys(res.body)
          .filter((k) => k !== 'requestId')
          .sort()
      : [],
});

describe('sign-in answers do not reveal accounts, and lockout is per client', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ TRUST_PROXY: 'true' });
  });
  afterAll(() => t.close());

  it('answers wrong passwords for an existing and an unknown e-mail identically, lockout included', async () => {
    const known = newEmail();
    await signUpByEmail(new TestClient(t.url), { email: known, password: PASSWORD, displayName: 'Sara' });
    const answers = async (email: string, address: string) => {
      const client = new TestClient(t.url);
      const out = [];
      for (let i = 0; i < 6; i++)
        out.push(face(await client.post('/api/auth/email/sign-in', { email, password: `guess ${i}` }, from(address))));
      return out;
    };
    const forKnown = await answers(known, '198.51.100.1');
    const forUnknown = await answers(newEmail(), '198.51.100.2');
    expect(forKnown.map((a) => a.status)).toEqual([401, 401, 401, 401, 423, 423]);
    expect(forUnknown).toEqual(forKnown);
  });

  it('lets the owner in with the right password from another client while the guesser is locked out', async () => {
    const email = newEmail();
    await signUpByEmail(new TestClient(t.url), { email, password: PASSWORD, displayName: 'Sara' });
    const attacker = new TestClient(t.url);
    for (let i = 0; i < 6; i++)
      await attacker.post('/api/auth/email/sign-in', { email, password: `guess ${i}` }, from('203.0.113.5'));
    expect(
      (await attacker.post('/api/auth/email/sign-in', { email, password: PASSWORD }, from('203.0.113.5'))).status,
    ).toBe(423);

    const owner = await new TestClient(t.url).post(
      '/api/auth/email/sign-in',
      { email, password: PASSWORD },
      from('198.51.100.77'),
    );
    expect(owner.status).toBe(200);
    expect(owner.body.account.email).toBe(email);
  });

  it("lets the owner's own browser in even from the guesser's address (shared Wi-Fi)", async () => {
    const email = newEmail();
    const owner = new TestClient(t.url);
    await signUpByEmail(owner, { email, password: PASSWORD, displayName: 'Sara' });
    expect(owner.cookies.has('hm_device')).toBe(true);
    await owner.post('/api/auth/sign-out', undefined, from('192.0.2.50'));

    const attacker = new TestClient(t.url);
    for (let i = 0; i < 6; i++)
      await attacker.post('/api/auth/email/sign-in', { email, password: `guess ${i}` }, from('192.0.2.50'));
    // a fresh device cookie earns nothing: only one that once came with the right password does
    attacker.cookies.set('hm_device', randomBytes(24).toString('base64url'));
    expect(
      (await attacker.post('/api/auth/email/sign-in', { email, password: PASSWORD }, from('192.0.2.50'))).status,
    ).toBe(423);

    const back = await owner.post('/api/auth/email/sign-in', { email, password: PASSWORD }, from('192.0.2.50'));
    expect(back.status).toBe(200);
  });

  it('counts an IPv6 /64 as one client for lockout', async () => {
    const email = newEmail();
    await signUpByEmail(new TestClient(t.url), { email, password: PASSWORD, displayName: 'Sara' });
    const statuses: number[] = [];
    for (let i = 1; i <= 6; i++) {
      const res = await new TestClient(t.url).post(
        '/api/auth/email/sign-in',
        { email, password: `guess ${i}` },
        from(`2001:db8:7:7::${i.toString(16)}`),
      );
      statuses.push(res.status);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 423, 423]);
    expect(
      (
        await new TestClient(t.url).post(
          '/api/auth/email/sign-in',
          { email, password: PASSWORD },
          from('2001:db8:7:8::1'),
        )
      ).status,
    ).toBe(200);
  });

  it('answers a sign-up with a taken e-mail like a new one, tells the owner, and changes nothing', async () => {
    const taken = newEmail();
    const first = await signUpByEmail(new TestClient(t.url), { email: taken, password: PASSWORD, displayName: 'Sara' });
    const fresh = newEmail();
    // past the resend wait of the owner's own sign-up a minute ago
    await t.db.query(`UPDATE one_time_code SET created_at = created_at - interval '2 minutes' WHERE recipient = $1`, [
      taken,
    ]);
    const forTaken = await new TestClient(t.url).post('/api/auth/email/sign-up', {
      email: taken,
      password: 'another password',
      displayName: 'Eve',
    });
    const forFresh = await new TestClient(t.url).post('/api/auth/email/sign-up', {
      email: fresh,
      password: 'another password',
      displayName: 'Eve',
    });
    expect(forTaken.status).toBe(202);
    expect(face(forTaken)).toEqual(face(forFresh));
    expect(forTaken.body.maskedEmail).toBe('p***@example.org');
    expect(forTaken.body.maskedEmail).toBe(forFresh.body.maskedEmail);

    const outbox = await new TestClient(t.url).get(`/api/dev/outbox?recipient=${taken}`);
    expect(outbox.body[0].subject).toBe('شما پیش‌تر در هم‌اندیشی حساب دارید');
    expect(outbox.body[0].body).not.toMatch(/\d{6}/);

    // guessing a code for the taken address gets the same answers as for a new one, and no account
    const guess = await new TestClient(t.url).post('/api/auth/email/sign-up/verify', { email: taken, code: '123456' });
    const guessFresh = await new TestClient(t.url).post('/api/auth/email/sign-up/verify', {
      email: fresh,
      code: (await lastCode(new TestClient(t.url), fresh)) === '123456' ? '654321' : '123456',
    });
    expect(face(guess)).toEqual(face(guessFresh));
    const rows = await t.db.query(`SELECT id, display_name FROM account WHERE email = $1`, [taken]);
    expect(rows).toEqual([{ id: first.body.account.id, display_name: 'Sara' }]);
    expect(
      (await new TestClient(t.url).post('/api/auth/email/sign-in', { email: taken, password: 'another password' }))
        .status,
    ).toBe(401);
    expect(
      (await new TestClient(t.url).post('/api/auth/email/sign-in', { email: taken, password: PASSWORD })).status,
    ).toBe(200);
  });

  it('answers code requests for a known and an unknown mobile identically', async () => {
    const known = newMobile();
    await signInByMobile(new TestClient(t.url), known);
    await ageCodes(t.db, known, 120);
    const a = await new TestClient(t.url).post('/api/auth/code', { mobile: known });
    const b = await new TestClient(t.url).post('/api/auth/code', { mobile: newMobile() });
    expect(face(a)).toEqual(face(b));
    expect(a.status).toBe(200);
  });

  it('locks wrong codes per client: the owner gets in from another address with a new code', async () => {
    const mobile = newMobile();
    await signInByMobile(new TestClient(t.url), mobile);
    await ageCodes(t.db, mobile, 120);
    const attacker = new TestClient(t.url);
    await attacker.post('/api/auth/code', { mobile }, from('203.0.113.66'));
    for (let i = 0; i < 5; i++)
      await attacker.post('/api/auth/code/verify', { mobile, code: `00000${i}` }, from('203.0.113.66'));
    await ageCodes(t.db, mobile, 120);
    expect((await attacker.post('/api/auth/code', { mobile }, from('203.0.113.66'))).status).toBe(423);
    const attackerVerify = await attacker.post(
      '/api/auth/code/verify',
      { mobile, code: '123456' },
      from('203.0.113.66'),
    );
    expect(attackerVerify.status).toBe(423);

    const owner = new TestClient(t.url);
    expect((await owner.post('/api/auth/code', { mobile }, from('198.51.100.200'))).status).toBe(200);
    const code = await lastCode(owner, mobile);
    const signedIn = await owner.post('/api/auth/code/verify', { mobile, code }, from('198.51.100.200'));
    expect(signedIn.status).toBe(200);
    expect(signedIn.body.account.mobile).toBe(e164(mobile));
  });
});
