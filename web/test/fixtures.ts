import type { TOrganization, TSession } from '@hamandishi/contracts';

type TAccount = NonNullable<TSession['account']>;

/** A complete municipality for component tests (Isfahan, every language and sign-in method, no districts or themes); override what the test is about. */
export function organizationFixture(overrides: Partial<TOrganization> = {}): TOrganization {
  return {
    id: '6f1c1f5e-8a55-4a0a-9a37-3a0f1c2b4d01',
    slug: 'isfahan',
    name: { fa: 'شهرداری اصفهان', en: 'Isfahan Municipality' },
    defaultLocale: 'fa',
    status: 'active',
    mapCenter: { lat: 32.65, lng: 51.67 },
    mapZoom: 12,
    branding: { logoUrl: null, primaryColor: '#0f766e', accentColor: '#1d4ed8' },
    locales: ['fa', 'ar', 'en'],
    signInMethods: ['mobile_code', 'email'],
    welcomeHtml: {},
    districts: [],
    themes: [],
    ...overrides,
  };
}

/** A signed-in person for component tests (a citizen with a mobile, no superadmin); override what the test is about. */
export function accountFixture(overrides: Partial<TAccount> = {}): TAccount {
  return {
    id: '0b7e5c57-2d0c-4f5e-9d9c-8d1f0a6c1e11',
    displayName: 'مریم',
    mobile: '+989123456789',
    email: null,
    locale: 'fa',
    isSuperadmin: false,
    demographicsConsent: false,
    ageBand: null,
    gender: null,
    createdAt: '2024-06-06T08:00:00Z',
    ...overrides,
  };
}
