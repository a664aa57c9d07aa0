import type { TLocalizedText } from '@hamandishi/contracts';

type ThemeSeed = { slug: string; name: TLocalizedText; children?: ThemeSeed[] };

const t = (fa: string, ar: string, en: string): TLocalizedText => ({ fa, ar, en });

/** The demo municipality's theme taxonomy, after the committees Iranian cities use. */
export const DEMO_THEMES: ThemeSeed[] = [
  {
    slug: 'transport', name: t('حمل‌ونقل و ترافیک', 'النقل والمرور', 'Transport and traffic'),
    children: [
      { slug: 'public-transport', name: t('حمل‌ونقل عمومی', 'النقل العام', 'Public transport') },
      { slug: 'traffic', name: t('ترافیک', 'المرور', 'Traffic') },
      { slug: 'road-paving', name: t('آسفالت و معابر', 'رصف الطرق', 'Road paving and asphalt') },
      { slug: 'walking-cycling', name: t('پیاده‌روی و دوچرخه', 'المشي والدراجات', 'Walking and cycling') },
    ],
  },
  {
    slug: 'waste', name: t('مدیریت پسماند', 'إدارة النفايات', 'Waste management'),
    children: [
      { slug: 'waste-collection', name: t('جمع‌آوری پسماند', 'جمع النفايات', 'Waste collection') },
      { slug: 'recycling', name: t('بازیافت', 'إعادة التدوير', 'Recycling') },
    ],
  },
  {
    slug: 'green-space', name: t('فضای سبز و پارک‌ها', 'المساحات الخضراء والحدائق', 'Parks and green space'),
    children: [
      { slug: 'parks', name: t('پارک‌ها', 'الحدائق', 'Parks') },
      { slug: 'urban-trees', name: t('درختان شهری', 'الأشجار الحضرية', 'Urban trees') },
    ],
  },
  { slug: 'urban-landscape', name: t('منظر شهری', 'المنظر الحضري', 'City landscape') },
  { slug: 'citizenship-culture', name: t('فرهنگ شهروندی', 'ثقافة المواطنة', 'Citizenship culture') },
  { slug: 'surface-water', name: t('هدایت آب‌های سطحی', 'تصريف المياه السطحية', 'Surface-water drainage') },
  { slug: 'worn-out-fabric', name: t('بافت فرسوده', 'النسيج العمراني المتهالك', 'Worn-out urban fabric') },
  { slug: 'finance', name: t('مالی (درآمد و هزینه)', 'المالية (الإيرادات والنفقات)', 'Finance (revenue and cost)') },
  { slug: 'smart-city', name: t('شهر هوشمند', 'المدينة الذكية', 'Smart city') },
  { slug: 'social-cultural', name: t('امور اجتماعی و فرهنگی', 'الشؤون الاجتماعية والثقافية', 'Social and cultural affairs') },
  { slug: 'environment-crisis', name: t('محیط زیست و مدیریت بحران', 'البيئة وإدارة الأزمات', 'Environment and crisis management') },
  { slug: 'urban-planning', name: t('شهرسازی و معماری', 'التخطيط العمراني والعمارة', 'Urban planning and architecture') },
  { slug: 'human-capital', name: t('سرمایه انسانی و ساختار مدیریت', 'رأس المال البشري والهيكل الإداري', 'Human capital and management structure') },
];
