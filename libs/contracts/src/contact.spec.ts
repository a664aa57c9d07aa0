import { ZContact } from './contact';
import { ZCreateInvitation } from './invitations';
import { isTimeZone, ZCreatePlatformOrganization } from './platform';

describe('ZContact: one field for a mobile or an e-mail', () => {
  it('normalises a mobile typed in Persian digits to E.164', () => {
    expect(ZContact.parse('۰۹۱۲ ۳۴۵ ۶۷۸۹')).toEqual({ channel: 'sms', contact: '+989123456789' });
  });

  it('lower-cases an e-mail', () => {
    expect(ZContact.parse(' Sara@Example.ORG ')).toEqual({ channel: 'email', contact: 'sara@example.org' });
  });

  it('refuses what is neither', () => {
    for (const value of ['12345', 'sara@', 'نام', '09123']) expect(ZContact.safeParse(value).success).toBe(false);
  });
});

describe('platform and invitation schemas', () => {
  it('knows IANA time zones', () => {
    expect(isTimeZone('Asia/Tehran')).toBe(true);
    expect(isTimeZone('UTC')).toBe(true);
    expect(isTimeZone('Mars/Olympus_Mons')).toBe(false);
  });

  it("reserves the app's own paths as slugs", () => {
    const base = {
      name: { fa: 'همدان' },
      defaultLocale: 'fa',
      mapCenter: { lat: 34.8, lng: 48.5 },
      mapZoom: 12,
      contactEmail: null,
      timeZone: 'Asia/Tehran',
      firstAdmin: '09123456789',
    };
    expect(ZCreatePlatformOrganization.safeParse({ ...base, slug: 'hamedan' }).success).toBe(true);
    expect(ZCreatePlatformOrganization.safeParse({ ...base, slug: 'platform' }).success).toBe(false);
  });

  it('needs a district for a manager, and defaults the expiry to 7 days', () => {
    const manager = ZCreateInvitation.safeParse({ contact: '09123456789', roles: ['manager'] });
    expect(manager.success).toBe(false);
    expect(manager.error?.issues[0].path).toEqual(['districtId']);
    expect(ZCreateInvitation.parse({ contact: '09123456789', roles: ['planner'] }).expiresInDays).toBe(7);
  });
});
