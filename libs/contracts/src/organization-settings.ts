import { z } from 'zod';
import { isObjectPayload, LOCALES, ZLocale } from './common';
import { textBlock, textLine, textToken } from './text';

/** How people may sign in to a municipality. */
export const SIGN_IN_METHODS = ['mobile_code', 'email'] as const;
/** A way of signing in. */
export type SignInMethod = (typeof SIGN_IN_METHODS)[number];
/** A way of signing in. */
export const ZSignInMethod = z.enum(SIGN_IN_METHODS);

/** The public pages a municipality writes. */
export const ORGANIZATION_PAGES = ['about', 'terms', 'privacy'] as const;
/** One of the public pages. */
export type OrganizationPage = (typeof ORGANIZATION_PAGES)[number];
/** One of the public pages. */
export const ZOrganizationPage = z.enum(ORGANIZATION_PAGES);

/** Colours a municipality starts with (both readable under white text). */
export const DEFAULT_BRANDING_COLORS = { primary: '#0f766e', accent: '#1d4ed8' } as const;

/** The least contrast ratio with white text a brand colour must reach (WCAG AA, normal text). */
export const MIN_CONTRAST_WITH_WHITE = 4.5;

const HEX = /^#[0-9a-fA-F]{6}$/;

/** WCAG contrast ratio between a #rrggbb colour and white (1 to 21). */
export function contrastWithWhite(hex: string): number {
  const channel = (i: number) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
  return 1.05 / (luminance + 0.05);
}

/**
 * A brand colour, #rrggbb (stored lower-case). `invalid_format` for anything else; `low_contrast`
 * when white text on it would be hard to read (ratio below 4.5:1).
 */
export const ZBrandColor = textToken({ max: 32 })
  .regex(HEX, 'invalid_format')
  .overwrite((v) => v.toLowerCase())
  .refine((v) => contrastWithWhite(v) >= MIN_CONTRAST_WITH_WHITE, 'low_contrast');

/** A text given per language, each optional (safe markdown for pages). */
function perLocale(max: number) {
  return z.strictObject({
    fa: textBlock({ max }).optional(),
    ar: textBlock({ max, keepArabicLetters: true }).optional(),
    en: textBlock({ max }).optional(),
  });
}

/** Markdown per language: the welcome of the home page. */
export const ZWelcomeText = perLocale(2_000);
/** Markdown per language of a long page (about, terms, privacy). */
export const ZPageText = perLocale(30_000);
/** Text per language, each optional. */
export type TPerLocaleText = { fa?: string; ar?: string; en?: string };

/** The municipality's names, edited with the settings (fa required). */
export const ZOrganizationNames = z.strictObject({
  fa: textLine({ min: 1, max: 120 }),
  ar: textLine({ max: 120, keepArabicLetters: true }).optional(),
  en: textLine({ max: 120 }).optional(),
});

/** PUT /api/orgs/:slug/settings (admin). The default locale must be among `locales` (checked by the API). */
export const ZUpdateOrganizationSettings = z
  .strictObject({
    name: ZOrganizationNames,
    primaryColor: ZBrandColor,
    accentColor: ZBrandColor,
    welcome: ZWelcomeText,
    about: ZPageText,
    terms: ZPageText,
    privacy: ZPageText,
    signInMethods: z.array(ZSignInMethod).min(1, 'required').max(SIGN_IN_METHODS.length),
    locales: z.array(ZLocale).min(1, 'required').max(LOCALES.length),
  })
  .refine((v) => new Set(v.signInMethods).size === v.signInMethods.length, {
    message: 'duplicate',
    path: ['signInMethods'],
    when: isObjectPayload,
  })
  .refine((v) => new Set(v.locales).size === v.locales.length, {
    message: 'duplicate',
    path: ['locales'],
    when: isObjectPayload,
  });
/** PUT /api/orgs/:slug/settings */
export type TUpdateOrganizationSettings = z.input<typeof ZUpdateOrganizationSettings>;

/** GET /api/orgs/:slug/settings (admin): everything the settings screen edits. */
export const ZOrganizationSettings = z.object({
  name: z.object({ fa: z.string(), ar: z.string().optional(), en: z.string().optional() }),
  defaultLocale: ZLocale,
  logoUrl: z.string().nullable(),
  primaryColor: z.string(),
  accentColor: z.string(),
  welcome: z.object({ fa: z.string().optional(), ar: z.string().optional(), en: z.string().optional() }),
  about: z.object({ fa: z.string().optional(), ar: z.string().optional(), en: z.string().optional() }),
  terms: z.object({ fa: z.string().optional(), ar: z.string().optional(), en: z.string().optional() }),
  privacy: z.object({ fa: z.string().optional(), ar: z.string().optional(), en: z.string().optional() }),
  signInMethods: z.array(ZSignInMethod),
  locales: z.array(ZLocale),
  updatedAt: z.string().nullable(),
});
/** The settings of a municipality as its admin edits them. */
export type TOrganizationSettings = z.infer<typeof ZOrganizationSettings>;

/** The branding everyone sees (part of GET /api/orgs/:slug). */
export const ZBranding = z.object({
  logoUrl: z.string().nullable(),
  primaryColor: z.string(),
  accentColor: z.string(),
});
/** The branding everyone sees. */
export type TBranding = z.infer<typeof ZBranding>;

/** GET /api/orgs/:slug/pages/:page?locale=: one page rendered as safe HTML. */
export const ZOrganizationPageQuery = z.strictObject({ locale: ZLocale.optional() });
/** GET /api/orgs/:slug/pages/:page */
export const ZOrganizationPageView = z.object({
  page: ZOrganizationPage,
  /** The language the text is in: the one asked for, else Persian (fallback). */
  locale: ZLocale,
  /** Safe HTML rendered from the stored markdown; empty when the page has no text. */
  html: z.string(),
});
/** One public page. */
export type TOrganizationPageView = z.infer<typeof ZOrganizationPageView>;
