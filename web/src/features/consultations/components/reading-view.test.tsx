import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { CITIZEN_SESSION } from '../../problems/test-fixtures';
import { mockFetch, renderWithApp } from '../../../../test/render';
import { consultationFixture } from '../test-fixtures';
import { ReadingView } from './reading-view';

jest.mock('@/lib/socket-client', () => ({
  getSocket: () => Promise.resolve({ connected: false, on: () => {}, off: () => {}, emit: () => {} }),
  reconnectSocket: () => {},
  whenSocketOpens: () => () => {},
  closeSocket: () => {},
}));

const emptyThread = { status: 200, body: { items: [], nextCursor: null, threadCount: 0, commentCount: 0 } };

describe('ReadingView', () => {
  it('shows the table of contents with section totals and each block’s count in the margin, carried counts and change badges', async () => {
    mockFetch({
      'GET /api/auth/session': { status: 200, body: CITIZEN_SESSION },
      'GET /api/orgs/isfahan/comments': emptyThread,
    });
    renderWithApp(<ReadingView slug="isfahan" consultation={consultationFixture()} />);

    expect(screen.getByRole('heading', { level: 1, name: 'نظرخواهی درباره گزارش مرحله شناخت' })).toBeInTheDocument();
    const toc = screen.getByRole('navigation', { name: 'فهرست مطالب' });
    const items = within(toc).getAllByRole('listitem');
    expect(items).toHaveLength(2);
    // 3 + 2 carried + 1 in the first section; nothing yet in the second.
    expect(within(items[0]!).getByRole('link', { name: 'وضع موجود' })).toHaveAttribute('href', '#s-vaz-mojood');
    expect(items[0]).toHaveTextContent('۶ دیدگاه');
    expect(items[1]).toHaveTextContent('۰ دیدگاه');

    expect(screen.getByRole('heading', { level: 2, name: 'وضع موجود' })).toBeInTheDocument();
    const blocks = screen.getAllByTestId('document-block');
    expect(blocks.map((b) => b.id)).toEqual(['p-a1', 'p-a2', 'p-a3']);
    expect(
      within(blocks[0]!).getByRole('button', { name: 'دیدگاه‌ها و پیشنهادهای این بند: ۳ + ۲ از ویراست ۱' }),
    ).toHaveTextContent('۳ + ۲ از ویراست ۱');
    expect(within(blocks[1]!).getByRole('button', { name: 'دیدگاه‌ها و پیشنهادهای این بند: ۱' })).toBeInTheDocument();
    expect(within(blocks[1]!).getByText('تغییرکرده')).toBeInTheDocument();
    expect(within(blocks[2]!).getByText('تازه')).toBeInTheDocument();
    // The block's raw text sits in one element, ZWNJ and all, so selections map 1:1.
    expect(blocks[0]!.querySelector('[data-block-text]')?.textContent).toBe(
      consultationFixture().edition!.sections[0]!.blocks[0]!.text,
    );
    expect(screen.getByRole('link', { name: 'چه چیزهایی تغییر کرد؟' })).toHaveAttribute(
      'href',
      `/isfahan/consultations/${consultationFixture().activity.id}/diff?from=1&to=2`,
    );
  });

  it('opens a block’s discussion with its thread and the collapsible thread of edition 1', async () => {
    const fetchMock = mockFetch({
      'GET /api/auth/session': { status: 200, body: CITIZEN_SESSION },
      'GET /api/orgs/isfahan/comments': emptyThread,
      [`GET /api/orgs/isfahan/consultations/${consultationFixture().activity.id}/amendments`]: {
        status: 200,
        body: { items: [] },
      },
    });
    renderWithApp(<ReadingView slug="isfahan" consultation={consultationFixture()} />);
    await userEvent.click(screen.getByRole('button', { name: 'دیدگاه‌ها و پیشنهادهای این بند: ۳ + ۲ از ویراست ۱' }));
    const panel = screen.getByRole('complementary', { name: 'گفت‌وگو دربارهٔ این بند' });
    expect(within(panel).getByText('دیدگاه‌ها روی ویراست ۱ (۲)')).toBeInTheDocument();
    expect(await within(panel).findByRole('heading', { name: /دیدگاه‌های این بند/ })).toBeInTheDocument();
    expect(within(panel).getByRole('heading', { name: 'پیشنهادهای بازنویسی' })).toBeInTheDocument();
    const threadCalls = fetchMock.mock.calls.map(([url]) => String(url)).filter((url) => url.includes('/comments?'));
    expect(
      threadCalls.some(
        (url) => url.includes('targetType=paragraph') && url.includes('5b000000-0000-4000-8000-000000000001'),
      ),
    ).toBe(true);
  });

  it('says when the window has closed and reading an older edition, and hides the comment forms', () => {
    mockFetch({
      'GET /api/auth/session': { status: 200, body: CITIZEN_SESSION },
      'GET /api/orgs/isfahan/comments': emptyThread,
    });
    const base = consultationFixture();
    const older = consultationFixture({
      activity: { ...base.activity, isOpen: false },
      edition: { ...base.edition!, number: 1, isLatest: false },
      canComment: false,
      cannotCommentReason: 'plans.activity_closed',
    });
    renderWithApp(<ReadingView slug="isfahan" consultation={older} />);
    expect(screen.getByText('مهلت این نظرخواهی به پایان رسیده است.')).toBeInTheDocument();
    expect(screen.getByText(/شما ویراست ۱ را می‌خوانید؛ تازه‌ترین ویراست، ویراست ۲ است/)).toBeInTheDocument();
    expect(screen.queryByRole('textbox')).not.toBeInTheDocument();
  });

  it('shows an empty state before the first edition is published', () => {
    mockFetch({ 'GET /api/auth/session': { status: 200, body: CITIZEN_SESSION } });
    renderWithApp(<ReadingView slug="isfahan" consultation={consultationFixture({ edition: null, editions: [] })} />);
    expect(screen.getByRole('heading', { name: 'سند هنوز منتشر نشده است' })).toBeInTheDocument();
  });

  it('offers a visitor who is not signed in the sign-in link instead of the comment form', async () => {
    mockFetch({
      'GET /api/auth/session': { status: 200, body: { ...CITIZEN_SESSION, account: null, memberships: [] } },
      'GET /api/orgs/isfahan/comments': emptyThread,
    });
    const visitor = consultationFixture({ canComment: false, cannotCommentReason: 'common.unauthenticated' });
    renderWithApp(<ReadingView slug="isfahan" consultation={visitor} />);
    expect(await screen.findByRole('link', { name: 'برای نوشتن دیدگاه وارد شوید.' })).toBeInTheDocument();
    expect(screen.queryByRole('textbox')).not.toBeInTheDocument();
  });

  it('leads back to the plan and stage, says when comments close, and tells a commenter that text can be selected (until dismissed)', async () => {
    const base = consultationFixture();
    const consultation = consultationFixture({ activity: { ...base.activity, closesAt: '2026-05-20T20:29:59.000Z' } });
    const plan = {
      id: base.activity.planId,
      title: { fa: 'برنامه توسعه شهر اصفهان' },
      stages: [{ id: base.activity.stageId, title: { fa: 'مرحله شناخت' } }],
    };
    mockFetch({
      'GET /api/auth/session': { status: 200, body: CITIZEN_SESSION },
      'GET /api/orgs/isfahan/comments': emptyThread,
      [`GET /api/orgs/isfahan/plans/${base.activity.planId}`]: { status: 200, body: plan },
    });
    const user = userEvent.setup();
    const { unmount } = renderWithApp(<ReadingView slug="isfahan" consultation={consultation} />);

    const trail = screen.getByRole('navigation', { name: 'مسیر' });
    expect(await within(trail).findByRole('link', { name: 'برنامه توسعه شهر اصفهان' })).toHaveAttribute(
      'href',
      `/isfahan/plans/${plan.id}`,
    );
    expect(within(trail).getByRole('link', { name: 'مرحله شناخت' })).toHaveAttribute(
      'href',
      `/isfahan/plans/${plan.id}/stages/${base.activity.stageId}`,
    );
    // 20 May 2026 23:59 in Tehran is 30 Ordibehesht 1405.
    expect(screen.getByText('مهلت دیدگاه تا').closest('p')).toHaveTextContent('۳۰ اردیبهشت ۱۴۰۵');

    const hint = await screen.findByRole('note');
    expect(hint).toHaveTextContent('آن را انتخاب کنید');
    expect(hint).toHaveTextContent('«دیدگاه دربارهٔ این بخش»');
    await user.click(within(hint).getByRole('button', { name: 'فهمیدم' }));
    expect(screen.queryByRole('note')).not.toBeInTheDocument();
    unmount();
    renderWithApp(<ReadingView slug="isfahan" consultation={consultation} />);
    await screen.findByRole('navigation', { name: 'مسیر' });
    expect(screen.queryByRole('note')).not.toBeInTheDocument();
  });

  it('shows no selection hint to a visitor who cannot comment', async () => {
    mockFetch({
      'GET /api/auth/session': { status: 200, body: CITIZEN_SESSION },
      'GET /api/orgs/isfahan/comments': emptyThread,
    });
    renderWithApp(<ReadingView slug="isfahan" consultation={consultationFixture({ canComment: false })} />);
    await screen.findAllByTestId('document-block');
    expect(screen.queryByRole('note')).not.toBeInTheDocument();
  });
});
