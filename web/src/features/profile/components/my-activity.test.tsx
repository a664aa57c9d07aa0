import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { TMyComment, TMyFollow, TMyProblem, TMySupport } from '@hamandishi/contracts';
import { MyActivity } from './my-activity';
import { ACCOUNT_ID } from '@/features/problems/test-fixtures';
import { mockFetch, renderWithApp } from '../../../../test/render';

const P1 = '0e000000-0000-4000-8000-000000000001';
const P2 = '0e000000-0000-4000-8000-000000000002';
const INTO = '0e000000-0000-4000-8000-000000000003';
const PLAN_ID = '3b0a7f5e-1c1d-4b7a-9a55-0d6c1e2f3a01';
const STAGE_ID = '5d1e2f3a-0000-4000-8000-000000000002';

const problems: TMyProblem[] = [
  {
    id: P1,
    title: 'چاله در خیابان چهارباغ',
    status: 'out_of_scope',
    statusReason: 'به شهرداری منطقه سپرده شد',
    statusChangedAt: '2026-04-02T08:00:00.000Z',
    mergedIntoId: null,
    supportCount: 12,
    commentCount: 3,
    isHidden: false,
    createdAt: '2026-04-01T08:00:00.000Z',
  },
  {
    id: P2,
    title: 'نبود سطل زباله',
    status: 'merged',
    statusReason: null,
    statusChangedAt: '2026-04-03T08:00:00.000Z',
    mergedIntoId: INTO,
    supportCount: 0,
    commentCount: 0,
    isHidden: false,
    createdAt: '2026-03-01T08:00:00.000Z',
  },
];
const supports: TMySupport[] = [
  {
    problemId: INTO,
    title: 'زباله در پارک محله',
    status: 'accepted',
    statusReason: null,
    statusChangedAt: '2026-04-05T08:00:00.000Z',
    mergedIntoId: null,
    supportCount: 40,
    supportedAt: '2026-04-04T08:00:00.000Z',
  },
];
const comments: TMyComment[] = [
  {
    id: '0c000000-0000-4000-8000-000000000001',
    excerpt: 'فضای سبز محله ما کم است.',
    targetType: 'paragraph',
    place: {
      title: { fa: 'نظرخواهی گزارش شناخت' },
      link: '/isfahan/consultations/0f000000-0000-4000-8000-000000000001?edition=2#p-a1',
    },
    isReply: false,
    replyCount: 2,
    outcome: { status: 'incorporated', reason: 'در بند ۳ آمد', decidedAt: '2026-04-06T08:00:00.000Z' },
    isOfficial: false,
    isHidden: false,
    createdAt: '2026-04-01T08:00:00.000Z',
  },
];
const follows: TMyFollow[] = [
  {
    targetType: 'stage',
    targetId: STAGE_ID,
    planId: PLAN_ID,
    title: { fa: 'شناخت' },
    planTitle: { fa: 'برنامه اصفهان ۱۴۰۵' },
    planStatus: 'drafting',
    stageStatus: 'open',
    followedAt: '2026-04-01T08:00:00.000Z',
  },
];

describe('MyActivity', () => {
  it('lists my problems, supports, comments and follows with what became of each, fetching a tab when opened', async () => {
    const fetchMock = mockFetch({
      'GET /api/orgs/isfahan/me/problems': { status: 200, body: { items: problems, nextCursor: null } },
      'GET /api/orgs/isfahan/me/supports': { status: 200, body: { items: supports, nextCursor: null } },
      'GET /api/orgs/isfahan/me/comments': { status: 200, body: { items: comments, nextCursor: null } },
      'GET /api/orgs/isfahan/me/follows': { status: 200, body: follows },
    });
    const user = userEvent.setup();
    renderWithApp(<MyActivity accountId={ACCOUNT_ID} slug="isfahan" />, '/isfahan/profile');

    expect(screen.getByRole('heading', { name: 'فعالیت‌های من' })).toBeInTheDocument();
    const first = await screen.findByRole('link', { name: 'چاله در خیابان چهارباغ' });
    expect(first).toHaveAttribute('href', `/isfahan/problems/${P1}`);
    const item = first.closest('li')!;
    expect(within(item).getByText('خارج از موضوع برنامه')).toBeInTheDocument();
    expect(within(item).getByText('دلیل: به شهرداری منطقه سپرده شد')).toBeInTheDocument();
    expect(within(item).getByText(/حامیان: ۱۲/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'مسئله‌ای که این مسئله با آن ادغام شد' })).toHaveAttribute(
      'href',
      `/isfahan/problems/${INTO}`,
    );
    // Other tabs wait until opened.
    expect(fetchMock.mock.calls.map(([url]) => String(url))).toEqual(['/api/orgs/isfahan/me/problems']);

    await user.click(screen.getByRole('tab', { name: 'حمایت‌های من' }));
    expect(await screen.findByRole('link', { name: 'زباله در پارک محله' })).toHaveAttribute(
      'href',
      `/isfahan/problems/${INTO}`,
    );
    expect(screen.getByText('پذیرفته در برنامه')).toBeInTheDocument();

    await user.click(screen.getByRole('tab', { name: 'دیدگاه‌های من' }));
    expect(await screen.findByText('«فضای سبز محله ما کم است.»')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'نظرخواهی گزارش شناخت' })).toHaveAttribute('href', comments[0].place!.link);
    expect(screen.getByText('پاسخ‌ها: ۲')).toBeInTheDocument();
    expect(screen.getByText('دلیل: در بند ۳ آمد')).toBeInTheDocument();

    await user.click(screen.getByRole('tab', { name: 'دنبال‌شده‌ها' }));
    expect(await screen.findByRole('link', { name: 'شناخت' })).toHaveAttribute(
      'href',
      `/isfahan/plans/${PLAN_ID}/stages/${STAGE_ID}`,
    );
    expect(screen.getByText('برنامه اصفهان ۱۴۰۵')).toBeInTheDocument();
  });

  it('says so when there is nothing yet', async () => {
    mockFetch({ 'GET /api/orgs/isfahan/me/problems': { status: 200, body: { items: [], nextCursor: null } } });
    renderWithApp(<MyActivity accountId={ACCOUNT_ID} slug="isfahan" />, '/isfahan/profile');
    expect(await screen.findByText('هنوز مسئله‌ای در این شهرداری گزارش نکرده‌اید.')).toBeInTheDocument();
  });
});
