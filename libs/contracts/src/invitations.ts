import { z } from 'zod';
import { pageOf, ZLocalizedText, ZUuid } from './common';
import { ZMembership } from './identity';
import { ZContact, ZContactChannel } from './contact';
import { textToken } from './text';

/** The roles an invitation can grant (everyone is a citizen already). */
export const INVITABLE_ROLES = ['admin', 'planner', 'moderator', 'manager', 'expert', 'ngo'] as const;
/** A role an invitation can grant. */
export type InvitableRole = (typeof INVITABLE_ROLES)[number];
/** A role an invitation can grant. */
export const ZInvitableRole = z.enum(INVITABLE_ROLES);

/** Where an invitation stands; `expired` is pending past its expiry. */
export const INVITATION_STATUSES = ['pending', 'accepted', 'revoked', 'expired'] as const;
/** Where an invitation stands. */
export type InvitationStatus = (typeof INVITATION_STATUSES)[number];

/** Days an invitation link works when nothing else is said. */
export const DEFAULT_INVITATION_DAYS = 7;

/**
 * POST /api/orgs/:slug/invitations: invite a person by mobile or e-mail to roles. A manager
 * manages a district, so inviting one needs a district of this municipality.
 */
export const ZCreateInvitation = z
  .strictObject({
    contact: ZContact,
    roles: z.array(ZInvitableRole).min(1).max(INVITABLE_ROLES.length),
    districtId: ZUuid.nullable().optional(),
    expiresInDays: z.number().int().min(1).max(30).default(DEFAULT_INVITATION_DAYS),
  })
  .refine((i) => !i.roles.includes('manager') || !!i.districtId, { message: 'required', path: ['districtId'] });
/** POST /api/orgs/:slug/invitations (as typed in the form). */
export type TCreateInvitation = z.input<typeof ZCreateInvitation>;

/** GET /api/orgs/:slug/invitations: newest first, optionally one status. */
export const ZInvitationQuery = z.strictObject({
  status: z.enum(INVITATION_STATUSES).optional(),
  cursor: textToken({ max: 500 }).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
/** GET /api/orgs/:slug/invitations */
export type TInvitationQuery = z.input<typeof ZInvitationQuery>;

/** An invitation as its municipality's admins see it. */
export const ZInvitation = z.object({
  id: ZUuid,
  channel: ZContactChannel,
  contact: z.string(),
  roles: z.array(ZInvitableRole),
  districtId: ZUuid.nullable(),
  status: z.enum(INVITATION_STATUSES),
  invitedBy: z.object({ id: ZUuid, displayName: z.string() }).nullable(),
  createdAt: z.string(),
  expiresAt: z.string(),
  acceptedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
/** An invitation as admins see it. */
export type TInvitation = z.infer<typeof ZInvitation>;

/** A page of invitations. */
export const ZInvitationPage = pageOf(ZInvitation);
/** A page of invitations. */
export type TInvitationPage = z.infer<typeof ZInvitationPage>;

/** GET /api/invitations/:token: what a pending invitation is for (the contact masked). */
export const ZInvitationPreview = z.object({
  organization: z.object({ id: ZUuid, slug: z.string(), name: ZLocalizedText }),
  roles: z.array(ZInvitableRole),
  districtId: ZUuid.nullable(),
  channel: ZContactChannel,
  maskedContact: z.string(),
  expiresAt: z.string(),
});
/** What a pending invitation is for. */
export type TInvitationPreview = z.infer<typeof ZInvitationPreview>;

/** GET /api/me/invitations: one pending invitation addressed to my verified mobile or e-mail. */
export const ZMyInvitation = ZInvitationPreview.omit({ maskedContact: true }).extend({ id: ZUuid });
/** A pending invitation addressed to me. */
export type TMyInvitation = z.infer<typeof ZMyInvitation>;

/** Answer to accepting an invitation: my membership with its new roles. */
export const ZInvitationAccepted = z.object({ membership: ZMembership });
/** Answer to accepting an invitation. */
export type TInvitationAccepted = z.infer<typeof ZInvitationAccepted>;
