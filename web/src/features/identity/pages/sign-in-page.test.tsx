import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { TOrganization, TSession } from '@hamandishi/contracts';
import OrganizationLayout from '@/features/organizations/pages/organization-layout';
import SignInPage from './sign-in-page';
import { mockFetch, renderRoutes } from '../../../../test/render';
import { organizationFixture } from '../../../../test/fixtures';

const isfahan: TOrganization = organizationFixture();
const signedOut: TSession = { account: null, memberships: [], csrfToken: 'csrf-123' };
const signedIn: TSession = {
  account: {
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
  },
  memberships: [],
  csrfToken: 'csrf-456',
};

function renderSignIn() {
  return renderRoutes(
    [
      {
        path: '/:slug',
        element: <OrganizationLayout />,
        children: [
          { index: true, element: <p>home of the municipality</p> },
          { path: 'sign-in', element: <SignInPage /> },
        ],
      },
    ],
    '/isfahan/sign-in',
  );
}

function callsTo(fetchMock: jest.Mock, method: string, path: string) {
  return fetchMock.mock.calls.filter(([url, init]) => url === path && (init?.method ?? 'GET') === method);
}

describe('sign-in with mobile and one-time code', () => {
  it('shows a translated field error for a bad mobile number and sends nothing', async () => {
    const user = userEvent.setup();
    const fetchMock = mockFetch({
      'GET /api/orgs/isfahan': { status: 200, body: isfahan },
      'GET /api/auth/session': { status: 200, body: signedOut, setCookie: 'hm_csrf=csrf-123' },
    });
    renderSignIn();

    await screen.findByRole('heading', { level: 1, name: 'ورود به شهرداری اصفهان' });
    const mobile = screen.getByRole('textbox', { name: 'شماره همراه' });
    await user.type(mobile, '۰۹۱۲۳');
    await user.click(screen.getByRole('button', { name: 'دریافت کد' }));

    expect(await screen.findByText('شماره همراه درست نیست؛ مثلاً ۰۹۱۲۳۴۵۶۷۸۹ بنویسید.')).toBeInTheDocument();
    expect(mobile).toHaveAttribute('aria-invalid', 'true');
    expect(mobile).toHaveAccessibleDescription(expect.stringContaining('شماره همراه درست نیست'));
    expect(callsTo(fetchMock, 'POST', '/api/auth/code')).toHaveLength(0);
  });

  it('accepts Persian digits, sends the CSRF token, verifies the code and goes to the municipality', async () => {
    const user = userEvent.setup();
    const fetchMock = mockFetch({
      'GET /api/orgs/isfahan': { status: 200, body: isfahan },
      'GET /api/auth/session': { status: 200, body: signedOut, setCookie: 'hm_csrf=csrf-123' },
      'POST /api/auth/code': {
        status: 200,
        body: { maskedMobile: '+98912***6789', expiresInSeconds: 120, resendInSeconds: 60 },
      },
      'POST /api/auth/code/verify': { status: 200, body: signedIn },
    });
    renderSignIn();

    await user.type(await screen.findByRole('textbox', { name: 'شماره همراه' }), '۰۹۱۲ ۳۴۵ ۶۷۸۹');
    await user.click(screen.getByRole('button', { name: 'دریافت کد' }));

    const code = await screen.findByRole('textbox', { name: 'کد یکبار مصرف' });
    const [[, requestInit]] = callsTo(fetchMock, 'POST', '/api/auth/code');
    expect(JSON.parse(String(requestInit.body))).toEqual({ mobile: '+989123456789', organization: 'isfahan' });
    expect(requestInit.headers).toMatchObject({ 'x-csrf-token': 'csrf-123' });
    expect(requestInit.credentials).toBe('same-origin');
    expect(screen.getByRole('button', { name: /ارسال دوباره کد تا ۶۰ ثانیه دیگر/ })).toBeDisabled();

    await user.type(code, '۱۲۳۴۵۶');
    await user.click(screen.getByRole('button', { name: 'ورود' }));

    expect(await screen.findByText('home of the municipality')).toBeInTheDocument();
    const [[, verifyInit]] = callsTo(fetchMock, 'POST', '/api/auth/code/verify');
    expect(JSON.parse(String(verifyInit.body))).toEqual({
      mobile: '+989123456789',
      code: '123456',
      organization: 'isfahan',
    });
  });

  it('shows the server error code translated when the code is wrong', async () => {
    const user = userEvent.setup();
    mockFetch({
      'GET /api/orgs/isfahan': { status: 200, body: isfahan },
      'GET /api/auth/session': { status: 200, body: signedOut, setCookie: 'hm_csrf=csrf-123' },
      'POST /api/auth/code': {
        status: 200,
        body: { maskedMobile: '+98912***6789', expiresInSeconds: 120, resendInSeconds: 0 },
      },
      'POST /api/auth/code/verify': { status: 400, body: { code: 'identity.code_invalid', message: 'wrong code' } },
    });
    renderSignIn();

    await user.type(await screen.findByRole('textbox', { name: 'شماره همراه' }), '09123456789');
    await user.click(screen.getByRole('button', { name: 'دریافت کد' }));
    await user.type(await screen.findByRole('textbox', { name: 'کد یکبار مصرف' }), '000000');
    await user.click(screen.getByRole('button', { name: 'ورود' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('کد وارد شده درست نیست.');
    await waitFor(() => expect(screen.getByRole('button', { name: 'ارسال دوباره کد' })).toBeEnabled());
  });

  it('shows the not-found page for an unknown municipality', async () => {
    mockFetch({
      'GET /api/orgs/isfahan': { status: 404, body: { code: 'organizations.not_found', message: 'no such org' } },
      'GET /api/auth/session': { status: 200, body: signedOut },
    });
    renderSignIn();
    expect(await screen.findByRole('heading', { level: 1, name: 'این صفحه پیدا نشد' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'بازگشت به صفحه نخست' })).toHaveAttribute('href', '/');
  });
});

describe("sign-in offers only the municipality's methods", () => {
  it('shows no e-mail tab where only mobile codes are allowed', async () => {
    mockFetch({
      'GET /api/orgs/isfahan': { status: 200, body: { ...isfahan, signInMethods: ['mobile_code'] } },
      'GET /api/auth/session': { status: 200, body: signedOut, setCookie: 'hm_csrf=csrf-123' },
    });
    renderSignIn();
    expect(await screen.findByRole('textbox', { name: 'شماره همراه' })).toBeInTheDocument();
    expect(screen.queryByRole('tab')).not.toBeInTheDocument();
    expect(screen.queryByRole('textbox', { name: /ایمیل/ })).not.toBeInTheDocument();
  });

  it('shows only the e-mail form where only e-mail is allowed', async () => {
    mockFetch({
      'GET /api/orgs/isfahan': { status: 200, body: { ...isfahan, signInMethods: ['email'] } },
      'GET /api/auth/session': { status: 200, body: signedOut, setCookie: 'hm_csrf=csrf-123' },
    });
    renderSignIn();
    expect(await screen.findByRole('textbox', { name: /ایمیل/ })).toBeInTheDocument();
    expect(screen.queryByRole('textbox', { name: 'شماره همراه' })).not.toBeInTheDocument();
  });
});
