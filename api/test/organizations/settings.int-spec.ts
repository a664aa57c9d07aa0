import sharp from 'sharp';
import { buildOrganization, type BuiltOrganization } from '../factories/organization.factory';
import { grantRoles, lastCode, newMobile, newSignedInPerson, signInByMobile, signUpByEmail } from '../identity/identity-helpers';
import { startTestApp, type TestApp } from '../support/test-app';
import { TestClient } from '../support/test-client';

const GPS = { GPSLatitudeRef: 'N', GPSLatitude: '32/1 39/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '51/1 40/1 0/1' };

/** A logo photographed with a phone: EXIF camera make and a GPS position. */
function logoWithMetadata(): Promise<Buffer> {
  return sharp({ create: { width: 800, height: 400, channels: 3, background: { r: 15, g: 92, b: 138 } } })
    .jpeg()
    .withExif({ IFD0: { Make: 'Canon', Model: 'EOS Secret Body' }, IFD3: GPS })
    .toBuffer();
}

function validSettings(overrides: Record<string, unknown> = {}) {
  return {
    name: { fa: 'شهرداری نمونه', ar: 'بلدية نموذجية', en: 'Sample municipality' },
    primaryColor: '#1D4ED8',
    accentColor: '#9a3412',
    welcome: { fa: 'به **طرح جامع** خوش آمدید', en: 'Welcome to the *plan*' },
    about: { fa: 'دربارهٔ طرح\n\n- هدف یک\n- هدف دو' },
    terms: { fa: 'شرایط استفاده' },
    privacy: { fa: 'حریم خصوصی', en: 'Privacy' },
    signInMethods: ['mobile_code', 'email'],
    locales: ['fa', 'en'],
    ...overrides,
  };
}

describe('organisation settings and pages', () => {
  let t: TestApp;
  let org: BuiltOrganization;
  let admin: Awaited<ReturnType<typeof newSignedInPerson>>;

  beforeAll(async () => {
    t = await startTestApp();
    org = await buildOrganization(t.db);
    admin = await newSignedInPerson(t.url, { displayName: 'مدیر شهر' });
    await grantRoles(t.db, org.id, admin.accountId, ['citizen', 'admin']);
  });
  afterAll(() => t.close());

  const auditCount = async (orgId: string, action: string) =>
    (
      await t.db.query(`SELECT count(*)::int AS n FROM audit_entry WHERE organization_id = $1 AND action = $2`, [
        orgId,
        action,
      ])
    )[0].n as number;

  it('starts from defaults, and what the admin saves is what everyone sees', async () => {
    const before = await new TestClient(t.url).get(`/api/orgs/${org.slug}`);
    expect(before.status).toBe(200);
    expect(before.body.signInMethods).toEqual(['mobile_code', 'email']);
    expect(before.body.locales).toEqual(['fa', 'ar', 'en']);
    expect(before.body.branding.logoUrl).toBeNull();

    const saved = await admin.client.put(`/api/orgs/${org.slug}/settings`, validSettings());
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ primaryColor: '#1d4ed8', locales: ['fa', 'en'], defaultLocale: 'fa' });
    expect((await admin.client.get(`/api/orgs/${org.slug}/settings`)).body.about.fa).toContain('هدف یک');

    const visitor = new TestClient(t.url);
    const pub = await visitor.get(`/api/orgs/${org.slug}`);
    expect(pub.body.name).toEqual({ fa: 'شهرداری نمونه', ar: 'بلدية نموذجية', en: 'Sample municipality' });
    expect(pub.body.branding).toEqual({ logoUrl: null, primaryColor: '#1d4ed8', accentColor: '#9a3412' });
    expect(pub.body.locales).toEqual(['fa', 'en']);
    expect(pub.body.welcomeHtml.fa).toBe('<p>به <strong>طرح جامع</strong> خوش آمدید</p>');
    expect(pub.body.welcomeHtml.en).toBe('<p>Welcome to the <em>plan</em></p>');
    // the listing shows the new name too
    const listed = (await visitor.get('/api/orgs')).body.find((o: { slug: string }) => o.slug === org.slug);
    expect(listed.name.fa).toBe('شهرداری نمونه');

    // cacheable: the same answer revalidates to 304
    const etag = pub.headers.get('etag')!;
    expect(etag).toBeTruthy();
    expect((await visitor.get(`/api/orgs/${org.slug}`, { headers: { 'if-none-match': etag } })).status).toBe(304);

    const about = await visitor.get(`/api/orgs/${org.slug}/pages/about?locale=fa`);
    expect(about.body).toEqual({ page: 'about', locale: 'fa', html: '<p>دربارهٔ طرح</p><ul><li>هدف یک</li><li>هدف دو</li></ul>' });
    // English privacy exists; English terms fall back to Persian
    expect((await visitor.get(`/api/orgs/${org.slug}/pages/privacy?locale=en`)).body).toMatchObject({
      locale: 'en',
      html: '<p>Privacy</p>',
    });
    expect((await visitor.get(`/api/orgs/${org.slug}/pages/terms?locale=en`)).body).toMatchObject({
      locale: 'fa',
      html: '<p>شرایط استفاده</p>',
    });
    expect((await visitor.get(`/api/orgs/${org.slug}/pages/secrets`)).status).toBe(404);
  });

  it('refuses bad input with the field named, and saves nothing', async () => {
    const city = await buildOrganization(t.db);
    const boss = await newSignedInPerson(t.url);
    await grantRoles(t.db, city.id, boss.accountId, ['admin']);
    const put = (body: unknown) => boss.client.put(`/api/orgs/${city.slug}/settings`, body);

    const pale = await put(validSettings({ primaryColor: '#ffcc00' }));
    expect(pale.status).toBe(400);
    expect(pale.body.fields).toEqual({ primaryColor: 'low_contrast' });
    const notHex = await put(validSettings({ accentColor: 'red' }));
    expect(notHex.body.fields).toEqual({ accentColor: 'invalid_format' });
    const noMethods = await put(validSettings({ signInMethods: [] }));
    expect(noMethods.status).toBe(400);
    expect(noMethods.body.fields).toHaveProperty('signInMethods');
    const unknownMethod = await put(validSettings({ signInMethods: ['carrier_pigeon'] }));
    expect(unknownMethod.status).toBe(400);
    const noDefault = await put(validSettings({ locales: ['en', 'ar'] }));
    expect(noDefault.status).toBe(400);
    expect(noDefault.body).toMatchObject({
      code: 'organizations.default_locale_not_offered',
      fields: { locales: 'default_locale_missing' },
    });

    const [row] = await t.db.query(`SELECT count(*)::int AS n FROM organization_settings WHERE organization_id = $1`, [
      city.id,
    ]);
    expect(row.n).toBe(0);
    const pub = await new TestClient(t.url).get(`/api/orgs/${city.slug}`);
    expect(pub.body.locales).toEqual(['fa', 'ar', 'en']);
    expect(pub.body.name.fa).toBe(`شهرداری ${city.slug}`);
    expect(await auditCount(city.id, 'organization.settings_updated')).toBe(0);
  });

  it('stores markdown as text and renders it safe', async () => {
    const attack = 'سلام <script>alert(1)</script> [x](javascript:alert(2)) <img src=x onerror=alert(3)>';
    const res = await admin.client.put(
      `/api/orgs/${org.slug}/settings`,
      validSettings({ welcome: { fa: attack }, about: { fa: attack } }),
    );
    expect(res.status).toBe(200);
    const pub = await new TestClient(t.url).get(`/api/orgs/${org.slug}`);
    const about = await new TestClient(t.url).get(`/api/orgs/${org.slug}/pages/about`);
    for (const html of [pub.body.welcomeHtml.fa as string, about.body.html as string]) {
      expect(html).not.toMatch(/<script|<img|href="javascript/i);
      expect(html).toContain('&lt;script&gt;');
    }
  });

  it('stores the logo re-encoded without metadata, serves it, and removes it', async () => {
    const original = await logoWithMetadata();
    expect((await sharp(original).metadata()).exif).toBeDefined();
    const up = await admin.client.rawBytes('POST', `/api/orgs/${org.slug}/settings/logo`, original, {
      'content-type': 'image/jpeg',
    });
    expect(up.status).toBe(200);
    const logoUrl: string = up.body.logoUrl;
    expect(logoUrl).toMatch(new RegExp(`^/api/orgs/${org.slug}/logo/[0-9a-f-]{36}$`));
    expect((await new TestClient(t.url).get(`/api/orgs/${org.slug}`)).body.branding.logoUrl).toBe(logoUrl);

    const served = await new TestClient(t.url).get(logoUrl);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/webp');
    const meta = await sharp(served.bytes).metadata();
    expect(meta.exif).toBeUndefined();
    expect(meta.xmp).toBeUndefined();
    expect(served.bytes.includes(Buffer.from('Canon'))).toBe(false);
    expect(Math.max(meta.width!, meta.height!)).toBeLessThanOrEqual(512);

    const notImage = await admin.client.rawBytes('POST', `/api/orgs/${org.slug}/settings/logo`, Buffer.from('<svg/>'), {
      'content-type': 'image/svg+xml',
    });
    expect(notImage.status).toBe(400);
    expect(notImage.body.code).toBe('organizations.logo_invalid');

    expect((await admin.client.delete(`/api/orgs/${org.slug}/settings/logo`)).status).toBe(204);
    expect((await new TestClient(t.url).get(logoUrl)).status).toBe(404);
    expect((await new TestClient(t.url).get(`/api/orgs/${org.slug}`)).body.branding.logoUrl).toBeNull();
    expect(await auditCount(org.id, 'organization.logo_uploaded')).toBe(1);
    expect(await auditCount(org.id, 'organization.logo_removed')).toBe(1);
  });

  it('audits each save with its before and after', async () => {
    const city = await buildOrganization(t.db);
    const boss = await newSignedInPerson(t.url);
    await grantRoles(t.db, city.id, boss.accountId, ['admin']);
    await boss.client.put(`/api/orgs/${city.slug}/settings`, validSettings({ locales: ['fa'] }));
    const log = await boss.client.get(`/api/orgs/${city.slug}/audit?entityType=organization`);
    expect(log.status).toBe(200);
    const entry = log.body.items.find((e: { action: string }) => e.action === 'organization.settings_updated');
    expect(entry.actor.id).toBe(boss.accountId);
    expect(entry.before).toMatchObject({ name: { fa: `شهرداری ${city.slug}` }, locales: ['fa', 'ar', 'en'] });
    expect(entry.after).toMatchObject({ name: { fa: 'شهرداری نمونه' }, locales: ['fa'], primaryColor: '#1d4ed8' });
  });

  it('is for admins of that municipality only (403 for others, another admin cannot touch it)', async () => {
    const citizen = await newSignedInPerson(t.url, { organization: org.slug });
    const refused = await citizen.client.put(`/api/orgs/${org.slug}/settings`, validSettings());
    expect(refused.status).toBe(403);
    expect((await citizen.client.get(`/api/orgs/${org.slug}/settings`)).status).toBe(403);
    expect(
      (
        await citizen.client.rawBytes('POST', `/api/orgs/${org.slug}/settings/logo`, await logoWithMetadata(), {
          'content-type': 'image/jpeg',
        })
      ).status,
    ).toBe(403);
    expect((await new TestClient(t.url).get(`/api/orgs/${org.slug}/settings`)).status).toBe(401);

    const other = await buildOrganization(t.db);
    const otherAdmin = await newSignedInPerson(t.url);
    await grantRoles(t.db, other.id, otherAdmin.accountId, ['admin']);
    expect((await otherAdmin.client.get(`/api/orgs/${org.slug}/settings`)).status).toBe(403);
    const foreign = await otherAdmin.client.put(
      `/api/orgs/${org.slug}/settings`,
      validSettings({ name: { fa: 'ربوده‌شده' } }),
    );
    expect(foreign.status).toBe(403);
    expect((await otherAdmin.client.delete(`/api/orgs/${org.slug}/settings/logo`)).status).toBe(403);
    expect((await new TestClient(t.url).get(`/api/orgs/${org.slug}`)).body.name.fa).not.toBe('ربوده‌شده');
    // saving their own municipality leaves this one alone
    await otherAdmin.client.put(`/api/orgs/${other.slug}/settings`, validSettings({ primaryColor: '#000000' }));
    expect((await new TestClient(t.url).get(`/api/orgs/${org.slug}`)).body.branding.primaryColor).not.toBe('#000000');
  });

  it('lets a superadmin edit any municipality’s settings', async () => {
    const city = await buildOrganization(t.db);
    const root = await newSignedInPerson(t.url);
    await t.db.query(`UPDATE account SET is_superadmin = true WHERE id = $1`, [root.accountId]);
    const res = await root.client.put(`/api/orgs/${city.slug}/settings`, validSettings({ name: { fa: 'شهرداری تازه' } }));
    expect(res.status).toBe(200);
    expect((await new TestClient(t.url).get(`/api/orgs/${city.slug}`)).body.name.fa).toBe('شهرداری تازه');
  });

  it('refuses a sign-in method the municipality does not allow', async () => {
    const city = await buildOrganization(t.db);
    const boss = await newSignedInPerson(t.url);
    await grantRoles(t.db, city.id, boss.accountId, ['admin']);
    const res = await boss.client.put(`/api/orgs/${city.slug}/settings`, validSettings({ signInMethods: ['mobile_code'] }));
    expect(res.status).toBe(200);
    expect((await new TestClient(t.url).get(`/api/orgs/${city.slug}`)).body.signInMethods).toEqual(['mobile_code']);

    const visitor = new TestClient(t.url);
    const signUp = await visitor.post('/api/auth/email/sign-up', {
      email: `someone-${Date.now()}@example.org`,
      password: 'a-long-password-1',
      displayName: 'رهگذر',
      organization: city.slug,
    });
    expect(signUp.status).toBe(403);
    expect(signUp.body.code).toBe('identity.sign_in_method_disabled');
    const signIn = await visitor.post('/api/auth/email/sign-in', {
      email: 'nobody@example.org',
      password: 'whatever-password',
      organization: city.slug,
    });
    expect(signIn.body.code).toBe('identity.sign_in_method_disabled');

    // mobile is allowed here; without a municipality e-mail still works
    const byMobile = await signInByMobile(new TestClient(t.url), newMobile(), { displayName: 'همراه', organization: city.slug });
    expect(byMobile.status).toBe(200);
    const email = `free-${Date.now()}@example.org`;
    await signUpByEmail(new TestClient(t.url), { email, password: 'a-long-password-1', displayName: 'آزاد' });

    await boss.client.put(`/api/orgs/${city.slug}/settings`, validSettings({ signInMethods: ['email'] }));
    const client = new TestClient(t.url);
    const mobile = newMobile();
    // refused before any SMS is sent when the municipality is named
    const early = await client.post('/api/auth/code', { mobile, organization: city.slug });
    expect(early.body.code).toBe('identity.sign_in_method_disabled');
    expect((await client.get(`/api/dev/outbox?recipient=${encodeURIComponent(mobile)}`)).body).toEqual([]);
    await client.post('/api/auth/code', { mobile });
    const refused = await client.post('/api/auth/code/verify', {
      mobile,
      code: await lastCode(client, mobile),
      displayName: 'همراه',
      organization: city.slug,
    });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('identity.sign_in_method_disabled');
  });
});
