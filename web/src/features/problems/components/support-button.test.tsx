import { act, screen, waitFor } from '@testing-library/react';
import { changeLocale } from '@/app/i18n';
import { useProblem } from '../api/use-problems';
import { ProblemList } from './problem-list';
import { SupportButton } from './support-button';
import { CITIZEN_SESSION, ORG, PROBLEM } from '../test-fixtures';
import { mockFetch, renderWithApp } from '../../../../test/render';

// A stand-in for the socket.io client: tests emit server events by hand.
type Handler = (payload: unknown) => void;
const handlers = new Map<string, Set<Handler>>();
const emitted: [string, unknown][] = [];
const fakeSocket = {
  connected: true,
  on: (event: string, handler: Handler) => {
    if (!handlers.has(event)) handlers.set(event, new Set());
    handlers.get(event)?.add(handler);
  },
  off: (event: string, handler: Handler) => handlers.get(event)?.delete(handler),
  emit: (event: string, payload: unknown) => emitted.push([event, payload]),
};
jest.mock('@/lib/socket-client', () => ({
  getSocket: () => Promise.resolve(fakeSocket),
  reconnectSocket: () => {},
  whenSocketOpens: () => () => {},
  closeSocket: () => {},
}));

function serverEmits(event: string, payload: unknown) {
  handlers.get(event)?.forEach((handler) => handler(payload));
}

/** The problem page's header in miniature: the cached problem feeds the button. */
function Harness() {
  const problem = useProblem(ORG.slug, PROBLEM.id);
  if (!problem.data) return null;
  return (
    <SupportButton
      slug={ORG.slug}
      problemId={PROBLEM.id}
      supportCount={problem.data.supportCount}
      isSupported={problem.data.isSupported}
      canSupport={problem.data.canSupport}
      cannotSupportReason={problem.data.cannotSupportReason}
      isLive
    />
  );
}

describe('SupportButton', () => {
  afterEach(() => {
    handlers.clear();
    emitted.length = 0;
  });

  it('joins the problem room and shows the count another person changed, live, in Persian digits', async () => {
    mockFetch({
      [`GET /api/orgs/isfahan/problems/${PROBLEM.id}`]: { status: 200, body: PROBLEM },
      'GET /api/auth/session': { status: 200, body: CITIZEN_SESSION },
    });
    renderWithApp(<Harness />);

    expect(await screen.findByText('۳ نفر حمایت کرده‌اند')).toBeInTheDocument();
    await waitFor(() => expect(emitted).toContainEqual(['problem.watch', { problemId: PROBLEM.id }]));

    act(() => serverEmits('problem.support_changed', { problemId: PROBLEM.id, supportCount: 4 }));
    expect(await screen.findByText('۴ نفر حمایت کرده‌اند')).toHaveAttribute('aria-live', 'polite');

    // Another problem's event is not ours.
    act(() =>
      serverEmits('problem.support_changed', { problemId: '0e000000-0000-4000-8000-000000000009', supportCount: 40 }),
    );
    expect(screen.getByText('۴ نفر حمایت کرده‌اند')).toBeInTheDocument();
  });

  it('supports with a PUT and shows the server’s count', async () => {
    const fetchMock = mockFetch({
      [`GET /api/orgs/isfahan/problems/${PROBLEM.id}`]: { status: 200, body: PROBLEM },
      'GET /api/auth/session': { status: 200, body: CITIZEN_SESSION, setCookie: 'hm_csrf=csrf-1' },
      [`PUT /api/orgs/isfahan/problems/${PROBLEM.id}/support`]: {
        status: 200,
        body: { supported: true, supportCount: 4 },
      },
    });
    renderWithApp(<Harness />);
    const button = await screen.findByRole('button', { name: 'من هم' });
    expect(button).toHaveAttribute('aria-pressed', 'false');
    await waitFor(() => expect(button).toBeEnabled());
    act(() => button.click());
    expect(await screen.findByText('۴ نفر حمایت کرده‌اند')).toBeInTheDocument();
    await waitFor(() => expect(screen.getByRole('button', { name: 'من هم' })).toHaveAttribute('aria-pressed', 'true'));
    expect(fetchMock.mock.calls.some(([url, init]) => String(url).endsWith('/support') && init?.method === 'PUT')).toBe(
      true,
    );
  });

  it('says why "me too" is disabled on one’s own problem', async () => {
    const own = { ...PROBLEM, canSupport: false, cannotSupportReason: 'own_problem' as const };
    mockFetch({
      [`GET /api/orgs/isfahan/problems/${PROBLEM.id}`]: { status: 200, body: own },
      'GET /api/auth/session': { status: 200, body: CITIZEN_SESSION },
    });
    renderWithApp(<Harness />);
    const reason = await screen.findByText('این مسئله را خودتان گزارش کرده‌اید؛ «من هم» برای دیگران است.');
    const button = screen.getByRole('button', { name: 'من هم' });
    expect(button).toBeDisabled();
    expect(button).toHaveAttribute('aria-describedby', reason.id);
  });

  it.each([
    [0, 'لم يدعمها أحد بعد'],
    [1, 'يدعمها شخص واحد'],
    [2, 'يدعمها شخصان'],
    [3, 'يدعمها ٣ أشخاص'],
    [11, 'يدعمها ١١ شخصًا'],
    [100, 'يدعمها ١٠٠ شخص'],
  ])('makes the Arabic count agree with %i', async (count, text) => {
    await changeLocale('ar');
    mockFetch({ 'GET /api/auth/session': { status: 200, body: { account: null, memberships: [], csrfToken: null } } });
    renderWithApp(
      <SupportButton
        slug="isfahan"
        problemId={PROBLEM.id}
        supportCount={count}
        isSupported={false}
        canSupport={false}
      />,
    );
    expect(screen.getByTestId('support-count')).toHaveTextContent(text);
  });
});

describe('counts in the problem list', () => {
  it('agree with the number in Arabic (one, two, few, many)', async () => {
    await changeLocale('ar');
    mockFetch({
      'GET /api/orgs/isfahan/problems': {
        status: 200,
        body: { items: [{ ...PROBLEM, supportCount: 2, commentCount: 11 }], nextCursor: null },
      },
    });
    renderWithApp(<ProblemList organization={ORG} filters={{}} />);
    expect(await screen.findByText('دعمان')).toBeInTheDocument();
    expect(screen.getByText('١١ تعليقًا')).toBeInTheDocument();
  });
});
