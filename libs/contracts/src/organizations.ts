import { z } from 'zod';
import { ZLocale, ZLocalizedText, ZUuid } from './common';
import { ZBranding, ZSignInMethod } from './organization-settings';
import { ZThemeIcon } from './themes';

/** A GeoJSON Polygon or MultiPolygon, [lng, lat] positions. */
export const ZBoundary = z.union([
  z.object({
    type: z.literal('Polygon'),
    coordinates: z.array(z.array(z.tuple([z.number(), z.number()])).min(4)).min(1),
  }),
  z.object({
    type: z.literal('MultiPolygon'),
    coordinates: z.array(z.array(z.array(z.tuple([z.number(), z.number()])).min(4)).min(1)).min(1),
  }),
]);
/** A GeoJSON Polygon or MultiPolygon. */
export type TBoundary = z.infer<typeof ZBoundary>;

/** A municipal district (منطقه). */
export const ZDistrict = z.object({
  id: ZUuid,
  number: z.number().int(),
  name: ZLocalizedText,
  boundary: ZBoundary.nullable(),
});
/** A municipal district. */
export type TDistrict = z.infer<typeof ZDistrict>;

/** A category of the organisation's theme taxonomy (parentId null at the top). */
export const ZTheme = z.object({
  id: ZUuid,
  parentId: ZUuid.nullable(),
  slug: z.string(),
  name: ZLocalizedText,
  position: z.number().int(),
  colour: z.string(),
  icon: ZThemeIcon,
  /** Kept on the items that carry it (its name still shows) but not offered for new ones. */
  isArchived: z.boolean(),
});
/** A category of the theme taxonomy. */
export type TTheme = z.infer<typeof ZTheme>;

/** A municipality as listed on the platform's front page. */
export const ZOrganizationSummary = z.object({
  id: ZUuid,
  slug: z.string(),
  name: ZLocalizedText,
  defaultLocale: ZLocale,
});
/** A municipality as listed. */
export type TOrganizationSummary = z.infer<typeof ZOrganizationSummary>;

/** GET /api/orgs/:slug: a municipality with its map settings, districts and themes. */
export const ZOrganization = ZOrganizationSummary.extend({
  /** `suspended`: the municipality is read-only (every submission answers 423 `organizations.suspended`). */
  status: z.enum(['active', 'suspended']),
  mapCenter: z.object({ lat: z.number(), lng: z.number() }),
  mapZoom: z.number().int(),
  districts: z.array(ZDistrict),
  themes: z.array(ZTheme),
  branding: ZBranding,
  /** The languages this municipality offers (always containing its default locale). */
  locales: z.array(ZLocale),
  /** How people may sign in here. */
  signInMethods: z.array(ZSignInMethod),
  /** The home page's welcome, rendered as safe HTML, per language written. */
  welcomeHtml: z.object({ fa: z.string().optional(), ar: z.string().optional(), en: z.string().optional() }),
});
/** A municipality with its districts and themes. */
export type TOrganization = z.infer<typeof ZOrganization>;

/** A URL slug: lower-case latin letters, digits and dashes. */
export const ZSlug = z.string().regex(/^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/, 'invalid_format');
