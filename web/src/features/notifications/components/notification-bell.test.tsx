import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { TNotification, TNotificationEvent } from '@hamandishi/contracts';
import { NotificationBell } from './notification-bell';
import { mockFetch, renderWithApp } from '../../../../test/render';

// A stand-in for the socket.io client: tests emit server events by hand.
type Handler = (payload: unknown) => void;
const handlers = new Map<string, Set<Handler>>();
const fakeSocket = {
  connected: true,
  on: (event: string, handler: Handler) => {
    if (!handlers.has(event)) handlers.set(event, new Set());
    handlers.get(event)?.add(handler);
  },
  off: (event: string, handler: Handler) => handlers.get(event)?.delete(handler),
  emit: () => {},
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

const ACCOUNT_ID = '0b7e5c57-2d0c-4f5e-9d9c-8d1f0a6c1e11';
const PLAN_ID = '3b0a7f5e-1c1d-4b7a-9a55-0d6c1e2f3a01';
const STAGE_ID = '5d1e2f3a-0000-4000-8000-000000000002';

const earlier: TNotification = {
  id: '9a000000-0000-4000-8000-000000000001',
  kind: 'plan.status_changed',
  organizationSlug: 'isfahan',
  params: { planId: PLAN_ID, planTitle: 'برنامه اصفهان ۱۴۰۵', from: 'drafting', to: 'council_review' },
  link: `/isfahan/plans/${PLAN_ID}`,
  readAt: null,
  createdAt: '2026-04-01T08:00:00.000Z',
};

describe('NotificationBell', () => {
  afterEach(() => handlers.clear());

  it('shows the unread count, adds a live notification, and marks all read', async () => {
    const user = userEvent.setup();
    const fetchMock = mockFetch({
      'GET /api/me/notifications': { status: 200, body: { items: [earlier], nextCursor: null, unreadCount: 1 } },
      'GET /api/auth/session': {
        status: 200,
        body: { account: null, memberships: [], csrfToken: 'csrf-1' },
        setCookie: 'hm_csrf=csrf-1',
      },
      'POST /api/me/notifications/read': { status: 204 },
    });
    renderWithApp(<NotificationBell accountId={ACCOUNT_ID} />);

    const bell = await screen.findByRole('button', { name: 'اعلان‌ها، ۱ خوانده‌نشده' });
    expect(bell).toHaveTextContent('۱');
    await waitFor(() => expect(handlers.get('notification.created')?.size).toBe(1));

    const live: TNotificationEvent = {
      id: '9a000000-0000-4000-8000-000000000002',
      kind: 'stage.opened',
      organizationSlug: 'isfahan',
      params: { planId: PLAN_ID, planTitle: 'برنامه اصفهان ۱۴۰۵', stageId: STAGE_ID, stageTitle: 'تحلیل' },
      createdAt: '2026-04-21T08:00:00.000Z',
    };
    act(() => serverEmits('notification.created', live));

    expect(await screen.findByRole('button', { name: 'اعلان‌ها، ۲ خوانده‌نشده' })).toBeInTheDocument();
    expect(screen.getByText('۲ اعلان خوانده‌نشده')).toHaveAttribute('aria-live', 'polite');
    // The toast says it in words (the toast region loads with the first toast).
    expect(
      (await screen.findAllByText('مرحله «تحلیل» از برنامه «برنامه اصفهان ۱۴۰۵» آغاز شد.')).length,
    ).toBeGreaterThan(0);

    // The same event twice (another tab, a reconnect) is counted once.
    act(() => serverEmits('notification.created', live));
    expect(screen.getByRole('button', { name: 'اعلان‌ها، ۲ خوانده‌نشده' })).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'اعلان‌ها، ۲ خوانده‌نشده' }));
    const menu = await screen.findByRole('menu');
    const items = within(menu).getAllByRole('menuitem');
    expect(items[0]).toHaveTextContent('مرحله «تحلیل» از برنامه «برنامه اصفهان ۱۴۰۵» آغاز شد.');
    expect(items[0]).toHaveAttribute('href', `/isfahan/plans/${PLAN_ID}/stages/${STAGE_ID}`);
    expect(items[1]).toHaveTextContent('وضعیت برنامه «برنامه اصفهان ۱۴۰۵» به «در بررسی شورای شهر» تغییر کرد.');

    await user.click(within(menu).getByRole('menuitem', { name: 'علامت‌گذاری همه به‌عنوان خوانده‌شده' }));
    expect(await screen.findByRole('button', { name: 'اعلان‌ها' })).toBeInTheDocument();
    const readCalls = fetchMock.mock.calls.filter(
      ([url, init]) => url === '/api/me/notifications/read' && init?.method === 'POST',
    );
    expect(readCalls).toHaveLength(1);
    expect(JSON.parse(String(readCalls[0][1]?.body))).toEqual({});
  });
});
