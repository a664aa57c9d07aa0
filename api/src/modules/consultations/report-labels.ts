import {
  ALIGNMENTS,
  AMENDMENT_STATUSES,
  COMMENT_OUTCOMES,
  type Locale,
  REPORT_CAPACITIES,
  type TLocalizedText,
} from '@hamandishi/contracts';
import { PLAN_TIME_ZONE } from '../plans/plan-calendar';

// The consultation report leaves the application as CSV and XLSX files that planners print, send
// and file: they must read like the report on screen, in the planner's language and calendar. The
// web's catalogs are not shipped to the server, so the few words the exports need live here, worded
// as the web's (web/src/locales/<lng>/consultations.json, comments.json); the spec checks that every
// value of the contracts' enums has a label in every language.

type Labels = {
  capacities: Record<(typeof REPORT_CAPACITIES)[number], string>;
  alignments: Record<(typeof ALIGNMENTS)[number] | 'none', string>;
  outcomes: Record<(typeof COMMENT_OUTCOMES)[number], string>;
  amendmentStatuses: Record<(typeof AMENDMENT_STATUSES)[number], string>;
  sheets: { paragraphs: string; committees: string; amendments: string; unanswered: string };
  columns: {
    place: string;
    committee: string;
    text: string;
    comments: string;
    unanswered: string;
    incorporated: string;
    notIncorporated: string;
    amendments: string;
    sections: string;
    edition: string;
    proposedText: string;
    support: string;
    status: string;
    comment: string;
    capacity: string;
    alignment: string;
    date: string;
  };
  document: string;
  totals: string;
  dropped: string;
  noCommittee: string;
  introSection: string;
  /** Comments on one edition, as a column header. */
  editionComments: (number: string) => string;
  section: (number: string) => string;
  paragraph: (section: string, number: string) => string;
};

const LABELS: Record<Locale, Labels> = {
  fa: {
    capacities: { citizen: 'شهروند', ngo: 'سمن', expert: 'خبره', manager: 'مدیر', planner: 'برنامه‌ریز' },
    alignments: { agree: 'موافق', disagree: 'مخالف', neutral: 'بی‌طرف', none: 'بدون موضع' },
    outcomes: { incorporated: 'اعمال‌شده', not_incorporated: 'اعمال‌نشده' },
    amendmentStatuses: { open: 'در انتظار بررسی', accepted: 'پذیرفته شد', rejected: 'پذیرفته نشد' },
    sheets: {
      paragraphs: 'بندها',
      committees: 'کارگروه‌ها',
      amendments: 'پیشنهادهای بازنویسی',
      unanswered: 'دیدگاه‌های بی‌پاسخ',
    },
    columns: {
      place: 'بخش و بند',
      committee: 'کارگروه',
      text: 'متن بند',
      comments: 'دیدگاه‌ها',
      unanswered: 'بی‌پاسخ',
      incorporated: 'اعمال‌شده',
      notIncorporated: 'اعمال‌نشده',
      amendments: 'پیشنهاد بازنویسی',
      sections: 'بخش‌ها',
      edition: 'ویراست',
      proposedText: 'متن پیشنهادی',
      support: 'حمایت',
      status: 'وضعیت',
      comment: 'دیدگاه',
      capacity: 'نقش',
      alignment: 'موضع',
      date: 'تاریخ',
    },
    document: 'کل سند',
    totals: 'جمع',
    dropped: 'بندهای حذف‌شده',
    noCommittee: 'بدون کارگروه',
    introSection: 'پیش‌درآمد',
    editionComments: (n) => `دیدگاه‌های ویراست ${n}`,
    section: (n) => `بخش ${n}`,
    paragraph: (section, n) => `${section} › بند ${n}`,
  },
  ar: {
    capacities: { citizen: 'مواطن', ngo: 'منظمة مجتمع مدني', expert: 'خبير', manager: 'مدير', planner: 'مخطِّط' },
    alignments: { agree: 'موافق', disagree: 'معارض', neutral: 'محايد', none: 'بلا موقف' },
    outcomes: { incorporated: 'أُخذ به', not_incorporated: 'لم يُؤخذ به' },
    amendmentStatuses: { open: 'قيد المراجعة', accepted: 'مقبول', rejected: 'مرفوض' },
    sheets: {
      paragraphs: 'الفقرات',
      committees: 'اللجان',
      amendments: 'مقترحات إعادة الصياغة',
      unanswered: 'تعليقات بلا رد',
    },
    columns: {
      place: 'القسم والفقرة',
      committee: 'اللجنة',
      text: 'نص الفقرة',
      comments: 'التعليقات',
      unanswered: 'بلا رد',
      incorporated: 'أُخذ بها',
      notIncorporated: 'لم يُؤخذ بها',
      amendments: 'مقترحات إعادة الصياغة',
      sections: 'الأقسام',
      edition: 'الإصدار',
      proposedText: 'النص المقترح',
      support: 'التأييد',
      status: 'الحالة',
      comment: 'التعليق',
      capacity: 'الصفة',
      alignment: 'الموقف',
      date: 'التاريخ',
    },
    document: 'الوثيقة كاملة',
    totals: 'المجموع',
    dropped: 'فقرات محذوفة',
    noCommittee: 'بلا لجنة',
    introSection: 'تمهيد',
    editionComments: (n) => `تعليقات الإصدار ${n}`,
    section: (n) => `القسم ${n}`,
    paragraph: (section, n) => `${section} › الفقرة ${n}`,
  },
  en: {
    capacities: { citizen: 'Citizen', ngo: 'NGO', expert: 'Expert', manager: 'Manager', planner: 'Planner' },
    alignments: { agree: 'Agree', disagree: 'Disagree', neutral: 'Neutral', none: 'No stance' },
    outcomes: { incorporated: 'Incorporated', not_incorporated: 'Not incorporated' },
    amendmentStatuses: { open: 'Under review', accepted: 'Accepted', rejected: 'Rejected' },
    sheets: {
      paragraphs: 'Paragraphs',
      committees: 'Committees',
      amendments: 'Proposed rewordings',
      unanswered: 'Unanswered comments',
    },
    columns: {
      place: 'Section and paragraph',
      committee: 'Committee',
      text: 'Paragraph text',
      comments: 'Comments',
      unanswered: 'Unanswered',
      incorporated: 'Incorporated',
      notIncorporated: 'Not incorporated',
      amendments: 'Proposed rewordings',
      sections: 'Sections',
      edition: 'Edition',
      proposedText: 'Proposed text',
      support: 'Support',
      status: 'Status',
      comment: 'Comment',
      capacity: 'Capacity',
      alignment: 'Stance',
      date: 'Date',
    },
    document: 'Whole document',
    totals: 'Total',
    dropped: 'Removed paragraphs',
    noCommittee: 'No committee',
    introSection: 'Introduction',
    editionComments: (n) => `Comments on edition ${n}`,
    section: (n) => `Section ${n}`,
    paragraph: (section, n) => `${section} › paragraph ${n}`,
  },
};

// The same calendars and digits as the web (web/src/lib/format.ts): Solar Hijri in Persian, and
// in Arabic too, since the plan's dates, deadlines and council minutes of an Iranian city are
// Solar Hijri whatever the reader's language; Gregorian in English for outside readers.
const INTL_LOCALES: Record<Locale, string> = {
  fa: 'fa-IR-u-ca-persian-nu-arabext',
  ar: 'ar-u-ca-persian-nu-arab',
  en: 'en-GB-u-ca-gregory',
};

const dateTimeFormats = new Map<Locale, Intl.DateTimeFormat>();
const numberFormats = new Map<Locale, Intl.NumberFormat>();

/** The export labels of a language. */
export function reportLabels(locale: Locale): Labels {
  return LABELS[locale];
}

/**
 * A date and time as the planner reads it: "۱۴۰۵/۰۹/۱۱، ۱۲:۰۰" in Persian, on the wall clock of
 * the plan's time zone (Tehran), never ISO UTC.
 */
export function formatReportDate(value: Date | string, locale: Locale): string {
  let format = dateTimeFormats.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(INTL_LOCALES[locale], {
      timeZone: PLAN_TIME_ZONE,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    dateTimeFormats.set(locale, format);
  }
  return format.format(new Date(value));
}

/** A section or paragraph number in the language's digits, as the printed report shows it. */
export function formatReportNumber(value: number, locale: Locale): string {
  let format = numberFormats.get(locale);
  if (!format)
    numberFormats.set(locale, (format = new Intl.NumberFormat(INTL_LOCALES[locale], { useGrouping: false })));
  return format.format(value);
}

/** A name in the asked language, else Persian (every localised name has it). */
export function localizedName(name: TLocalizedText, locale: Locale): string {
  return (name as Partial<Record<Locale, string>>)[locale] || name.fa;
}
