import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { TComment } from '@hamandishi/contracts';
import { CommentThread } from './comment-thread';
import { CITIZEN_SESSION, PROBLEM } from '../../problems/test-fixtures';
import { mockFetch, renderWithApp } from '../../../../test/render';

jest.mock('@/lib/socket-client', () => ({
  getSocket: () => Promise.resolve({ connected: false, on: () => {}, off: () => {}, emit: () => {} }),
  reconnectSocket: () => {},
  whenSocketOpens: () => () => {},
  closeSocket: () => {},
}));

function comment(id: number, depth: number, body: string, overrides: Partial<TComment> = {}): TComment {
  return {
    id: `0c000000-0000-4000-8000-00000000000${id}`,
    parentId: depth === 0 ? null : `0c000000-0000-4000-8000-00000000000${id - 1}`,
    depth,
    author: { id: '0b000000-0000-4000-8000-00000000000' + id, displayName: `نویسنده ${id}` },
    authorCapacity: 'citizen',
    body,
    bodyHtml: `<p>${body}</p>`,
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
    ...overrides,
  };
}

describe('CommentThread', () => {
  it('nests replies three levels deep, offers no reply at the deepest level, and shows hidden and official comments', async () => {
    const deepest = comment(3, 2, 'پاسخ به پاسخ', { alignment: 'disagree' });
    const reply = comment(2, 1, 'پاسخ نخست', { replies: [deepest], isOfficial: true });
    const top = comment(1, 0, 'دیدگاه اصلی', { alignment: 'agree', upvotes: 5, replies: [reply] });
    const hidden = comment(4, 0, '', {
      parentId: null,
      body: null,
      bodyHtml: null,
      isHidden: true,
      hiddenReason: 'توهین',
    });
    mockFetch({
      'GET /api/auth/session': { status: 200, body: CITIZEN_SESSION },
      'GET /api/orgs/isfahan/comments': {
        status: 200,
        body: { items: [top, hidden], nextCursor: null, threadCount: 2, commentCount: 4 },
      },
    });
    renderWithApp(<CommentThread slug="isfahan" targetType="problem" targetId={PROBLEM.id} />);

    const topItem = (await screen.findByText('دیدگاه اصلی')).closest('li') as HTMLElement;
    const replyItem = within(topItem).getByText('پاسخ نخست').closest('li') as HTMLElement;
    const deepestItem = within(replyItem).getByText('پاسخ به پاسخ').closest('li') as HTMLElement;
    expect(topItem).toHaveAttribute('data-depth', '0');
    expect(replyItem).toHaveAttribute('data-depth', '1');
    expect(deepestItem).toHaveAttribute('data-depth', '2');

    const ownButtons = (item: HTMLElement) => within(item.querySelector(':scope > article') as HTMLElement);
    expect(ownButtons(topItem).getByRole('button', { name: 'پاسخ' })).toBeInTheDocument();
    expect(ownButtons(replyItem).getByRole('button', { name: 'پاسخ' })).toBeInTheDocument();
    expect(ownButtons(deepestItem).queryByRole('button', { name: 'پاسخ' })).not.toBeInTheDocument();

    expect(ownButtons(topItem).getByText('موافق')).toBeInTheDocument();
    expect(ownButtons(topItem).getByRole('button', { name: '▲ رأی موافق (۵)' })).toBeInTheDocument();
    expect(ownButtons(deepestItem).getByText('مخالف')).toBeInTheDocument();
    expect(replyItem).toHaveClass('comment--official');
    expect(ownButtons(replyItem).getByText('پاسخ رسمی')).toBeInTheDocument();
    expect(screen.getByText('پنهان‌شده به‌دست ناظر: توهین')).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'دیدگاه‌ها (۴)' })).toBeInTheDocument();
  });

  it('shows a passage comment’s quote and its outcome; a planner records an outcome with a reason', async () => {
    const passageComment = comment(5, 0, 'این بند دقیق نیست', {
      passage: { start: 0, end: 9, quote: 'شهروندان' },
      outcome: { status: 'incorporated', reason: 'در ویراست دوم اصلاح شد', decidedAt: '2026-05-01T08:00:00.000Z' },
    });
    const planner = {
      ...CITIZEN_SESSION,
      memberships: CITIZEN_SESSION.memberships.map((m) => ({ ...m, roles: [...m.roles, 'planner' as const] })),
    };
    const fetchMock = mockFetch({
      'GET /api/auth/session': { status: 200, body: planner, setCookie: 'hm_csrf=token' },
      'GET /api/orgs/isfahan/comments': {
        status: 200,
        body: { items: [passageComment], nextCursor: null, threadCount: 1, commentCount: 1 },
      },
      [`POST /api/orgs/isfahan/comments/${passageComment.id}/outcome`]: { status: 200, body: passageComment },
    });
    const onPassageClick = jest.fn();
    renderWithApp(
      <CommentThread slug="isfahan" targetType="paragraph" targetId={PROBLEM.id} onPassageClick={onPassageClick} />,
    );

    const item = (await screen.findByText('این بند دقیق نیست')).closest('li') as HTMLElement;
    await userEvent.click(within(item).getByRole('button', { name: 'شهروندان' }));
    expect(onPassageClick).toHaveBeenCalledWith({ start: 0, end: 9, quote: 'شهروندان' });
    expect(within(item).getByText('در ویراست بعدی اعمال شد')).toBeInTheDocument();
    expect(within(item).getByText('دلیل: در ویراست دوم اصلاح شد')).toBeInTheDocument();

    await userEvent.click(within(item).getByRole('button', { name: 'نتیجهٔ بررسی' }));
    const dialog = await screen.findByRole('dialog', { name: 'نتیجهٔ بررسی این دیدگاه' });
    await userEvent.click(within(dialog).getByRole('radio', { name: 'اعمال نشد' }));
    await userEvent.clear(within(dialog).getByRole('textbox', { name: 'دلیل' }));
    await userEvent.type(within(dialog).getByRole('textbox', { name: 'دلیل' }), 'با قانون بالادستی همخوان نیست');
    await userEvent.click(within(dialog).getByRole('button', { name: 'ثبت نتیجه' }));
    const post = fetchMock.mock.calls.find(
      ([url, init]) => init?.method === 'POST' && String(url).endsWith('/outcome'),
    );
    expect(JSON.parse(String(post?.[1]?.body))).toEqual({
      outcome: 'not_incorporated',
      reason: 'با قانون بالادستی همخوان نیست',
    });
  });

  it('brings the comment a link points to (#comment-<id>) into view and focus, as the moderation queue links it', async () => {
    const first = comment(1, 0, 'دیدگاه نخست');
    const second = comment(5, 0, 'دیدگاه گزارش‌شده', { parentId: null });
    mockFetch({
      'GET /api/auth/session': { status: 200, body: CITIZEN_SESSION },
      'GET /api/orgs/isfahan/comments': { status: 200, body: { items: [first, second], nextCursor: null, total: 2 } },
    });
    const scrolled = jest.spyOn(Element.prototype, 'scrollIntoView');
    renderWithApp(
      <CommentThread slug="isfahan" targetType="problem" targetId={PROBLEM.id} />,
      `/isfahan/problems/${PROBLEM.id}#comment-${second.id}`,
    );

    const item = (await screen.findByText('دیدگاه گزارش‌شده')).closest('li') as HTMLElement;
    expect(item).toHaveAttribute('id', `comment-${second.id}`);
    expect(item).toHaveClass('comment--linked');
    expect(item).toHaveFocus();
    expect(scrolled.mock.contexts).toContain(item);
    expect(screen.getByText('دیدگاه نخست').closest('li') as HTMLElement).not.toHaveClass('comment--linked');
    scrolled.mockRestore();
  });
});
