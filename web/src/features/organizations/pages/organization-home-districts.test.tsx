import { screen, within } from '@testing-library/react';
import { Outlet } from 'react-router';
import type { TOrganization } from '@hamandishi/contracts';
import { ORG } from '@/features/problems/test-fixtures';
import { mockFetch, renderRoutes } from '../../../../test/render';
import OrganizationHomePage from './organization-home-page';

const organization: TOrganization = {
  ...ORG,
  districts: [
    { id: '0d000000-0000-4000-8000-000000000001', number: 1, name: { fa: 'منطقه ۱' }, boundary: null },
    { id: '0d000000-0000-4000-8000-000000000003', number: 3, name: { fa: 'جلفا' }, boundary: null },
  ],
};

describe('the districts on the home page', () => {
  it('name a district once when its name is its number, and give the number beside a proper name', async () => {
    mockFetch({
      'GET /api/auth/session': { status: 200, body: { account: null, memberships: [], csrfToken: null } },
      'GET /api/orgs/isfahan/plans': { status: 200, body: [] },
    });
    renderRoutes(
      [
        {
          path: '/:slug',
          element: <Outlet context={{ organization }} />,
          children: [{ index: true, element: <OrganizationHomePage /> }],
        },
      ],
      '/isfahan',
    );
    const section = screen.getByRole('heading', { level: 2, name: 'مناطق شهرداری' }).closest('section') as HTMLElement;
    const items = within(section).getAllByRole('listitem');
    expect(items[0]).toHaveTextContent(/^منطقه ۱$/);
    expect(items[1]).toHaveTextContent('منطقه ۳جلفا');
  });
});
