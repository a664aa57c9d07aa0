import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { mockFetch, renderWithApp } from '../../../../test/render';
import { GoalComments, GoalCommentsList, ProjectComments } from './public-comments';

jest.mock('@/lib/socket-client', () => ({
  getSocket: () => Promise.resolve({ connected: false, on: () => {}, off: () => {}, emit: () => {} }),
  reconnectSocket: () => {},
  whenSocketOpens: () => () => {},
  closeSocket: () => {},
}));

const SESSION = { 'GET /api/auth/session': { status: 200, body: { account: null, memberships: [], csrfToken: 'x' }, setCookie: 'hm_csrf=x' } };
const GOAL = { id: 'a0000000-0000-4000-8000-000000000001', code: 'G1', title: 'شهر تاب‌آور' };
const PROJECT = 'a0000000-0000-4000-8000-000000000002';
const COMMENT = {
  id: '0c000000-0000-4000-8000-000000000001',
  parentId: null,
  depth: 0,
  author: { id: '0b000000-0000-4000-8000-000000000001', displayName: 'مریم' },
  authorCapacity: 'citizen',
  body: 'این مقصد را تأیید می‌کنم',
  bodyHtml: '<p>این مقصد را تأیید می‌کنم</p>',
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
};

const commentCalls = (fetch: jest.Mock) => fetch.mock.calls.map(([url]) => String(url)).filter((url) => url.includes('/comments'));

describe('public comments on the plan (goals and projects)', () => {
  it('loads a goal’s comments only when its toggle is opened, and shows them with their count in Persian', async () => {
    const fetch = mockFetch({
      ...SESSION,
      'GET /api/orgs/isfahan/comments': { status: 200, body: { items: [COMMENT], nextCursor: null, threadCount: 1, commentCount: 1 } },
    });
    renderWithApp(
      <ul>
        <GoalComments slug="isfahan" goal={GOAL} />
      </ul>,
    );
    const toggle = screen.getByRole('button', { name: 'نمایش دیدگاه‌ها درباره G1 شهر تاب‌آور' });
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    expect(commentCalls(fetch)).toEqual([]);

    await userEvent.click(toggle);
    expect(await screen.findByText('این مقصد را تأیید می‌کنم')).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 3, name: /دیدگاه‌ها درباره G1 شهر تاب‌آور\s*\(۱\)/ })).toBeInTheDocument();
    expect(commentCalls(fetch)[0]).toContain(`targetType=goal&targetId=${GOAL.id}`);
    expect(screen.getByRole('button', { name: 'بستن دیدگاه‌ها درباره G1 شهر تاب‌آور' })).toHaveAttribute('aria-expanded', 'true');
  });

  it('asks the counts of all the goals in one request and shows them on the toggles in Persian digits', async () => {
    const other = { id: 'a0000000-0000-4000-8000-000000000003', code: 'G2', title: 'شهر پاک' };
    const fetch = mockFetch({
      ...SESSION,
      'GET /api/orgs/isfahan/comments/counts': { status: 200, body: { counts: { [GOAL.id]: 12, [other.id]: 0 } } },
    });
    renderWithApp(<GoalCommentsList slug="isfahan" goals={[GOAL, other]} />);
    expect(await screen.findByRole('button', { name: 'نمایش دیدگاه‌ها درباره G1 شهر تاب‌آور (۱۲)' })).toHaveTextContent('دیدگاه‌ها (۱۲)');
    expect(screen.getByRole('button', { name: 'نمایش دیدگاه‌ها درباره G2 شهر پاک (۰)' })).toBeInTheDocument();
    expect(commentCalls(fetch)).toEqual([`/api/orgs/isfahan/comments/counts?targetType=goal&targetIds=${GOAL.id}%2C${other.id}`]);
  });

  it('shows a project’s comment thread on its public page', async () => {
    const fetch = mockFetch({
      ...SESSION,
      'GET /api/orgs/isfahan/comments': { status: 200, body: { items: [], nextCursor: null, threadCount: 0, commentCount: 0 } },
    });
    renderWithApp(<ProjectComments slug="isfahan" projectId={PROJECT} />);
    expect(await screen.findByRole('heading', { name: /دیدگاه مردم درباره این پروژه\s*\(۰\)/ })).toBeInTheDocument();
    expect(commentCalls(fetch)[0]).toContain(`targetType=project&targetId=${PROJECT}`);
  });
});
