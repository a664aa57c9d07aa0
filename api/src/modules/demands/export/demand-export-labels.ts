import type { DemandCapacity, DemandKind, DemandSourceKind, Locale } from '@hamandishi/contracts';

// The words of the demands exports and the supporting-document report in each language: the API
// writes files, so these cannot come from the web's catalogs.

type Words = Record<Locale, string>;

/** A word in the locale (Persian when missing). */
export function wordIn(words: Partial<Words>, locale: Locale): string {
  return words[locale] ?? words.fa ?? '';
}

/** Column headers of the CSV and XLSX exports, in order. */
export const COLUMN_HEADERS = {
  id: { fa: 'شناسه', ar: 'المعرّف', en: 'Id' },
  date: { fa: 'تاریخ', ar: 'التاريخ', en: 'Date' },
  source: { fa: 'منبع', ar: 'المصدر', en: 'Source' },
  meeting: { fa: 'جلسه', ar: 'الاجتماع', en: 'Meeting' },
  text: { fa: 'متن مطالبه', ar: 'نص المطلب', en: 'Demand' },
  kind: { fa: 'نوع', ar: 'النوع', en: 'Kind' },
  priority: { fa: 'اولویت', ar: 'الأولوية', en: 'Priority' },
  themes: { fa: 'موضوع‌ها', ar: 'المواضيع', en: 'Themes' },
  capacity: { fa: 'عنوان مشارکت', ar: 'صفة المشاركة', en: 'Capacity' },
  district: { fa: 'منطقه', ar: 'المنطقة', en: 'District' },
  stage: { fa: 'مرحله', ar: 'المرحلة', en: 'Stage' },
  group: { fa: 'گروه', ar: 'المجموعة', en: 'Group' },
  weight: { fa: 'وزن (حمایت‌ها)', ar: 'الوزن (التأييدات)', en: 'Weight (supports)' },
  lat: { fa: 'عرض جغرافیایی', ar: 'خط العرض', en: 'Latitude' },
  lng: { fa: 'طول جغرافیایی', ar: 'خط الطول', en: 'Longitude' },
  author: { fa: 'نام نویسنده', ar: 'اسم الكاتب', en: 'Author name' },
  contact: { fa: 'راه تماس', ar: 'وسيلة الاتصال', en: 'Contact' },
} satisfies Record<string, Words>;

/** Source kinds. */
export const SOURCE_LABELS: Record<DemandSourceKind, Words> = {
  problem: { fa: 'مسئله', ar: 'مشكلة', en: 'Problem' },
  comment: { fa: 'نظر', ar: 'تعليق', en: 'Comment' },
  survey_answer: { fa: 'پاسخ پرسش‌نامه', ar: 'إجابة استبيان', en: 'Survey answer' },
  thinktank_statement: { fa: 'گفته اتاق فکر', ar: 'قول في مجلس التفكير', en: 'Think-tank statement' },
  manual: { fa: 'ثبت دستی', ar: 'إدخال يدوي', en: 'Entered by hand' },
  import: { fa: 'ورود از فایل', ar: 'استيراد من ملف', en: 'Imported' },
};

/** Demand kinds. */
export const KIND_LABELS: Record<DemandKind, Words> = {
  problem: { fa: 'مسئله', ar: 'مشكلة', en: 'Problem' },
  suggestion: { fa: 'پیشنهاد', ar: 'اقتراح', en: 'Suggestion' },
  praise: { fa: 'قدردانی', ar: 'إشادة', en: 'Praise' },
  question: { fa: 'پرسش', ar: 'سؤال', en: 'Question' },
};

/** Priorities 1–3. */
export const PRIORITY_LABELS: Record<1 | 2 | 3, Words> = {
  1: { fa: 'زیاد', ar: 'عالية', en: 'High' },
  2: { fa: 'متوسط', ar: 'متوسطة', en: 'Medium' },
  3: { fa: 'کم', ar: 'منخفضة', en: 'Low' },
};

/** Author capacities and stakeholder kinds. */
export const CAPACITY_LABELS: Record<DemandCapacity, Words> = {
  citizen: { fa: 'شهروند', ar: 'مواطن', en: 'Citizen' },
  ngo: { fa: 'سمن', ar: 'منظمة غير حكومية', en: 'NGO' },
  expert: { fa: 'کارشناس', ar: 'خبير', en: 'Expert' },
  manager: { fa: 'مدیر', ar: 'مدير', en: 'Manager' },
  academic: { fa: 'دانشگاهی', ar: 'أكاديمي', en: 'Academic' },
  executive_agency: { fa: 'دستگاه اجرایی', ar: 'جهة تنفيذية', en: 'Executive agency' },
  city_council: { fa: 'شورای شهر', ar: 'مجلس المدينة', en: 'City council' },
  municipal_affiliate: { fa: 'سازمان وابسته شهرداری', ar: 'هيئة تابعة للبلدية', en: 'Municipal affiliate' },
  private_sector: { fa: 'بخش خصوصی', ar: 'القطاع الخاص', en: 'Private sector' },
  religious_volunteer: { fa: 'نهاد مذهبی و داوطلب', ar: 'جهة دينية وتطوعية', en: 'Religious and volunteer' },
  media: { fa: 'رسانه', ar: 'إعلام', en: 'Media' },
  citizen_group: { fa: 'گروه شهروندی', ar: 'مجموعة مواطنين', en: 'Citizen group' },
};

/** The sheet of the XLSX export. */
export const SHEET_TITLE: Words = { fa: 'مطالبات', ar: 'المطالب', en: 'Demands' };
/** What an empty value (no theme, no district) is called in the report. */
export const NONE_LABEL: Words = { fa: 'نامشخص', ar: 'غير محدد', en: 'Not given' };
