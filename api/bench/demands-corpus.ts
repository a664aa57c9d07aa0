// A labelled Persian corpus of citizens' demands for the classifier's bench and tests: 14 themes with
// the words people use for them, shared words that blur the lines (خیابان is traffic, parking,
// lighting and safety at once), demands about two themes, and the noise of real input (Arabic ي/ك,
// missing or extra ZWNJ, Persian/ASCII digits, typos, filler). Deterministic for a seed.
import { seededRandom } from '../src/modules/demands/classifier/classifier-split';

/** The themes of the corpus (slugs), at least twelve. */
export const CORPUS_THEMES = [
  'traffic', 'parking', 'green_space', 'waste', 'water', 'lighting', 'housing',
  'culture', 'safety', 'transit', 'health', 'education', 'roads', 'sports',
] as const;
export type CorpusTheme = (typeof CORPUS_THEMES)[number];

/** A generated demand and its themes. */
export type CorpusDemand = { text: string; themes: CorpusTheme[] };

const VOCABULARY: Record<CorpusTheme, { phrases: string[]; words: string[] }> = {
  traffic: {
    phrases: ['ترافیک سنگین در ساعت اوج', 'گره ترافیکی چهارراه', 'چراغ راهنمایی خراب است', 'زمان چراغ قرمز خیلی طولانی است', 'ورود کامیون به خیابان‌های محله', 'دوربین کنترل سرعت لازم است'],
    words: ['ترافیک', 'چهارراه', 'چراغ‌راهنمایی', 'تقاطع', 'سرعت', 'راهبندان', 'دوربرگردان', 'میدان', 'خودرو'],
  },
  parking: {
    phrases: ['کمبود جای پارک', 'پارک دوبل خودروها', 'پارکینگ عمومی نداریم', 'پارکینگ طبقاتی بسازید', 'ماشین‌ها جلوی درب پارک می‌کنند', 'جای پارک برای ساکنان نیست'],
    words: ['پارکینگ', 'پارک‌دوبل', 'جای‌پارک', 'خودرو', 'طبقاتی', 'پارکبان', 'جرثقیل'],
  },
  green_space: {
    phrases: ['درختان خشک شده‌اند', 'فضای سبز محله کم است', 'پارک محله نگهداری نمی‌شود', 'چمن پارک آبیاری نمی‌شود', 'قطع درختان چنار', 'بوستان محلی بسازید'],
    words: ['درخت', 'فضای‌سبز', 'بوستان', 'چمن', 'گل‌کاری', 'باغبان', 'چنار', 'آبیاری', 'پارک'],
  },
  waste: {
    phrases: ['زباله‌ها جمع‌آوری نمی‌شود', 'سطل زباله پر است', 'بوی بد زباله', 'مخزن زباله کثیف است', 'نخاله ساختمانی رها شده', 'تفکیک پسماند از مبدأ'],
    words: ['زباله', 'پسماند', 'سطل', 'مخزن', 'نخاله', 'بازیافت', 'رفتگر', 'کیسه', 'بو'],
  },
  water: {
    phrases: ['آب‌گرفتگی بعد از باران', 'جوی آب گرفته است', 'فشار آب کم است', 'کانال آب‌های سطحی پر شده', 'لوله آب ترکیده', 'دریچه فاضلاب باز است'],
    words: ['آب‌گرفتگی', 'جوی', 'کانال', 'فاضلاب', 'باران', 'لوله', 'سیلاب', 'آب'],
  },
  lighting: {
    phrases: ['تیر چراغ برق خاموش است', 'کوچه شب‌ها تاریک است', 'روشنایی معابر کافی نیست', 'لامپ‌های پارک سوخته', 'نور خیابان کم است', 'چراغ‌های کوچه روشن نمی‌شوند'],
    words: ['روشنایی', 'چراغ', 'لامپ', 'تاریک', 'تیربرق', 'نور', 'شب', 'خاموش'],
  },
  housing: {
    phrases: ['بافت فرسوده نوسازی نمی‌شود', 'اجاره‌بها خیلی بالاست', 'ساختمان‌های ناایمن قدیمی', 'مجوز ساخت دیر صادر می‌شود', 'مسکن ارزان برای جوانان', 'تخریب خانه‌های متروکه'],
    words: ['مسکن', 'اجاره', 'بافت‌فرسوده', 'نوسازی', 'ساختمان', 'خانه', 'پروانه', 'تراکم'],
  },
  culture: {
    phrases: ['فرهنگسرا در محله نداریم', 'کتابخانه عمومی لازم است', 'برنامه فرهنگی برای نوجوانان', 'سینما و تئاتر نداریم', 'جشنواره محلی برگزار کنید', 'موزه شهر تعطیل است'],
    words: ['فرهنگسرا', 'کتابخانه', 'فرهنگی', 'هنری', 'جشنواره', 'موزه', 'تئاتر', 'کتاب'],
  },
  safety: {
    phrases: ['سرقت در محله زیاد شده', 'معتادان در پارک جمع می‌شوند', 'کوچه برای زنان ناامن است', 'گشت انتظامی لازم است', 'ساختمان نیمه‌کاره خطرناک است', 'دوربین امنیتی نصب کنید'],
    words: ['امنیت', 'ناامن', 'سرقت', 'دزدی', 'معتاد', 'خطر', 'گشت', 'دوربین'],
  },
  transit: {
    phrases: ['اتوبوس دیر می‌آید', 'ایستگاه اتوبوس سایبان ندارد', 'خط مترو به محله برسد', 'تاکسی شب‌ها پیدا نمی‌شود', 'خط ویژه اتوبوس', 'ایستگاه دوچرخه اشتراکی'],
    words: ['اتوبوس', 'مترو', 'ایستگاه', 'تاکسی', 'بلیت', 'خط', 'ناوگان', 'حمل‌ونقل‌عمومی'],
  },
  health: {
    phrases: ['درمانگاه محله شلوغ است', 'مرکز بهداشت نزدیک نیست', 'آلودگی هوا بیماری می‌آورد', 'داروخانه شبانه‌روزی لازم است', 'سگ‌های ولگرد خطر بیماری دارند', 'سرویس بهداشتی عمومی کثیف است'],
    words: ['درمانگاه', 'بهداشت', 'بیماری', 'دارو', 'پزشک', 'آلودگی', 'سلامت', 'بیمارستان'],
  },
  education: {
    phrases: ['مدرسه محله کلاس کم دارد', 'کلاس‌ها شلوغ است', 'مدرسه فرسوده است', 'مهدکودک در محله نداریم', 'سرویس مدرسه گران است', 'آموزش مهارت برای جوانان'],
    words: ['مدرسه', 'دانش‌آموز', 'کلاس', 'آموزش', 'معلم', 'مهدکودک', 'هنرستان', 'دبستان'],
  },
  roads: {
    phrases: ['آسفالت خیابان خراب است', 'چاله‌های خیابان', 'پیاده‌رو ناهموار است', 'جدول‌کشی کوچه', 'لکه‌گیری آسفالت', 'سرعت‌گیر غیراستاندارد'],
    words: ['آسفالت', 'چاله', 'پیاده‌رو', 'جدول', 'سنگفرش', 'روکش', 'معبر', 'خیابان'],
  },
  sports: {
    phrases: ['زمین ورزشی محله نداریم', 'سالن ورزشی برای بانوان', 'وسایل ورزشی پارک خراب است', 'استخر عمومی لازم است', 'مسیر پیاده‌روی و دوچرخه', 'زمین فوتبال چمن'],
    words: ['ورزش', 'ورزشی', 'سالن', 'استخر', 'فوتبال', 'باشگاه', 'دوچرخه', 'پیاده‌روی'],
  },
};

// Words every demand may carry, whatever its theme: they make the task harder, as in life.
const SHARED = ['خیابان', 'کوچه', 'محله', 'شهرداری', 'لطفا', 'مدتهاست', 'پیگیری', 'ساکنان', 'مشکل', 'منطقه', 'پارک', 'شب', 'خودرو', 'بچه‌ها'];
const OPENINGS = ['سلام،', 'با احترام،', '', '', 'درخواست دارم', 'از شهرداری می‌خواهیم', 'چند سال است که', 'لطفا رسیدگی کنید:'];
const PLACES = ['خیابان فردوسی', 'کوچه شهید ۱۲', 'میدان انقلاب', 'بلوار کشاورز', 'محله جلفا', 'منطقه ۵', 'خیابان 22 بهمن', 'کوی ولیعصر', 'نزدیک بازار'];
const CLOSINGS = ['', '', 'ممنون.', 'لطفا پیگیری کنید', 'هیچ کس جواب نمی‌دهد!', 'چند بار تماس گرفتیم', 'با تشکر'];

type Random = () => number;
const pick = <T,>(r: Random, list: readonly T[]): T => list[Math.floor(r() * list.length)];

/** The noise of real input: Arabic letters, ZWNJ dropped or spaced, digits either way, typos. */
function noisy(r: Random, text: string): string {
  let out = text;
  if (r() < 0.3) out = out.replace(/ی/g, 'ي').replace(/ک/g, 'ك');
  if (r() < 0.3) out = out.replace(/\u200c/g, r() < 0.5 ? '' : ' ');
  if (r() < 0.3) out = out.replace(/[۰-۹]/g, (d) => String(d.charCodeAt(0) - 0x6f0));
  if (r() < 0.25) {
    // One typo: a letter dropped or two swapped.
    const i = 1 + Math.floor(r() * (out.length - 2));
    out = r() < 0.5 ? out.slice(0, i) + out.slice(i + 1) : out.slice(0, i) + out[i + 1] + out[i] + out.slice(i + 2);
  }
  if (r() < 0.1) out += ' ' + pick(r, ['!!!', '...', '؟؟', '🙏']);
  return out;
}

function sentence(r: Random, theme: CorpusTheme, long: boolean): string {
  const v = VOCABULARY[theme];
  const parts = [pick(r, v.phrases)];
  if (long || r() < 0.5) parts.push(pick(r, v.words));
  if (long && r() < 0.5) parts.push(pick(r, v.phrases));
  return parts.join(' و ');
}

/**
 * `count` demands over the corpus themes (the first `themes` of them), each with one theme, or two
 * for `multiShare` of them; demands spread unevenly over themes (a few themes are heard most).
 */
export function buildCorpus(count: number, seed: number, options: { themes?: number; multiShare?: number } = {}): CorpusDemand[] {
  const r = seededRandom(seed);
  const themes = CORPUS_THEMES.slice(0, options.themes ?? CORPUS_THEMES.length);
  // Zipf-like weights: the first themes are heard more, the last ones still often enough to learn.
  const weights = themes.map((_, i) => 1 / Math.sqrt(i + 1));
  const total = weights.reduce((a, b) => a + b, 0);
  const drawTheme = (): CorpusTheme => {
    let x = r() * total;
    for (let i = 0; i < themes.length; i++) if ((x -= weights[i]) <= 0) return themes[i];
    return themes[themes.length - 1];
  };
  const out: CorpusDemand[] = [];
  for (let i = 0; i < count; i++) {
    const first = drawTheme();
    const picked = new Set<CorpusTheme>([first]);
    if (r() < (options.multiShare ?? 0.15)) picked.add(drawTheme());
    const bits = [pick(r, OPENINGS)];
    for (const theme of picked) bits.push(sentence(r, theme, r() < 0.3));
    if (r() < 0.6) bits.push(pick(r, ['در', 'حوالی', 'نزدیک']) + ' ' + pick(r, PLACES));
    if (r() < 0.5) bits.push(pick(r, SHARED));
    if (r() < 0.3) bits.push(pick(r, SHARED));
    bits.push(pick(r, CLOSINGS));
    out.push({ text: noisy(r, bits.filter(Boolean).join(' ')), themes: [...picked] });
  }
  return out;
}
