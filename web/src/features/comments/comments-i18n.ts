import { i18next } from '@/app/i18n';
import arComments from '@/locales/ar/comments.json';
import enComments from '@/locales/en/comments.json';
import faComments from '@/locales/fa/comments.json';

/** The comments catalog loads with the first page that shows a thread. */
export const COMMENTS_NS = 'comments';

/** The comments catalog of every language (a test keeps their keys equal). */
export const commentsResources = { fa: faComments, ar: arComments, en: enComments } as const;

for (const [locale, bundle] of Object.entries(commentsResources)) {
  if (!i18next.hasResourceBundle(locale, COMMENTS_NS)) i18next.addResourceBundle(locale, COMMENTS_NS, bundle, true, true);
}
