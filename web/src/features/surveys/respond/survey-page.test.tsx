import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Outlet } from 'react-router';
import type { TSurveyForRespondent } from '@hamandishi/contracts';
import { CONDITIONAL_DEFINITION, EXAMPLE_BOX } from '../../../../../libs/contracts/src/surveys.examples';
import { CITIZEN_SESSION, ORG } from '@/features/problems/test-fixtures';
import { mockFetch, renderRoutes } from '../../../../test/render';
import SurveyPage from './survey-page';

jest.mock('../components/survey-map', () => ({ __esModule: true, default: () => <div data-testid="leaflet-map" /> }));
jest.mock('@/lib/socket-client', () => ({
  getSocket: () => new Promise(() => {}),
  reconnectSocket: () => {},
  whenSocketOpens: () => () => {},
  closeSocket: () => {},
}));
jest.setTimeout(20_000);

const ACTIVITY_ID = '5a000000-0000-4000-8000-000000000001';
const BASE = `/api/orgs/isfahan/surveys/${ACTIVITY_ID}`;

const SURVEY: TSurveyForRespondent = {
  activityId: ACTIVITY_ID,
  title: { fa: 'نظرسنجی محله' },
  description: null,
  definition: CONDITIONAL_DEFINITION,
  version: 1,
  box: EXAMPLE_BOX,
  closesAt: null,
  anonymous: false,
  askDemographics: false,
  response: {
    status: 'draft',
    answers: { pet: { choice: 'yes' }, kind: 'گربه' },
    hasDraft: true,
    submittedAt: null,
    updatedAt: '2026-12-01T10:00:00Z',
    demographicsConsent: false,
  },
};

function renderPage(handlers: Parameters<typeof mockFetch>[0]) {
  const fetchMock = mockFetch({
    'GET /api/auth/session': { status: 200, body: CITIZEN_SESSION, setCookie: 'hm_csrf=csrf-1' },
    ...handlers,
  });
  renderRoutes(
    [
      {
        path: '/:slug',
        element: <Outlet context={{ organization: ORG }} />,
        children: [{ path: 'surveys/:activityId', element: <SurveyPage /> }],
      },
    ],
    `/isfahan/surveys/${ACTIVITY_ID}`,
  );
  return fetchMock;
}

describe('the respondent’s survey page', () => {
  it('restores the server draft, autosaves changes once typing pauses, and submits with an Idempotency-Key', async () => {
    const drafts: unknown[] = [];
    let submitted = false;
    const fetchMock = renderPage({
      [`GET ${BASE}/respond`]: () => ({
        status: 200,
        body: submitted
          ? {
              ...SURVEY,
              response: {
                ...SURVEY.response!,
                status: 'submitted',
                hasDraft: false,
                submittedAt: '2026-12-01T11:00:00Z',
              },
            }
          : SURVEY,
      }),
      [`PUT ${BASE}/response/draft`]: (body) => {
        drafts.push(body);
        return {
          status: 200,
          body: {
            id: '5b000000-0000-4000-8000-000000000001',
            status: 'draft',
            version: 1,
            submittedAt: null,
            updatedAt: '2026-12-01T10:01:00Z',
          },
        };
      },
      [`POST ${BASE}/response`]: () => {
        submitted = true;
        return {
          status: 201,
          body: {
            id: '5b000000-0000-4000-8000-000000000001',
            status: 'submitted',
            version: 1,
            submittedAt: '2026-12-01T11:00:00Z',
            updatedAt: '2026-12-01T11:00:00Z',
          },
        };
      },
    });
    const user = userEvent.setup();
    expect(await screen.findByRole('heading', { level: 1, name: 'نظرسنجی محله' })).toBeInTheDocument();
    // The draft saved on another device is back, its conditional question shown.
    expect(screen.getByRole('radio', { name: 'گزینه yes' })).toBeChecked();
    expect(screen.getByRole('textbox', { name: /چه حیوانی/ })).toHaveValue('گربه');

    await user.type(screen.getByRole('textbox', { name: 'سن' }), '۶۵');
    await waitFor(() => expect(drafts).toHaveLength(1), { timeout: 5_000 });
    // One request for the pause, as the shared draft schema reads it (Persian digits become a number).
    expect(drafts[0]).toEqual({ answers: { pet: { choice: 'yes' }, kind: 'گربه', age: 65 } });
    expect(
      await screen.findByText('پیش‌نویس ذخیره شد؛ بعداً از همین‌جا یا دستگاه دیگری ادامه دهید.'),
    ).toBeInTheDocument();
    // "old" shows for an age over 60.
    expect(screen.getByRole('textbox', { name: 'سالمند؟' })).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'ارسال پاسخ‌ها' }));
    expect(await screen.findByText('پاسخ شما ثبت شد. سپاس از مشارکت‌تان.')).toBeInTheDocument();
    const post = fetchMock.mock.calls.find(([, init]) => init?.method === 'POST');
    expect(JSON.parse(String(post?.[1]?.body))).toEqual({ answers: { pet: { choice: 'yes' }, kind: 'گربه', age: 65 } });
    expect((post?.[1]?.headers as Record<string, string>)['idempotency-key']).toMatch(/^[0-9a-f-]{36}$/);
    expect(screen.getByRole('button', { name: 'ویرایش پاسخ‌ها' })).toBeInTheDocument();
  });

  it('says so when the survey has closed, in the respondent’s language', async () => {
    renderPage({ [`GET ${BASE}/respond`]: { status: 409, body: { code: 'surveys.closed', message: 'closed' } } });
    expect(await screen.findByText('مهلت پاسخ به این پرسشنامه تمام شده است.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'ارسال پاسخ‌ها' })).not.toBeInTheDocument();
  });

  it('offers to sign in when the survey is for signed-in people', async () => {
    renderPage({
      [`GET ${BASE}/respond`]: { status: 401, body: { code: 'identity.unauthenticated', message: 'sign in' } },
    });
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByRole('link', { name: 'ورود و ادامه' })).toHaveAttribute(
      'href',
      `/isfahan/sign-in?next=${encodeURIComponent(`/isfahan/surveys/${ACTIVITY_ID}`)}`,
    );
    await act(async () => undefined);
  });
});
