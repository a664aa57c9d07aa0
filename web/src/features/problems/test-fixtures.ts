import type { TOrganization, TProblem, TSession } from '@hamandishi/contracts';

/** Fixtures shared by the problem feature's component tests. */
export const ORG: TOrganization = {
  id: '0a000000-0000-4000-8000-000000000001',
  slug: 'isfahan',
  name: { fa: 'شهرداری اصفهان' },
  defaultLocale: 'fa',
  status: 'active',
  mapCenter: { lat: 32.65, lng: 51.67 },
  mapZoom: 12,
  branding: { logoUrl: null, primaryColor: '#0f766e', accentColor: '#1d4ed8' },
  locales: ['fa', 'ar', 'en'],
  signInMethods: ['mobile_code', 'email'],
  welcomeHtml: {},
  districts: [{ id: '0d000000-0000-4000-8000-000000000001', number: 1, name: { fa: 'منطقه یک' }, boundary: null }],
  themes: [
    { id: '07000000-0000-4000-8000-000000000001', parentId: null, slug: 'transport', name: { fa: 'حمل‌ونقل' }, position: 0, colour: '#607d8b', icon: 'transport', isArchived: false },
    { id: '07000000-0000-4000-8000-000000000002', parentId: '07000000-0000-4000-8000-000000000001', slug: 'sidewalks', name: { fa: 'پیاده‌رو' }, position: 1, colour: '#607d8b', icon: 'tag', isArchived: false },
  ],
};

export const ACCOUNT_ID = '0b7e5c57-2d0c-4f5e-9d9c-8d1f0a6c1e11';

/** A signed-in citizen of ORG. */
export const CITIZEN_SESSION: TSession = {
  account: {
    id: ACCOUNT_ID,
    displayName: 'مریم',
    mobile: '09120000000',
    email: null,
    locale: 'fa',
    isSuperadmin: false,
    demographicsConsent: false,
    ageBand: null,
    gender: null,
    createdAt: '2026-01-01T00:00:00.000Z',
  },
  memberships: [{ organizationId: ORG.id, organizationSlug: ORG.slug, roles: ['citizen'], districtId: null }],
  csrfToken: 'csrf-1',
};

export const PROBLEM: TProblem = {
  id: '0e000000-0000-4000-8000-000000000001',
  title: 'چاله در پیاده‌روی خیابان چهارباغ',
  status: 'submitted',
  themeId: ORG.themes[1].id,
  districtId: ORG.districts[0].id,
  location: { lat: 32.65, lng: 51.67 },
  capacity: 'citizen',
  supportCount: 3,
  commentCount: 0,
  thumbUrl: null,
  createdAt: '2026-04-01T08:00:00.000Z',
  description: 'یک چالهٔ بزرگ کنار ایستگاه اتوبوس.',
  activityId: '0f000000-0000-4000-8000-000000000001',
  planId: '0f000000-0000-4000-8000-000000000002',
  stageId: '0f000000-0000-4000-8000-000000000003',
  author: null,
  onBehalfOf: null,
  photos: [],
  committeeId: null,
  mergedIntoId: null,
  statusReason: null,
  statusHistory: [],
  isHidden: false,
  isSupported: false,
  canSupport: true,
  cannotSupportReason: null,
};
