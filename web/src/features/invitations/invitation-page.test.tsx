import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { TInvitationPreview, TOrganization, TSession } from '@hamandishi/contracts';
import OrganizationLayout from '@/features/organizations/pages/organization-layout';
import InvitationPage from './invitation-page';
import { mockFetch, renderRoutes } from '../../../test/render';
import { accountFixture, organizationFixture } from '../../../test/fixtures';

const TOKEN = 'a'.repeat(43);
const hamedan: TOrganization = organizationFixture({
  slug: 'hamedan',
  name: { fa: 'همدان', en: 'Hamedan' },
  mapCenter: { lat: 34.8, lng: 48.5 },
});
const preview: TInvitationPreview = {
  organization: { id: hamedan.id, slug: 'hamedan', name: hamedan.name },
  roles: ['admin'],
  districtId: null,
  channel: 'sms',
  maskedContact: '+98912***6789',
  expiresAt: '2030-01-01T00:00:00Z',
};
const signedOut: TSession = { account: null, memberships: [], csrfToken: 'csrf-1' };
const signedIn: TSession = {
  account: accountFixture({ displayName: 'مدیر همدان' }),
  memberships: [],
  csrfToken: 'csrf-2',
};

function renderInvitation() {
  return renderRoutes(
    [
      {
        path: '/:slug',
        element: <OrganizationLayout />,
        children: [
          { index: true, element: <p>home of the municipality</p> },
          { path: 'admin', element: <p>administration area</p> },
          { path: 'sign-in', element: <p>sign-in page</p> },
          { path: 'invitations/:token', element: <InvitationPage /> },
        ],
      },
    ],
    `/hamedan/invitations/${TOKEN}`,
  );
}

describe('an invitation link', () => {
  it('explains the invitation and offers sign-in that comes back here', async () => {
    mockFetch({
      'GET /api/orgs/hamedan': { status: 200, body: hamedan },
      'GET /api/auth/session': { status: 200, body: signedOut, setCookie: 'hm_csrf=csrf-1' },
      [`GET /api/invitations/${TOKEN}`]: { status: 200, body: preview },
    });
    renderInvitation();
    expect(await screen.findByText('شما به «همدان» دعوت شده‌اید تا با این نقش‌ها همکاری کنید:')).toBeInTheDocument();
    expect(screen.getByText('مدیر شهرداری')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'ورود برای پذیرفتن' })).toHaveAttribute(
      'href',
      `/hamedan/sign-in?next=${encodeURIComponent(`/hamedan/invitations/${TOKEN}`)}`,
    );
    expect(screen.queryByRole('button', { name: 'می‌پذیرم' })).not.toBeInTheDocument();
  });

  it('says clearly when the link has expired', async () => {
    mockFetch({
      'GET /api/orgs/hamedan': { status: 200, body: hamedan },
      'GET /api/auth/session': { status: 200, body: signedIn, setCookie: 'hm_csrf=csrf-2' },
      [`GET /api/invitations/${TOKEN}`]: { status: 410, body: { code: 'invitations.expired', message: 'expired' } },
    });
    renderInvitation();
    expect(await screen.findByRole('alert')).toHaveTextContent('مهلت این دعوت‌نامه گذشته است');
  });

  it('accepts and takes an admin to the administration area', async () => {
    const user = userEvent.setup();
    mockFetch({
      'GET /api/orgs/hamedan': { status: 200, body: hamedan },
      'GET /api/auth/session': { status: 200, body: signedIn, setCookie: 'hm_csrf=csrf-2' },
      [`GET /api/invitations/${TOKEN}`]: { status: 200, body: preview },
      [`POST /api/invitations/${TOKEN}/accept`]: {
        status: 200,
        body: {
          membership: {
            organizationId: hamedan.id,
            organizationSlug: 'hamedan',
            roles: ['admin', 'citizen'],
            districtId: null,
          },
        },
      },
    });
    renderInvitation();
    await user.click(await screen.findByRole('button', { name: 'می‌پذیرم' }));
    expect(await screen.findByText('administration area')).toBeInTheDocument();
  });

  it('shows the mismatch when signed in with another number', async () => {
    const user = userEvent.setup();
    mockFetch({
      'GET /api/orgs/hamedan': { status: 200, body: hamedan },
      'GET /api/auth/session': { status: 200, body: signedIn, setCookie: 'hm_csrf=csrf-2' },
      [`GET /api/invitations/${TOKEN}`]: { status: 200, body: preview },
      [`POST /api/invitations/${TOKEN}/accept`]: {
        status: 403,
        body: { code: 'invitations.contact_mismatch', message: 'x' },
      },
    });
    renderInvitation();
    await user.click(await screen.findByRole('button', { name: 'می‌پذیرم' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('برای شماره همراه یا ایمیل دیگری فرستاده شده است');
  });
});

describe('a suspended municipality', () => {
  it('says so above every page', async () => {
    mockFetch({
      'GET /api/orgs/hamedan': { status: 200, body: { ...hamedan, status: 'suspended' } },
      'GET /api/auth/session': { status: 200, body: signedOut, setCookie: 'hm_csrf=csrf-1' },
    });
    renderRoutes(
      [{ path: '/:slug', element: <OrganizationLayout />, children: [{ index: true, element: <p>home</p> }] }],
      '/hamedan',
    );
    expect(await screen.findByRole('alert')).toHaveTextContent('این شهرداری معلق شده است');
    expect(screen.getByText('home')).toBeInTheDocument();
  });
});
