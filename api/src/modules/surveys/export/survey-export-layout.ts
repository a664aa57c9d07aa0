import {
  surveyQuestions,
  OTHER_CHOICE,
  type Locale,
  type TSurveyDefinition,
  type TSurveyQuestion,
  type TSurveyText,
} from '@hamandishi/contracts';
import { toJalali } from '@hamandishi/text';
import type { Cell } from '../../../common/export/tabular';

/** One submitted response as the export reads it (identity and demographics already filtered by the query). */
export type ExportResponse = {
  id: string;
  submittedAt: Date;
  answers: Record<string, unknown>;
  respondentId: string | null;
  name: string | null;
  mobile: string | null;
  capacity: string | null;
  district: string | null;
  ageBand: string | null;
  gender: string | null;
};

/** Which personal columns the file has: decided once per export from the survey's settings. */
export type ExportPrivacy = { isIdentified: boolean; hasDemographics: boolean };

/** The columns of an export and how to fill one row of them. */
export type ExportLayout = { header: string[]; row: (response: ExportResponse) => Cell[] };

// The few words of the headers that are not the survey's own text, in the planner's language.
const WORDS: Record<Locale, Record<string, string>> = {
  fa: {
    q: 'س',
    response: 'شناسه پاسخ',
    submitted: 'زمان ارسال',
    respondent: 'شناسه پاسخ‌دهنده',
    name: 'نام',
    mobile: 'تلفن همراه',
    capacity: 'نقش',
    district: 'منطقه',
    ageBand: 'گروه سنی',
    gender: 'جنسیت',
    other: 'سایر',
    rank: 'رتبه',
    lat: 'عرض جغرافیایی',
    lng: 'طول جغرافیایی',
    area: 'محدوده (GeoJSON)',
  },
  ar: {
    q: 'س',
    response: 'معرّف الإجابة',
    submitted: 'وقت الإرسال',
    respondent: 'معرّف المجيب',
    name: 'الاسم',
    mobile: 'الهاتف المحمول',
    capacity: 'الدور',
    district: 'المنطقة',
    ageBand: 'الفئة العمرية',
    gender: 'الجنس',
    other: 'أخرى',
    rank: 'الترتيب',
    lat: 'خط العرض',
    lng: 'خط الطول',
    area: 'المنطقة المرسومة (GeoJSON)',
  },
  en: {
    q: 'Q',
    response: 'Response id',
    submitted: 'Submitted at',
    respondent: 'Respondent id',
    name: 'Name',
    mobile: 'Mobile',
    capacity: 'Capacity',
    district: 'District',
    ageBand: 'Age band',
    gender: 'Gender',
    other: 'Other',
    rank: 'rank',
    lat: 'Latitude',
    lng: 'Longitude',
    area: 'Area (GeoJSON)',
  },
};

// The demographic codes as the planner reads them; an unknown code is written as stored.
const CODES: Record<Locale, Record<string, string>> = {
  fa: {
    citizen: 'شهروند',
    ngo: 'سمن',
    expert: 'کارشناس',
    manager: 'مدیر',
    planner: 'برنامه‌ریز',
    under_18: 'زیر ۱۸',
    '18_29': '۱۸ تا ۲۹',
    '30_44': '۳۰ تا ۴۴',
    '45_59': '۴۵ تا ۵۹',
    '60_plus': '۶۰ و بیشتر',
    female: 'زن',
    male: 'مرد',
    other: 'دیگر',
    undisclosed: 'نگفته',
  },
  ar: {
    citizen: 'مواطن',
    ngo: 'منظمة غير حكومية',
    expert: 'خبير',
    manager: 'مدير',
    planner: 'مخطِّط',
    under_18: 'دون ١٨',
    '18_29': '١٨–٢٩',
    '30_44': '٣٠–٤٤',
    '45_59': '٤٥–٥٩',
    '60_plus': '٦٠ فأكثر',
    female: 'أنثى',
    male: 'ذكر',
    other: 'آخر',
    undisclosed: 'لم يُفصح',
  },
  en: {
    citizen: 'Citizen',
    ngo: 'NGO',
    expert: 'Expert',
    manager: 'Manager',
    planner: 'Planner',
    under_18: 'Under 18',
    '18_29': '18–29',
    '30_44': '30–44',
    '45_59': '45–59',
    '60_plus': '60 and over',
    female: 'Female',
    male: 'Male',
    other: 'Other',
    undisclosed: 'Undisclosed',
  },
};

const SEPARATOR = ' — ';
// Iran has kept UTC+03:30 all year since 2022; a fixed offset avoids an Intl call per row.
const TEHRAN_OFFSET_MS = 3.5 * 3600 * 1000;

/** A survey text in the planner's language, Persian when that translation is missing. */
export function textIn(text: TSurveyText | undefined, locale: Locale): string {
  if (!text) return '';
  return text[locale] || text.fa;
}

/**
 * The columns of the export: the response, the identity (identified surveys only), the
 * demographics (when asked), then one or more columns per question — a 0/1 column per option of a
 * multiple choice, a rank per option of a ranking, a column per row of a matrix (per cell of a
 * multiple matrix) — each headed "Q3 — question — option" in the planner's language.
 */
export function exportLayout(def: TSurveyDefinition, locale: Locale, privacy: ExportPrivacy): ExportLayout {
  const w = WORDS[locale];
  const header: string[] = [w.response, w.submitted];
  const fillers: ((r: ExportResponse, out: Cell[]) => void)[] = [
    (r, out) => out.push(r.id, jalaliDateTime(r.submittedAt)),
  ];
  if (privacy.isIdentified) {
    header.push(w.respondent, w.name, w.mobile);
    fillers.push((r, out) => out.push(r.respondentId, r.name, r.mobile));
  }
  if (privacy.hasDemographics) {
    header.push(w.capacity, w.district, w.ageBand, w.gender);
    const code = (value: string | null) => (value === null ? null : (CODES[locale][value] ?? value));
    fillers.push((r, out) => out.push(code(r.capacity), r.district, code(r.ageBand), code(r.gender)));
  }
  for (const { question, index } of surveyQuestions(def)) {
    const title = `${w.q}${index + 1}${SEPARATOR}${textIn(question.title, locale)}`;
    const columns = questionColumns(question, title, locale);
    header.push(...columns.header);
    fillers.push((r, out) => columns.fill(r.answers[question.id], out));
  }
  return {
    header,
    row: (response) => {
      const out: Cell[] = [];
      for (const fill of fillers) fill(response, out);
      return out;
    },
  };
}

type QuestionColumns = { header: string[]; fill: (answer: unknown, out: Cell[]) => void };

function questionColumns(q: TSurveyQuestion, title: string, locale: Locale): QuestionColumns {
  const w = WORDS[locale];
  const sub = (...parts: string[]) => [title, ...parts].join(SEPARATOR);
  switch (q.type) {
    case 'single_choice': {
      const labels = new Map(q.options.map((o) => [o.id, textIn(o.label, locale)]));
      labels.set(OTHER_CHOICE, w.other);
      return {
        header: q.allowOther ? [title, sub(w.other)] : [title],
        fill: (a, out) => {
          const answer = a as { choice?: string; other?: string } | undefined;
          out.push(answer?.choice ? (labels.get(answer.choice) ?? answer.choice) : null);
          if (q.allowOther) out.push(answer?.choice === OTHER_CHOICE ? (answer.other ?? null) : null);
        },
      };
    }
    case 'multiple_choice': {
      const ids = q.options.map((o) => o.id);
      return {
        header: [...q.options.map((o) => sub(textIn(o.label, locale))), ...(q.allowOther ? [sub(w.other)] : [])],
        fill: (a, out) => {
          const answer = a as { choices?: string[]; other?: string } | undefined;
          const chosen = new Set(answer?.choices ?? []);
          const isAnswered = answer !== undefined;
          for (const id of ids) out.push(isAnswered ? (chosen.has(id) ? 1 : 0) : null);
          if (q.allowOther) out.push(chosen.has(OTHER_CHOICE) ? (answer?.other ?? '') : null);
        },
      };
    }
    case 'ranking': {
      const ids = q.options.map((o) => o.id);
      return {
        header: q.options.map((o) => sub(textIn(o.label, locale), w.rank)),
        fill: (a, out) => {
          const order = Array.isArray(a) ? (a as string[]) : [];
          for (const id of ids) {
            const at = order.indexOf(id);
            out.push(at >= 0 ? at + 1 : null);
          }
        },
      };
    }
    case 'matrix_single': {
      const columns = new Map(q.columns.map((c) => [c.id, textIn(c.label, locale)]));
      return {
        header: q.rows.map((row) => sub(textIn(row.label, locale))),
        fill: (a, out) => {
          const answer = (a ?? {}) as Record<string, string>;
          for (const row of q.rows) out.push(answer[row.id] ? (columns.get(answer[row.id]) ?? answer[row.id]) : null);
        },
      };
    }
    case 'matrix_multiple':
      return {
        header: q.rows.flatMap((row) =>
          q.columns.map((col) => sub(textIn(row.label, locale), textIn(col.label, locale))),
        ),
        fill: (a, out) => {
          const answer = a as Record<string, string[]> | undefined;
          for (const row of q.rows) {
            const picked = answer?.[row.id] ?? [];
            for (const col of q.columns) out.push(answer === undefined ? null : picked.includes(col.id) ? 1 : 0);
          }
        },
      };
    case 'number':
    case 'likert':
    case 'rating':
      return { header: [title], fill: (a, out) => out.push(typeof a === 'number' ? a : null) };
    case 'date':
      return { header: [title], fill: (a, out) => out.push(typeof a === 'string' ? jalaliDay(a) : null) };
    case 'map_point':
      return {
        header: [sub(w.lat), sub(w.lng)],
        fill: (a, out) => {
          const p = a as { lat?: number; lng?: number } | undefined;
          out.push(p?.lat ?? null, p?.lng ?? null);
        },
      };
    case 'map_area':
      return {
        header: [sub(w.area)],
        fill: (a, out) =>
          out.push(
            Array.isArray(a)
              ? JSON.stringify({
                  type: 'Polygon',
                  coordinates: [(a as { lat: number; lng: number }[]).map((p) => [p.lng, p.lat])],
                })
              : null,
          ),
      };
    case 'short_text':
    case 'long_text':
    case 'file':
      return { header: [title], fill: (a, out) => out.push(typeof a === 'string' ? a : null) };
  }
}

const pad2 = (n: number) => String(n).padStart(2, '0');
const DAY_MS = 86_400_000;
// Responses of an export fall on a few hundred days: each day is converted once. Bounded so a
// long-running process cannot grow it without end.
const CACHE_LIMIT = 20_000;
const jalaliByDay = new Map<number, string>();

function jalaliOfDay(dayNumber: number): string {
  let text = jalaliByDay.get(dayNumber);
  if (text === undefined) {
    const { year, month, day } = toJalali(new Date(dayNumber * DAY_MS));
    text = `${year}/${pad2(month)}/${pad2(day)}`;
    if (jalaliByDay.size >= CACHE_LIMIT) jalaliByDay.clear();
    jalaliByDay.set(dayNumber, text);
  }
  return text;
}

/** A `YYYY-MM-DD` answer as a Jalali day `1403/05/12` (Latin digits: the cell stays machine-readable). */
export function jalaliDay(isoDate: string): string | null {
  const time = Date.parse(`${isoDate}T00:00:00Z`);
  if (Number.isNaN(time)) return null;
  return jalaliOfDay(Math.floor(time / DAY_MS));
}

/** An instant as Tehran's Jalali day and time, `1403/05/12 14:30`. */
export function jalaliDateTime(at: Date): string {
  const wall = at.getTime() + TEHRAN_OFFSET_MS;
  const minutes = Math.floor((wall % DAY_MS) / 60_000);
  return `${jalaliOfDay(Math.floor(wall / DAY_MS))} ${pad2(Math.floor(minutes / 60))}:${pad2(minutes % 60)}`;
}
