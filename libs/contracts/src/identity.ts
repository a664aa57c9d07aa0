import { z } from 'zod';
import { toAsciiDigits } from '@hamandishi/text';
import { pageOf, ZLocale, ZUuid } from './common';
import { textLine, textToken, textVerbatim } from './text';

/** The roles a person can hold in one organisation (municipality). */
export const ROLES = ['citizen', 'ngo', 'expert', 'manager', 'planner', 'moderator', 'admin'] as const;
/** A role within one organisation. */
export type Role = (typeof ROLES)[number];
/** A role within one organisation. */
export const ZRole = z.enum(ROLES);

/**
 * Normalises a mobile number typed in any digits to E.164: `۰۹۱۲ ۳۴۵ ۶۷۸۹` → `+989123456789`.
 * Returns null when it cannot be a mobile number.
 */
export function normalizeMobile(input: string): string | null {
  const compact = toAsciiDigits(input).replace(/[\s\-().]/g, '');
  let digits: string;
  if (/^09\d{9}$/.test(compact)) digits = '98' + compact.slice(1);
  else if (/^9\d{9}$/.test(compact)) digits = '98' + compact;
  else if (/^(\+|00)\d{8,15}$/.test(compact)) digits = compact.replace(/^(\+|00)/, '');
  else return null;
  if (digits.startsWith('98') && !/^989\d{9}$/.test(digits)) return null;
  return '+' + digits;
}

/** A mobile number in any common notation, normalised to E.164. */
export const ZMobile = z
  .string()
  .max(32)
  .transform((value, ctx) => {
    const normalized = normalizeMobile(value);
    if (!normalized) {
      ctx.addIssue({ code: 'custom', message: 'invalid_format' });
      return z.NEVER;
    }
    return normalized;
  });

/** An email address, trimmed and lower-cased. */
export const ZEmail = z
  .string()
  .trim()
  .max(254)
  .transform((v) => v.toLowerCase())
  .pipe(z.email());

/** A new password: 10 to 128 characters. */
export const ZPassword = textVerbatim({ min: 10, max: 128 });

/** A one-time code as typed: Persian or Arabic-Indic digits accepted. */
export const ZOneTimeCode = z
  .string()
  .max(16)
  .transform((v) => toAsciiDigits(v).replace(/\s/g, ''))
  .pipe(z.string().regex(/^\d{6}$/, 'invalid_format'));

/**
 * A display name shown next to a person's contributions: one normalised line, and no direction
 * controls, so a name cannot reverse the text shown around it.
 */
export const ZDisplayName = textLine({ min: 2, max: 80 });

/** POST /api/auth/code: ask for a one-time code by SMS. */
export const ZRequestCode = z.strictObject({
  mobile: ZMobile,
  /** The municipality (slug) signed into: refused before any SMS when it does not allow mobile codes. */
  organization: textToken({ max: 64 }).optional(),
});
/** POST /api/auth/code */
export type TRequestCode = z.input<typeof ZRequestCode>;
/** Answer to a code request: where it went and when another may be asked for. */
export const ZCodeRequested = z.object({
  maskedMobile: z.string(),
  expiresInSeconds: z.number().int(),
  resendInSeconds: z.number().int(),
});
/** Answer to a code request. */
export type TCodeRequested = z.infer<typeof ZCodeRequested>;

/**
 * POST /api/auth/code/verify: sign in (or sign up, when the number is new) with the code.
 * `organization` (a slug) makes the person a citizen member of that municipality if not yet.
 */
export const ZVerifyCode = z.strictObject({
  mobile: ZMobile,
  code: ZOneTimeCode,
  displayName: ZDisplayName.optional(),
  organization: textToken({ max: 64 }).optional(),
});
/** POST /api/auth/code/verify */
export type TVerifyCode = z.input<typeof ZVerifyCode>;

/** POST /api/auth/email/sign-up */
export const ZEmailSignUp = z.strictObject({
  email: ZEmail,
  password: ZPassword,
  displayName: ZDisplayName,
  organization: textToken({ max: 64 }).optional(),
});
/** POST /api/auth/email/sign-up */
export type TEmailSignUp = z.input<typeof ZEmailSignUp>;

/**
 * Answer to an e-mail sign-up: a code went to the address. The same answer whether or not the
 * address already has an account (its owner gets a notice instead of a code), so the form
 * cannot be used to find out who is registered.
 */
export const ZEmailSignUpRequested = z.object({
  maskedEmail: z.string(),
  expiresInSeconds: z.number().int(),
  resendInSeconds: z.number().int(),
});
/** Answer to an e-mail sign-up. */
export type TEmailSignUpRequested = z.infer<typeof ZEmailSignUpRequested>;

/** POST /api/auth/email/sign-up/verify: the code from the e-mail creates the account and signs in. */
export const ZVerifyEmailSignUp = z.strictObject({
  email: ZEmail,
  code: ZOneTimeCode,
  organization: textToken({ max: 64 }).optional(),
});
/** POST /api/auth/email/sign-up/verify */
export type TVerifyEmailSignUp = z.input<typeof ZVerifyEmailSignUp>;

/** POST /api/auth/email/sign-in */
export const ZEmailSignIn = z.strictObject({
  email: ZEmail,
  password: textVerbatim({ min: 1, max: 128 }),
  organization: textToken({ max: 64 }).optional(),
});
/** POST /api/auth/email/sign-in */
export type TEmailSignIn = z.input<typeof ZEmailSignIn>;

/** Age bands for optional demographics (only stored with consent). */
export const AGE_BANDS = ['under_18', '18_29', '30_44', '45_59', '60_plus'] as const;
/** Genders for optional demographics (only stored with consent). */
export const GENDERS = ['female', 'male', 'other', 'undisclosed'] as const;

/** One organisation a person belongs to, with their roles there. */
export const ZMembership = z.object({
  organizationId: ZUuid,
  organizationSlug: z.string(),
  roles: z.array(ZRole),
  districtId: ZUuid.nullable(),
});
/** One organisation a person belongs to. */
export type TMembership = z.infer<typeof ZMembership>;

/** The signed-in person as the web sees them. */
export const ZAccount = z.object({
  id: ZUuid,
  displayName: z.string(),
  mobile: z.string().nullable(),
  email: z.string().nullable(),
  locale: ZLocale,
  isSuperadmin: z.boolean(),
  demographicsConsent: z.boolean(),
  ageBand: z.enum(AGE_BANDS).nullable(),
  gender: z.enum(GENDERS).nullable(),
  createdAt: z.string(),
});
/** The signed-in person. */
export type TAccount = z.infer<typeof ZAccount>;

/** GET /api/auth/session: who is signed in (account null when nobody) and the CSRF token. */
export const ZSession = z.object({
  account: ZAccount.nullable(),
  memberships: z.array(ZMembership),
  csrfToken: z.string(),
});
/** GET /api/auth/session */
export type TSession = z.infer<typeof ZSession>;

/**
 * PATCH /api/me: edit one's profile. Demographics are accepted only together with
 * `demographicsConsent: true`; withdrawing consent erases them.
 */
export const ZUpdateProfile = z
  .strictObject({
    displayName: ZDisplayName.optional(),
    locale: ZLocale.optional(),
    demographicsConsent: z.boolean().optional(),
    ageBand: z.enum(AGE_BANDS).nullable().optional(),
    gender: z.enum(GENDERS).nullable().optional(),
  })
  .refine((p) => p.demographicsConsent !== false || (p.ageBand == null && p.gender == null), {
    message: 'consent_required',
    path: ['demographicsConsent'],
  });
/** PATCH /api/me */
export type TUpdateProfile = z.input<typeof ZUpdateProfile>;

/** PATCH /api/orgs/:slug/me: one's district in that municipality. */
export const ZUpdateMembership = z.strictObject({ districtId: ZUuid.nullable() });
/** PATCH /api/orgs/:slug/me */
export type TUpdateMembership = z.input<typeof ZUpdateMembership>;

/** PUT /api/orgs/:slug/members/:accountId/roles (admin). */
export const ZSetRoles = z.strictObject({
  roles: z.array(ZRole).min(1).max(ROLES.length),
  /** The member's district, set with the roles (a manager must have one); omitted keeps it. */
  districtId: ZUuid.nullable().optional(),
});
/** PUT /api/orgs/:slug/members/:accountId/roles */
export type TSetRoles = z.input<typeof ZSetRoles>;

/** One member as an organisation's admin sees them. */
export const ZMember = z.object({
  accountId: ZUuid,
  displayName: z.string(),
  roles: z.array(ZRole),
  districtId: ZUuid.nullable(),
  status: z.enum(['active', 'disabled']),
  joinedAt: z.string(),
});
/** One member as an organisation's admin sees them. */
export type TMember = z.infer<typeof ZMember>;

/**
 * GET /api/orgs/:slug/members: `q` finds a name, mobile or e-mail (Persian-normalised: Arabic ي/ك,
 * Persian or Arabic digits, ZWNJ), `role` and `districtId` filter; keyset-paginated.
 */
export const ZMemberQuery = z.strictObject({
  cursor: textToken({ max: 500 }).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  q: textLine({ max: 100 }).optional(),
  role: ZRole.optional(),
  districtId: ZUuid.optional(),
});
/** GET /api/orgs/:slug/members */
export type TMemberQuery = z.infer<typeof ZMemberQuery>;

/** PUT /api/orgs/:slug/members/:accountId/district (admin). */
export const ZSetMemberDistrict = z.strictObject({ districtId: ZUuid.nullable() });
/** PUT /api/orgs/:slug/members/:accountId/district */
export type TSetMemberDistrict = z.input<typeof ZSetMemberDistrict>;

/** A page of members (GET /api/orgs/:slug/members), oldest first. */
export const ZMemberPage = pageOf(ZMember);
/** A page of members. */
export type TMemberPage = z.infer<typeof ZMemberPage>;

/** GET /api/dev/outbox: messages sent to one recipient (a mobile in any notation, or an email). */
export const ZDevOutboxQuery = z.strictObject({ recipient: textToken({ min: 1, max: 254 }) });
/** GET /api/dev/outbox */
export type TDevOutboxQuery = z.input<typeof ZDevOutboxQuery>;

/** One SMS or email as stored in the outbox (development only). */
export const ZDevOutboxMessage = z.object({
  channel: z.enum(['sms', 'email']),
  recipient: z.string(),
  subject: z.string().nullable(),
  body: z.string(),
  createdAt: z.string(),
});
/** One SMS or email as stored in the outbox. */
export type TDevOutboxMessage = z.infer<typeof ZDevOutboxMessage>;
