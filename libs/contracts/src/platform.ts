import { z } from 'zod';
import { ZLocale, ZLocalizedText, ZUuid } from './common';
import { ZContact } from './contact';
import { ZInvitation } from './invitations';
import { ZSlug } from './organizations';
import { textToken } from './text';

/** Whether a municipality takes input: a suspended one is read-only, and nothing is ever deleted. */
export const ORGANIZATION_STATUSES = ['active', 'suspended'] as const;
/** Whether a municipality takes input. */
export type OrganizationStatus = (typeof ORGANIZATION_STATUSES)[number];
/** Whether a municipality takes input. */
export const ZOrganizationStatus = z.enum(ORGANIZATION_STATUSES);

/** True for an IANA time zone this runtime knows (`Asia/Tehran`), or UTC. */
export function isTimeZone(value: string): boolean {
  if (value === 'UTC') return true;
  const known = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return known.includes(value);
}

/** An IANA time zone, e.g. `Asia/Tehran`. */
export const ZTimeZone = textToken({ min: 1, max: 64 }).refine(isTimeZone, 'invalid_value');

/** A point of the map: latitude and longitude in degrees. */
export const ZMapCenter = z.strictObject({
  lat: z.number().min(-90).max(90),
  lng: z.number().min(-180).max(180),
});

/** A municipality's settings that the platform administration sets. */
const organizationSettings = {
  name: ZLocalizedText,
  defaultLocale: ZLocale,
  mapCenter: ZMapCenter,
  mapZoom: z.number().int().min(1).max(19),
  contactEmail: z.email().max(254).nullable(),
  timeZone: ZTimeZone,
};

/** Top-level paths of the web app that a municipality's slug must not shadow. */
export const RESERVED_SLUGS = ['platform', 'api', 'assets', 'admin', 'sign-in', 'sign-up', 'invitations'] as const;

/** The slug of a new municipality: ZSlug, and not one of the app's own paths. */
export const ZNewSlug = ZSlug.refine((slug) => !(RESERVED_SLUGS as readonly string[]).includes(slug), 'invalid_value');

/** POST /api/platform/organizations: a new municipality and the invitation of its first admin. */
export const ZCreatePlatformOrganization = z.strictObject({
  slug: ZNewSlug,
  ...organizationSettings,
  /** The first admin's mobile or e-mail: they receive an invitation. */
  firstAdmin: ZContact,
});
/** POST /api/platform/organizations (as typed in the form). */
export type TCreatePlatformOrganization = z.input<typeof ZCreatePlatformOrganization>;

/** PATCH /api/platform/organizations/:id: rename or change settings (the slug never changes). */
export const ZUpdatePlatformOrganization = z.strictObject(organizationSettings).partial();
/** PATCH /api/platform/organizations/:id */
export type TUpdatePlatformOrganization = z.input<typeof ZUpdatePlatformOrganization>;

/** A municipality as the platform administration sees it, with its activity counts. */
export const ZPlatformOrganization = z.object({
  id: ZUuid,
  slug: z.string(),
  name: ZLocalizedText,
  defaultLocale: ZLocale,
  status: ZOrganizationStatus,
  suspendedAt: z.string().nullable(),
  contactEmail: z.string().nullable(),
  timeZone: z.string(),
  mapCenter: z.object({ lat: z.number(), lng: z.number() }),
  mapZoom: z.number().int(),
  createdAt: z.string(),
  counts: z.object({
    members: z.number().int(),
    plans: z.number().int(),
    problems: z.number().int(),
    comments: z.number().int(),
  }),
});
/** A municipality as the platform administration sees it. */
export type TPlatformOrganization = z.infer<typeof ZPlatformOrganization>;

/** Answer to creating a municipality: it, and its first admin's invitation (already sent). */
export const ZPlatformOrganizationCreated = z.object({
  organization: ZPlatformOrganization,
  invitation: ZInvitation,
});
/** Answer to creating a municipality. */
export type TPlatformOrganizationCreated = z.infer<typeof ZPlatformOrganizationCreated>;
