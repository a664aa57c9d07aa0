import { i18next } from '@/app/i18n';
import { notificationText } from './notification-text';

describe('notificationText', () => {
  it.each([
    [
      'fa',
      'نتیجهٔ بررسی دیدگاه شما («فضای سبز کم است») در نظرخواهی «گزارش شناخت»: در ویراست بعدی اعمال شد. دلیل: در بند ۳ آمد',
    ],
    [
      'ar',
      'نتيجة مراجعة تعليقك («فضای سبز کم است») في استشارة «گزارش شناخت»: أُخذ به في النسخة التالية. السبب: در بند ۳ آمد',
    ],
    [
      'en',
      'Outcome of your comment (“فضای سبز کم است”) in the consultation “گزارش شناخت”: incorporated in the next edition. Reason: در بند ۳ آمد',
    ],
  ] as const)('words a comment outcome in %s', (locale, expected) => {
    const t = i18next.getFixedT(locale);
    const params = {
      excerpt: 'فضای سبز کم است',
      outcome: 'incorporated',
      reason: 'در بند ۳ آمد',
      activityTitle: 'گزارش شناخت',
    };
    expect(notificationText(t, { kind: 'comment.outcome', params })).toBe(expected);
  });
});
