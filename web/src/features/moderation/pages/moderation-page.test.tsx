import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { TComment } from '@hamandishi/contracts';
import { CITIZEN_SESSION, PROBLEM } from '@/features/problems/test-fixtures';
import { mockFetch, renderWithApp } from '../../../../test/render';
import { CommentQueue, ProblemQueue } from './moderation-page';

jest.mock('@/lib/socket-client', () => ({
  getSocket: () => new Promise(() => {}),
  reconnectSocket: () => {},
  whenSocketOpens: () => () => {},
  closeSocket: () => {},
}));

const COMMENT_ID = '0c000000-0000-4000-8000-000000000001';
const BLOCK_ID = '0c000000-0000-4000-8000-0000000000b1';
const ACTIVITY_ID = '0f000000-0000-4000-8000-000000000009';

const reported: TComment & Record<string, unknown> = {
  id: COMMENT_ID,
  parentId: null,
  depth: 0,
  author: { id: '0b000000-0000-4000-8000-000000000001', displayName: 'Sara' },
  authorCapacity: 'citizen',
  body: 'نقد تند',
  bodyHtml: '<p>نقد تند</p>',
  alignment: null,
  upvotes: 0,
  downvotes: 0,
  myVote: 0,
  isOfficial: false,
  isHidden: false,
  hiddenReason: null,
  isEdited: false,
  canEdit: false,
  passage: null,
  outcome: null,
  createdAt: '2026-04-02T08:00:00.000Z',
  replies: [],
  targetType: 'paragraph',
  targetId: BLOCK_ID,
  link: `/isfahan/consultations/${ACTIVITY_ID}?edition=2#p-a1b2`,
  reportCount: 2,
  reportReasons: ['offensive'],
};

describe('moderation queues', () => {
  it('links a reported comment to its place and dismisses its reports, with a note', async () => {
    const fetchMock = mockFetch({
      'GET /api/auth/session': { status: 200, body: CITIZEN_SESSION, setCookie: 'hm_csrf=csrf-1' },
      'GET /api/orgs/isfahan/moderation/comments': { status: 200, body: { items: [reported], nextCursor: null } },
      [`POST /api/orgs/isfahan/comments/${COMMENT_ID}/dismiss-reports`]: { status: 204 },
    });
    const user = userEvent.setup();
    renderWithApp(<CommentQueue slug="isfahan" />, '/isfahan/moderation');

    const inPlace = await screen.findByRole('link', { name: 'دیدن در جای خود' });
    expect(inPlace).toHaveAttribute('href', `/isfahan/consultations/${ACTIVITY_ID}?edition=2#p-a1b2`);
    // A Latin name in the Persian page keeps its own direction.
    expect(screen.getByText('Sara')).toHaveAttribute('dir', 'auto');

    await user.click(screen.getByRole('button', { name: 'رد گزارش‌ها' }));
    const dialog = await screen.findByRole('dialog', { name: 'گزارش‌های این دیدگاه رد شود؟' });
    await user.type(within(dialog).getByRole('textbox', { name: 'یادداشت برای سابقه (اختیاری)' }), 'نقد است');
    await user.click(within(dialog).getByRole('button', { name: 'رد گزارش‌ها' }));
    await screen.findByText('گزارش‌ها رد شد؛ دیدگاه باقی ماند.');
    const post = fetchMock.mock.calls.find(([, init]) => init?.method === 'POST');
    expect(String(post?.[0])).toBe(`/api/orgs/isfahan/comments/${COMMENT_ID}/dismiss-reports`);
    expect(JSON.parse(String(post?.[1]?.body))).toEqual({ reason: 'نقد است' });
  });

  it('shows each problem with its author and the start of its text, and merges a duplicate from the queue', async () => {
    const KEPT = '0e000000-0000-4000-8000-0000000000aa';
    const queued = {
      ...PROBLEM,
      author: { id: '0b000000-0000-4000-8000-000000000002', displayName: 'مریم' },
      isAnonymous: true,
      isHidden: false,
      hiddenReason: null,
    };
    const fetchMock = mockFetch({
      'GET /api/auth/session': { status: 200, body: CITIZEN_SESSION, setCookie: 'hm_csrf=csrf-1' },
      'GET /api/orgs/isfahan/moderation/problems': { status: 200, body: { items: [queued], nextCursor: null } },
      [`POST /api/orgs/isfahan/problems/${PROBLEM.id}/merge`]: { status: 200, body: { ...PROBLEM, id: KEPT } },
    });
    const user = userEvent.setup();
    renderWithApp(<ProblemQueue slug="isfahan" />, '/isfahan/moderation');

    await screen.findByRole('link', { name: PROBLEM.title });
    expect(screen.getByText('مریم')).toBeInTheDocument();
    expect(screen.getByText('برای دیگران ناشناس')).toBeInTheDocument();
    expect(screen.getByText(PROBLEM.description)).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'ادغام در مسئلهٔ دیگر' }));
    const dialog = await screen.findByRole('dialog');
    await user.type(within(dialog).getByRole('textbox', { name: 'شناسهٔ مسئلهٔ اصلی' }), KEPT);
    await user.click(within(dialog).getByRole('button', { name: /^ادغام$/ }));
    await screen.findByText('مسئله ادغام شد.');
    const post = fetchMock.mock.calls.find(([, init]) => init?.method === 'POST');
    expect(JSON.parse(String(post?.[1]?.body))).toEqual({ intoId: KEPT });
  });
});
