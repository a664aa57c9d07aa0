import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { TCommentSearchPage, TConsultationReport, TEditionSummary } from '@hamandishi/contracts';
import { mockFetch, renderWithApp } from '../../../../test/render';
import { CITIZEN_SESSION } from '../../problems/test-fixtures';
import { ACTIVITY_ID, EDITION_ID } from '../test-fixtures';
import { ReportView } from './report-view';

const BASE = `/api/orgs/isfahan/consultations/${ACTIVITY_ID}`;
const TRANSPORT = 'c0000000-0000-4000-8000-000000000001';
const GREEN = 'c0000000-0000-4000-8000-000000000002';
const SECTION = '5c000000-0000-4000-8000-000000000001';
const BLOCK = '5b000000-0000-4000-8000-000000000001';

function counts(comments: number, byEdition: { number: number; comments: number }[] = []) {
  return {
    comments,
    byAlignment: { agree: 0, disagree: 0, neutral: 0, none: comments },
    byCapacity: { citizen: comments, ngo: 0, expert: 0, manager: 0, planner: 0 },
    unanswered: comments,
    incorporated: 0,
    notIncorporated: 0,
    amendments: 0,
    byEdition: byEdition.map((e) => ({ ...e, incorporated: 0, notIncorporated: 0 })),
  };
}

const REPORT: TConsultationReport = {
  edition: { id: EDITION_ID, number: 3, title: 'ویرایش سوم' },
  editions: [
    { number: 1, title: 'ویرایش نخست', publishedAt: '2026-11-01T08:00:00.000Z' },
    { number: 2, title: 'ویرایش دوم', publishedAt: '2026-11-15T08:00:00.000Z' },
    { number: 3, title: 'ویرایش سوم', publishedAt: '2026-12-01T08:00:00.000Z' },
  ],
  totals: counts(5, [
    { number: 1, comments: 3 },
    { number: 3, comments: 2 },
  ]),
  document: counts(0),
  droppedParagraphs: counts(1, [{ number: 1, comments: 1 }]),
  sections: [
    {
      id: SECTION,
      anchor: 'sabc-1',
      heading: 'حمل و نقل',
      number: 1,
      label: 'بخش ۱',
      committee: null,
      counts: counts(4),
      blocks: [
        {
          id: BLOCK,
          anchor: 'a1b2c3d4-1',
          number: 1,
          label: 'بخش ۱ › بند ۱',
          excerpt: 'خط دوم مترو',
          counts: counts(4, [
            { number: 1, comments: 2 },
            { number: 3, comments: 2 },
          ]),
        },
      ],
    },
  ],
  committees: [
    { committee: null, sectionCount: 1, counts: counts(4) },
    { committee: { id: TRANSPORT, name: { fa: 'کارگروه حمل و نقل' } }, sectionCount: 0, counts: counts(0) },
    { committee: { id: GREEN, name: { fa: 'کارگروه محیط زیست' } }, sectionCount: 0, counts: counts(0) },
  ],
  topAmendments: [],
  unansweredComments: [],
};

const EDITIONS: TEditionSummary[] = [1, 2, 3].map((number) => ({
  id: `5e000000-0000-4000-8000-00000000000${number}`,
  number,
  title: `ویرایش ${number}`,
  status: 'published',
  source: 'editor',
  publishedAt: '2026-12-01T08:00:00.000Z',
  blockCount: 1,
  commentCount: 1,
}));

const HITS: TCommentSearchPage = {
  items: [
    {
      commentId: 'cc000000-0000-4000-8000-000000000001',
      isReply: false,
      editionNumber: 1,
      blockId: BLOCK,
      blockAnchor: 'a1b2c3d4-1',
      excerpt: 'خط دوم مترو',
      body: 'پارکینگ ایستگاه‌ها کم است.',
      capacity: 'citizen',
      alignment: 'agree',
      outcome: null,
      createdAt: '2026-11-02T08:00:00.000Z',
    },
  ],
  nextCursor: null,
};

describe('ReportView', () => {
  it('numbers paragraphs, breaks counts down by edition and committee, assigns committees and asks for exports in the reader’s language', async () => {
    const fetch = mockFetch({
      'GET /api/auth/session': { status: 200, body: CITIZEN_SESSION },
      [`GET ${BASE}/report`]: { status: 200, body: REPORT },
      [`PUT ${BASE}/sections/${SECTION}/committee`]: (body) => ({
        status: 200,
        body: { sectionId: SECTION, ...(body as object) },
      }),
    });
    renderWithApp(<ReportView slug="isfahan" activityId={ACTIVITY_ID} editions={EDITIONS} />);

    const table = await screen.findByRole('table', { name: /شمار دیدگاه‌ها بر پایهٔ موضع/ });
    expect(within(table).getByText('بخش ۱ › بند ۱')).toBeInTheDocument();
    expect(within(table).getByRole('row', { name: /بخش ۱ › بند ۱/ })).toHaveTextContent('ویراست ۱: ۲ · ویراست ۳: ۲');
    expect(within(table).getByRole('row', { name: /بندهای حذف‌شده/ })).toBeInTheDocument();
    expect(screen.getByText(/دیدگاه‌های ویراست‌های ۱ تا ۳ شمرده شده‌اند/)).toBeInTheDocument();

    expect(screen.getByRole('link', { name: 'دریافت CSV' })).toHaveAttribute(
      'href',
      `${BASE}/report.csv?edition=3&lang=fa`,
    );
    expect(fetch.mock.calls.some(([url]) => String(url).includes('/report?edition=3&lang=fa'))).toBe(true);

    const committees = screen.getByRole('table', { name: 'شمار دیدگاه‌ها برای هر کارگروه مسئول بخش‌ها' });
    expect(within(committees).getByRole('row', { name: /بدون کارگروه/ })).toHaveTextContent('۴');

    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'کارگروه مسئول بخش ۱' }), 'کارگروه حمل و نقل');
    const put = fetch.mock.calls.find(([, init]) => init?.method === 'PUT');
    expect(JSON.parse(String(put?.[1]?.body))).toEqual({ committeeId: TRANSPORT });
    expect(await screen.findByText('کارگروه مسئول بخش ذخیره شد.')).toBeInTheDocument();
  });

  it('searches the comments and links each hit to its paragraph in its edition', async () => {
    const fetch = mockFetch({
      'GET /api/auth/session': { status: 200, body: CITIZEN_SESSION },
      [`GET ${BASE}/report`]: { status: 200, body: REPORT },
      [`GET ${BASE}/comments/search`]: { status: 200, body: HITS },
    });
    renderWithApp(<ReportView slug="isfahan" activityId={ACTIVITY_ID} editions={EDITIONS} />);

    const search = await screen.findByRole('search');
    await userEvent.type(within(search).getByRole('searchbox', { name: 'واژه یا عبارت' }), 'پاركينگ');
    await userEvent.click(within(search).getByRole('button', { name: 'جست‌وجو' }));

    expect(await screen.findByText('پارکینگ ایستگاه‌ها کم است.')).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('۱ دیدگاه یافت شد');
    const hit = screen.getByText('پارکینگ ایستگاه‌ها کم است.').closest('li') as HTMLElement;
    expect(within(hit).getByRole('link', { name: 'خط دوم مترو' })).toHaveAttribute(
      'href',
      `/isfahan/consultations/${ACTIVITY_ID}?edition=1#p-a1b2c3d4-1`,
    );
    const url = fetch.mock.calls.map(([u]) => String(u)).find((u) => u.includes('/comments/search'));
    expect(new URL(url!, 'http://x').searchParams.get('q')).toBe('پاركينگ');
  });
});
