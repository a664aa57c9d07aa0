import type { TOrganization } from '@hamandishi/contracts';

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
