import { fireEvent, screen } from '@testing-library/react';
import type { TOrganization, TPublicThinktankSession, TSession, TThinktankRsvpPreview } from '@hamandishi/contracts';
import OrganizationLayout from '@/features/organizations/pages/organization-layout';
import SessionPage from './pages/session-page';
import { mockFetch, renderRoutes } from '../../../test/render';
import { organizationFixture } from '../../../test/fixtures';

const SESSION_ID = '50000000-0000-4000-8000-000000000002';
const TOKEN = 'b'.repeat(43);
const isfahan: TOrganization = organizationFixture({ slug: 'isfahan' });
const signedOut: TSession = { account: null, memberships: [], csrfToken: 'csrf-1' };
const session: TPublicThinktankSession = {
  id: SESSION_ID,
  organization: { slug: 'isfahan', name: { fa: 'اصفهان' } },
  planId: '50000000-0000-4000-8000-000000000003',
  planTitle: { fa: 'برنامه ۱۴۰۵' },
  stageTitle: { fa: 'شناخت' },
  committeeName: { fa: 'کمیته حمل و نقل' },
  topic: 'ترافیک مرکز شهر',
  agenda: null,
  facilitatorName: 'دکتر کیانی',
  place: 'تالار شهر',
  onlineUrl: null,
  startsAt: '2026-12-03T06:30:00Z',
  endsAt: '2026-12-03T08:30:00Z',
  capacity: 2,
  status: 'scheduled',
  minutesHtml: '<p><strong>تصمیم</strong> گرفته شد &lt;script&gt;</p>',
  minutesPublishedAt: '2026-12-03T09:00:00Z',
  outputs: [{ id: '50000000-0000-4000-8000-000000000004', kind: 'decision', body: 'خط ویژه اتوبوس', theme: null, problem: null, createdAt: '2026-12-03T09:00:00Z' }],
  myRole: null,
  myInvitation: null,
  myAttendance: null,
};

function renderSession(search: string) {
  return renderRoutes(
    [
      {
        path: '/:slug',
        element: <OrganizationLayout />,
        children: [
          { path: 'sign-in', element: <p>sign-in page</p> },
          { path: 'sessions/:sessionId', element: <SessionPage /> },
        ],
      },
    ],
    `/isfahan/sessions/${SESSION_ID}${search}`,
  );
}

describe('a session’s public page', () => {
  it('answers a personal link without signing in, and a full session puts the yes on the waiting list', async () => {
    const preview: TThinktankRsvpPreview = {
      session: { ...session, minutesHtml: null, minutesPublishedAt: null, outputs: [] },
      invitation: { rsvp: 'pending', waitingPosition: null, expiresAt: '2026-12-03T08:30:00Z' },
    };
    const fetch = mockFetch({
      'GET /api/orgs/isfahan': { status: 200, body: isfahan },
      'GET /api/auth/session': { status: 200, body: signedOut, setCookie: 'hm_csrf=csrf-1' },
      [`GET /api/orgs/isfahan/thinktank/sessions/${SESSION_ID}/public`]: { status: 200, body: session },
      [`GET /api/thinktank/rsvp/${TOKEN}`]: { status: 200, body: preview },
      [`POST /api/thinktank/rsvp/${TOKEN}`]: { status: 200, body: { rsvp: 'waiting', waitingPosition: 1, expiresAt: '2026-12-03T08:30:00Z' } },
    });
    renderSession(`?rsvp=${TOKEN}`);
    expect(await screen.findByText('در جلسه شرکت می‌کنید؟')).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'می‌آیم' }));
    expect(await screen.findByText('ظرفیت جلسه پر است: شما نفر ۱ فهرست انتظارید.')).toBeInTheDocument();
    const posted = fetch.mock.calls.find(([url, init]) => String(url) === `/api/thinktank/rsvp/${TOKEN}` && init?.method === 'POST');
    expect(JSON.parse(String(posted?.[1]?.body))).toEqual({ answer: 'yes' });
  });

  it('shows the published minutes as the server made them safe, and decisions', async () => {
    mockFetch({
      'GET /api/orgs/isfahan': { status: 200, body: isfahan },
      'GET /api/auth/session': { status: 200, body: signedOut, setCookie: 'hm_csrf=csrf-1' },
      [`GET /api/orgs/isfahan/thinktank/sessions/${SESSION_ID}/public`]: { status: 200, body: session },
    });
    renderSession('');
    expect(await screen.findByRole('heading', { name: 'صورت‌جلسه' })).toBeInTheDocument();
    expect(screen.getByText('تصمیم', { selector: 'strong' })).toBeInTheDocument();
    expect(document.querySelector('script')).toBeNull();
    expect(screen.getByText('خط ویژه اتوبوس')).toBeInTheDocument();
  });

  it('asks a visitor who scanned the door’s code to sign in and come back to check in', async () => {
    mockFetch({
      'GET /api/orgs/isfahan': { status: 200, body: isfahan },
      'GET /api/auth/session': { status: 200, body: signedOut, setCookie: 'hm_csrf=csrf-1' },
      [`GET /api/orgs/isfahan/thinktank/sessions/${SESSION_ID}/public`]: { status: 200, body: session },
    });
    renderSession(`?checkin=${SESSION_ID}.${'c'.repeat(43)}`);
    const link = await screen.findByRole('link', { name: 'ورود' });
    expect(link).toHaveAttribute(
      'href',
      `/isfahan/sign-in?next=${encodeURIComponent(`/isfahan/sessions/${SESSION_ID}?checkin=${SESSION_ID}.${'c'.repeat(43)}`)}`,
    );
  });
});
