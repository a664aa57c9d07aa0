import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { TOrganization, TSession } from '@hamandishi/contracts';
import OrganizationLayout from '@/features/organizations/pages/organization-layout';
import SignUpPage from './sign-up-page';
import { mockFetch, renderRoutes } from '../../../../test/render';
import { organizationFixture } from '../../../../test/fixtures';

const isfahan: TOrganization = organizationFixture();
const signedOut: TSession = { account: null, memberships: [], csrfToken: 'csrf-123' };
const signedIn: TSession = {
  account: {
    id: '0b7e5c57-2d0c-4f5e-9d9c-8d1f0a6c1e11',
    displayName: 'سارا',
    mobile: null,
    email: 'sara@example.org',
    locale: 'fa',
    isSuperadmin: false,
    demographicsConsent: false,
    ageBand: null,
    gender: null,
    createdAt: '2024-06-06T08:00:00Z',
  },
  memberships: [],
  csrfToken: 'csrf-456',
};

function renderSignUp() {
  return renderRoutes(
    [
      {
        path: '/:slug',
        element: <OrganizationLayout />,
        children: [
          { index: true, element: <p>home of the municipality</p> },
          { path: 'sign-up', element: <SignUpPage /> },
        ],
      },
    ],
    '/isfahan/sign-up',
  );
}

function callsTo(fetchMock: jest.Mock, method: string, path: string) {
  return fetchMock.mock.calls.filter(([url, init]) => url === path && (init?.method ?? 'GET') === method);
}

async function fillEmailForm(user: ReturnType<typeof userEvent.setup>) {
  await user.click(await screen.findByRole('tab', { name: 'ایمیل و گذرواژه' }));
  await user.type(screen.getByLabelText('نام نمایشی'), 'سارا');
  await user.type(screen.getByLabelText('ایمیل', { exact: true }), 'sara@example.org');
  await user.type(screen.getByLabelText('گذرواژه', { exact: true }), 'correct horse battery');
  await user.click(screen.getByRole('button', { name: 'ثبت‌نام' }));
}

describe('sign-up with e-mail and password', () => {
  it('asks for the code from the e-mail (saying a registered address gets a notice instead), then signs in', async () => {
    const user = userEvent.setup();
    const fetchMock = mockFetch({
      'GET /api/orgs/isfahan': { status: 200, body: isfahan },
      'GET /api/auth/session': { status: 200, body: signedOut, setCookie: 'hm_csrf=csrf-123' },
      'POST /api/auth/email/sign-up': {
        status: 202,
        body: { maskedEmail: 's***@example.org', expiresInSeconds: 300, resendInSeconds: 60 },
      },
      'POST /api/auth/email/sign-up/verify': { status: 201, body: signedIn },
    });
    renderSignUp();
    await fillEmailForm(user);

    const code = await screen.findByRole('textbox', { name: 'کد یکبار مصرف' });
    expect(screen.getByText(/ایمیلی به .*s\*\*\*@example\.org.* فرستادیم/)).toHaveTextContent('راهنمای ورود');
    expect(screen.getByRole('button', { name: /ارسال دوباره کد تا ۶۰ ثانیه دیگر/ })).toBeDisabled();
    const [[, signUpInit]] = callsTo(fetchMock, 'POST', '/api/auth/email/sign-up');
    expect(JSON.parse(String(signUpInit.body))).toEqual({
      email: 'sara@example.org',
      password: 'correct horse battery',
      displayName: 'سارا',
      organization: 'isfahan',
    });

    await user.type(code, '۱۲۳۴۵۶');
    await user.click(screen.getByRole('button', { name: 'تأیید و ثبت‌نام' }));
    expect(await screen.findByText('home of the municipality')).toBeInTheDocument();
    const [[, verifyInit]] = callsTo(fetchMock, 'POST', '/api/auth/email/sign-up/verify');
    expect(JSON.parse(String(verifyInit.body))).toEqual({
      email: 'sara@example.org',
      code: '123456',
      organization: 'isfahan',
    });
  });

  it('shows a wrong code translated and keeps the person on the code step', async () => {
    const user = userEvent.setup();
    mockFetch({
      'GET /api/orgs/isfahan': { status: 200, body: isfahan },
      'GET /api/auth/session': { status: 200, body: signedOut, setCookie: 'hm_csrf=csrf-123' },
      'POST /api/auth/email/sign-up': {
        status: 202,
        body: { maskedEmail: 's***@example.org', expiresInSeconds: 300, resendInSeconds: 0 },
      },
      'POST /api/auth/email/sign-up/verify': {
        status: 400,
        body: { code: 'identity.code_invalid', message: 'wrong code' },
      },
    });
    renderSignUp();
    await fillEmailForm(user);
    await user.type(await screen.findByRole('textbox', { name: 'کد یکبار مصرف' }), '000000');
    await user.click(screen.getByRole('button', { name: 'تأیید و ثبت‌نام' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('کد وارد شده درست نیست.');
    expect(screen.getByRole('button', { name: 'تغییر ایمیل' })).toBeInTheDocument();
  });
});
