import { i18next } from '@/app/i18n';
import arBoard from '@/locales/ar/board.json';
import enBoard from '@/locales/en/board.json';
import faBoard from '@/locales/fa/board.json';

/** The live board's catalog loads with its pages: other pages never download it. */
export const BOARD_NS = 'board';

/** The catalog of every language (a test keeps their keys equal). */
export const boardResources = { fa: faBoard, ar: arBoard, en: enBoard } as const;

for (const [locale, bundle] of Object.entries(boardResources)) {
  if (!i18next.hasResourceBundle(locale, BOARD_NS)) i18next.addResourceBundle(locale, BOARD_NS, bundle, true, true);
}
