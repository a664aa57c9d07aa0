import type { TConsultation, TDocumentBlock } from '@hamandishi/contracts';

export const ACTIVITY_ID = '5a000000-0000-4000-8000-000000000001';
export const EDITION_ID = '5e000000-0000-4000-8000-000000000002';

/** A block with sensible defaults. */
export function block(n: number, text: string, overrides: Partial<TDocumentBlock> = {}): TDocumentBlock {
  return {
    id: `5b000000-0000-4000-8000-00000000000${n}`,
    anchor: `a${n}`,
    kind: 'paragraph',
    text,
    ordered: null,
    items: null,
    rows: null,
    image: null,
    commentCount: 0,
    carriedCommentCount: 0,
    earlierBlocks: [],
    amendmentCount: 0,
    change: null,
    ...overrides,
  };
}

/** Edition 2 of a recognition report: two sections, carried comments, a modified and a new block. */
export function consultationFixture(overrides: Partial<TConsultation> = {}): TConsultation {
  return {
    activity: {
      id: ACTIVITY_ID,
      planId: '5c000000-0000-4000-8000-000000000003',
      stageId: '5d000000-0000-4000-8000-000000000004',
      title: { fa: 'نظرخواهی درباره گزارش مرحله شناخت', en: 'Consultation on the recognition report' },
      opensAt: '2026-04-01T00:00:00.000Z',
      closesAt: null,
      isOpen: true,
    },
    editions: [
      {
        id: '5e000000-0000-4000-8000-000000000001',
        number: 1,
        title: 'گزارش مرحله شناخت',
        status: 'published',
        source: 'docx',
        publishedAt: '2026-04-02T08:00:00.000Z',
        blockCount: 3,
        commentCount: 2,
      },
      {
        id: EDITION_ID,
        number: 2,
        title: 'گزارش مرحله شناخت، ویراست دوم',
        status: 'published',
        source: 'editor',
        publishedAt: '2026-05-02T08:00:00.000Z',
        blockCount: 4,
        commentCount: 3,
      },
    ],
    edition: {
      id: EDITION_ID,
      number: 2,
      title: 'گزارش مرحله شناخت، ویراست دوم',
      status: 'published',
      changeSummary: 'بند حمل‌ونقل بازنویسی شد.',
      publishedAt: '2026-05-02T08:00:00.000Z',
      isLatest: true,
      documentCommentCount: 0,
      sections: [
        {
          id: '5f000000-0000-4000-8000-000000000001',
          anchor: 'vaz-mojood',
          heading: 'وضع موجود',
          level: 1,
          blocks: [
            block(1, 'شهروندان می\u200Cخواهند فضای سبز بیشتری در محله\u200Cهای قدیمی ساخته شود.', {
              commentCount: 3,
              carriedCommentCount: 2,
              earlierBlocks: [{ id: '5b000000-0000-4000-8000-000000000009', editionNumber: 1, commentCount: 2 }],
            }),
            block(2, 'حمل‌ونقل عمومی باید تا سال ۱۴۱۰ دو برابر شود.', { change: 'modified', commentCount: 1 }),
          ],
        },
        {
          id: '5f000000-0000-4000-8000-000000000002',
          anchor: 'khastehha',
          heading: 'خواسته‌ها',
          level: 1,
          blocks: [block(3, 'پیاده‌راه چهارباغ گسترش یابد.', { change: 'new' })],
        },
      ],
    },
    canComment: true,
    cannotCommentReason: null,
    canManage: false,
    ...overrides,
  };
}
