import type { DemandCapacity, DemandKind, DemandSourceKind, Locale } from '@hamandishi/contracts';
import { formatDate } from '@hamandishi/text';
import { CAPACITY_LABELS, KIND_LABELS, NONE_LABEL, SOURCE_LABELS, wordIn } from '../export/demand-export-labels';
import type { LabelledCount, ReportFigures } from './demand-report.repository';

type Words = Record<Locale, string>;

/** The report's fixed words; `{n}`-style slots are filled by `fill`. */
export const REPORT_WORDS = {
  title: { fa: 'سند پشتیبان: مطالبات دسته‌بندی‌شده', ar: 'وثيقة داعمة: المطالب المصنّفة', en: 'Supporting document: categorised demands' },
  summary: { fa: 'خلاصه', ar: 'الملخص', en: 'Summary' },
  summaryText: {
    fa: 'در این برنامه {total} مطالبه از {participants} مشارکت‌کننده و {stakeholders} ذی‌نفع ثبت‌شده، در {meetings} جلسه و از {districtsHeard} منطقه از {districtsTotal} منطقه شهر شنیده شده است ({from} تا {to}).',
    ar: 'سُجّل في هذه الخطة {total} مطلبًا من {participants} مشاركًا و{stakeholders} جهة معنية مسجّلة، في {meetings} اجتماعًا ومن {districtsHeard} منطقة من أصل {districtsTotal} ({from} إلى {to}).',
    en: 'This plan heard {total} demands from {participants} participants and {stakeholders} registered stakeholders, in {meetings} meetings and from {districtsHeard} of the city’s {districtsTotal} districts ({from} to {to}).',
  },
  method: { fa: 'روش', ar: 'المنهجية', en: 'Method' },
  methodText: {
    fa: 'هر ورودی (مسئله، نظر، پاسخ پرسش‌نامه، گفته اتاق فکر، یا مطالبه ثبت‌شده از جلسه) یک مطالبه است. {tagged} مطالبه ({taggedShare}) موضوع‌بندی شده‌اند: {byPlanner} به دست کارشناس و {bySuggestion} با پذیرش پیشنهاد مدل محلی.',
    ar: 'كل مُدخل (مشكلة، تعليق، إجابة استبيان، قول في مجلس التفكير، أو مطلب مسجّل من اجتماع) هو مطلب. صُنّف {tagged} مطلبًا ({taggedShare}): {byPlanner} بيد المخطِّط و{bySuggestion} بقبول اقتراح النموذج المحلي.',
    en: 'Every input (a problem, a comment, a survey answer, a think-tank statement, or a demand recorded at a meeting) is one demand. {tagged} demands ({taggedShare}) have themes: {byPlanner} set by a planner and {bySuggestion} by accepting the local model’s suggestion.',
  },
  classifierText: {
    fa: 'دقت مدل پیشنهاد موضوع (میانگین F1) روی مطالبات کنارگذاشته: {f1}.',
    ar: 'دقة نموذج اقتراح المواضيع (متوسط F1) على المطالب المحجوزة: {f1}.',
    en: 'Accuracy of the theme suggestion model (macro-F1) on held-out demands: {f1}.',
  },
  bySource: { fa: 'منبع مطالبات', ar: 'مصادر المطالب', en: 'Sources of demands' },
  byTheme: { fa: 'مطالبات بر پایه موضوع', ar: 'المطالب حسب الموضوع', en: 'Demands by theme' },
  byCapacity: { fa: 'مطالبات بر پایه عنوان مشارکت و نوع ذی‌نفع', ar: 'المطالب حسب صفة المشاركة ونوع الجهة المعنية', en: 'Demands by capacity and stakeholder kind' },
  byDistrict: { fa: 'مطالبات و مشارکت بر پایه منطقه', ar: 'المطالب والمشاركة حسب المنطقة', en: 'Demands and participation by district' },
  byKind: { fa: 'نوع مطالبات', ar: 'أنواع المطالب', en: 'Kinds of demands' },
  topGroups: { fa: 'گروه‌های پرتکرار و نمونه گفته‌ها', ar: 'المجموعات الأكثر تكرارًا ونماذج من الأقوال', en: 'Most frequent groups and representative quotes' },
  noGroups: { fa: 'هنوز گروهی ساخته نشده است.', ar: 'لم تُنشأ مجموعات بعد.', en: 'No groups yet.' },
  unnamedGroup: { fa: 'گروه بی‌نام', ar: 'مجموعة بلا اسم', en: 'Unnamed group' },
  label: { fa: 'عنوان', ar: 'العنوان', en: 'Label' },
  count: { fa: 'شمار', ar: 'العدد', en: 'Count' },
  share: { fa: 'سهم', ar: 'النسبة', en: 'Share' },
  population: { fa: 'جمعیت', ar: 'السكان', en: 'Population' },
  perThousand: { fa: 'در هر هزار نفر', ar: 'لكل ألف نسمة', en: 'Per 1,000 people' },
  groupCount: { fa: '{count} مطالبه', ar: '{count} مطلبًا', en: '{count} demands' },
  untagged: { fa: 'بدون موضوع', ar: 'بلا موضوع', en: 'No theme' },
  generated: { fa: 'تهیه‌شده در {date}', ar: 'أُعدّ في {date}', en: 'Prepared on {date}' },
  notMeasured: { fa: 'هنوز سنجیده نشده', ar: 'لم يُقَس بعد', en: 'not measured yet' },
} satisfies Record<string, Words>;

/** A table of the report: its rows as text (numbers already in the locale's digits). */
export type ReportTable = { title: string; header: string[]; rows: string[][]; chart: { labels: string[]; values: number[] } | null };

/** The report as words and tables, independent of its file format (Typst and docx both read it). */
export type ReportDocument = {
  locale: Locale;
  isRtl: boolean;
  title: string;
  subtitle: string;
  generated: string;
  summaryTitle: string;
  summary: string;
  methodTitle: string;
  method: string[];
  tables: ReportTable[];
  groupsTitle: string;
  groups: { title: string; quotes: string[] }[];
  noGroups: string;
};

/** Fills `{name}` slots. */
function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => values[k] ?? '');
}

/** Builds the report's words from its figures in the planner's language (numbers in its digits). */
export function reportDocument(figures: ReportFigures, locale: Locale, timeZone: string, now = new Date()): ReportDocument {
  const w = (words: Words) => wordIn(words, locale);
  const numberFormat = new Intl.NumberFormat(locale === 'fa' ? 'fa-IR' : locale === 'ar' ? 'ar-EG' : 'en-US');
  const percentFormat = new Intl.NumberFormat(locale === 'fa' ? 'fa-IR' : locale === 'ar' ? 'ar-EG' : 'en-US', {
    style: 'percent',
    maximumFractionDigits: 1,
  });
  const num = (n: number) => numberFormat.format(n);
  const pct = (n: number, of: number) => (of > 0 ? percentFormat.format(n / of) : num(0));
  const date = (d: Date | null) => (d ? formatDate(new Date(d), locale, { timeZone }) : '—');
  const total = figures.total;

  const countTable = (
    title: Words,
    counts: LabelledCount[],
    labelOf: (c: LabelledCount) => string,
  ): ReportTable => {
    const rows = counts.map((c) => [labelOf(c), num(c.count), pct(c.count, total)]);
    return {
      title: w(title),
      header: [w(REPORT_WORDS.label), w(REPORT_WORDS.count), w(REPORT_WORDS.share)],
      rows,
      chart: counts.length ? { labels: counts.map(labelOf), values: counts.map((c) => c.count) } : null,
    };
  };
  const none = w(NONE_LABEL);

  const byTheme = [...figures.byTheme];
  const untagged = total - figures.tagged;
  if (untagged > 0) byTheme.push({ key: null, label: w(REPORT_WORDS.untagged), count: untagged });

  const districtTable: ReportTable = {
    title: w(REPORT_WORDS.byDistrict),
    header: [w(REPORT_WORDS.label), w(REPORT_WORDS.count), w(REPORT_WORDS.share), w(REPORT_WORDS.population), w(REPORT_WORDS.perThousand)],
    rows: figures.byDistrict.map((d) => [
      d.label ?? none,
      num(d.count),
      pct(d.count, total),
      d.population ? num(d.population) : '—',
      d.population ? new Intl.NumberFormat(locale === 'fa' ? 'fa-IR' : locale === 'ar' ? 'ar-EG' : 'en-US', { maximumFractionDigits: 1 }).format((d.count * 1000) / d.population) : '—',
    ]),
    chart: figures.byDistrict.length
      ? { labels: figures.byDistrict.map((d) => d.label ?? none), values: figures.byDistrict.map((d) => d.count) }
      : null,
  };

  const method = [
    fill(w(REPORT_WORDS.methodText), {
      tagged: num(figures.tagged),
      taggedShare: pct(figures.tagged, total),
      byPlanner: num(figures.taggedByPlanner),
      bySuggestion: num(figures.taggedBySuggestion),
    }),
    fill(w(REPORT_WORDS.classifierText), {
      f1: figures.classifierMacroF1 === null ? w(REPORT_WORDS.notMeasured) : num(Math.round(figures.classifierMacroF1 * 100) / 100),
    }),
  ];

  return {
    locale,
    isRtl: locale !== 'en',
    title: w(REPORT_WORDS.title),
    subtitle: [figures.planTitle, figures.organizationName].filter(Boolean).join(' — '),
    generated: fill(w(REPORT_WORDS.generated), { date: date(now) }),
    summaryTitle: w(REPORT_WORDS.summary),
    summary: fill(w(REPORT_WORDS.summaryText), {
      total: num(total),
      participants: num(figures.participants),
      stakeholders: num(figures.stakeholders),
      meetings: num(figures.meetings),
      districtsHeard: num(figures.districtsHeard),
      districtsTotal: num(figures.districtsTotal),
      from: date(figures.first),
      to: date(figures.last),
    }),
    methodTitle: w(REPORT_WORDS.method),
    method,
    tables: [
      countTable(REPORT_WORDS.byTheme, byTheme, (c) => c.label ?? none),
      countTable(REPORT_WORDS.byCapacity, figures.byCapacity, (c) => (c.key ? wordIn(CAPACITY_LABELS[c.key as DemandCapacity] ?? { fa: c.key }, locale) : none)),
      districtTable,
      countTable(REPORT_WORDS.bySource, figures.bySource, (c) => (c.key ? wordIn(SOURCE_LABELS[c.key as DemandSourceKind] ?? { fa: c.key }, locale) : none)),
      countTable(REPORT_WORDS.byKind, figures.byKind, (c) => (c.key ? wordIn(KIND_LABELS[c.key as DemandKind] ?? { fa: c.key }, locale) : none)),
    ],
    groupsTitle: w(REPORT_WORDS.topGroups),
    groups: figures.topGroups.map((g) => ({
      title: `${g.name ?? w(REPORT_WORDS.unnamedGroup)} (${fill(w(REPORT_WORDS.groupCount), { count: num(g.count) })})`,
      quotes: g.quotes,
    })),
    noGroups: w(REPORT_WORDS.noGroups),
  };
}
