import { z } from 'zod';
import { ZLocalizedText, ZUuid } from './common';
import { ZContact } from './contact';
import { STAKEHOLDER_KINDS } from './stakeholders';
import { textBlock, textLine, textToken } from './text';
import { THINKTANK_SESSION_STATUSES } from './thinktank';

/** An instant with its offset, e.g. `2026-12-03T10:30:00+03:30`. */
const ZInstant = z.iso.datetime({ offset: true });

/** An online meeting link: http(s) only, so nothing else can be clicked from the session page. */
const ZOnlineUrl = textToken({ max: 2000 }).pipe(z.url({ protocol: /^https?$/, normalize: true }));

const sessionFields = {
  stageId: ZUuid,
  committeeId: ZUuid.nullable().optional(),
  /** The focus point the session is about. */
  topic: textLine({ min: 3, max: 300 }),
  agenda: textBlock({ max: 10_000 }).nullable().optional(),
  facilitatorId: ZUuid.nullable().optional(),
  place: textLine({ max: 300 }).nullable().optional(),
  onlineUrl: ZOnlineUrl.nullable().optional(),
  startsAt: ZInstant,
  endsAt: ZInstant,
  capacity: z.number().int().min(1).max(10_000).nullable().optional(),
};

/** POST /api/orgs/:slug/plans/:planId/thinktank/sessions: schedule a think-tank session (planner). */
export const ZCreateThinktankSession = z
  .strictObject(sessionFields)
  .refine((s) => Date.parse(s.endsAt) > Date.parse(s.startsAt), { message: 'invalid_value', path: ['endsAt'] })
  .refine((s) => Date.parse(s.endsAt) - Date.parse(s.startsAt) <= 24 * 3600_000, { message: 'too_big', path: ['endsAt'] });
/** A session to schedule. */
export type TCreateThinktankSession = z.input<typeof ZCreateThinktankSession>;

/** PATCH …/thinktank/sessions/:id: change any field; `status` cancels or closes the session. */
export const ZUpdateThinktankSession = z
  .strictObject({ ...sessionFields, status: z.enum(THINKTANK_SESSION_STATUSES) })
  .partial()
  .refine((s) => !s.startsAt || !s.endsAt || Date.parse(s.endsAt) > Date.parse(s.startsAt), { message: 'invalid_value', path: ['endsAt'] });
/** Changes to a session. */
export type TUpdateThinktankSession = z.input<typeof ZUpdateThinktankSession>;

/** GET …/thinktank/sessions?stageId=&committeeId=: filters of the plan's session list. */
export const ZThinktankSessionQuery = z.strictObject({
  stageId: ZUuid.optional(),
  committeeId: ZUuid.optional(),
});

const ZPersonRef = z.object({ id: ZUuid, displayName: z.string() });

/** A session as planners and the facilitator see it. */
export const ZThinktankSession = z.object({
  id: ZUuid,
  planId: ZUuid,
  stageId: ZUuid,
  stageTitle: ZLocalizedText,
  committeeId: ZUuid.nullable(),
  committeeName: ZLocalizedText.nullable(),
  topic: z.string(),
  agenda: z.string().nullable(),
  facilitator: ZPersonRef.nullable(),
  place: z.string().nullable(),
  onlineUrl: z.string().nullable(),
  startsAt: z.string(),
  endsAt: z.string(),
  capacity: z.number().int().nullable(),
  status: z.enum(THINKTANK_SESSION_STATUSES),
  counts: z.object({ invited: z.number().int(), yes: z.number().int(), waiting: z.number().int(), attended: z.number().int() }),
  personHours: z.number(),
  minutesPublishedAt: z.string().nullable(),
});
/** A session (planner's view). */
export type TThinktankSession = z.infer<typeof ZThinktankSession>;
/** A plan's sessions, soonest first. */
export const ZThinktankSessionList = z.array(ZThinktankSession);

/** RSVP states: not answered, coming, not coming, on the waiting list (the session was full). */
export const THINKTANK_RSVPS = ['pending', 'yes', 'no', 'waiting'] as const;
/** An invitee's answer. */
export type ThinktankRsvp = (typeof THINKTANK_RSVPS)[number];

/** POST …/sessions/:id/invitations: accounts, stakeholders (their linked accounts) and bare contacts. */
export const ZCreateThinktankInvitations = z
  .strictObject({
    accountIds: z.array(ZUuid).max(500).default([]),
    stakeholderIds: z.array(ZUuid).max(500).default([]),
    /** Mobiles or e-mails, optionally on behalf of a stakeholder. */
    contacts: z.array(z.strictObject({ contact: ZContact, stakeholderId: ZUuid.nullable().optional() })).max(500).default([]),
  })
  .refine((b) => b.accountIds.length + b.stakeholderIds.length + b.contacts.length > 0, { message: 'required', path: ['accountIds'] });
/** Whom to invite. */
export type TCreateThinktankInvitations = z.input<typeof ZCreateThinktankInvitations>;

/** One invitation of a session (planner's view; never the token). */
export const ZThinktankInvitation = z.object({
  id: ZUuid,
  account: ZPersonRef.nullable(),
  stakeholder: z.object({ id: ZUuid, name: z.string(), kind: z.enum(STAKEHOLDER_KINDS) }).nullable(),
  channel: z.enum(['sms', 'email']).nullable(),
  /** Masked (`+98912***6789`). */
  contact: z.string().nullable(),
  rsvp: z.enum(THINKTANK_RSVPS),
  rsvpAt: z.string().nullable(),
  /** 1 for the next one promoted; null when not waiting. */
  waitingPosition: z.number().int().nullable(),
  remindedAt: z.string().nullable(),
  createdAt: z.string(),
});
/** An invitation (planner's view). */
export type TThinktankInvitation = z.infer<typeof ZThinktankInvitation>;
export const ZThinktankInvitationList = z.array(ZThinktankInvitation);

/** What an invitation request did: who got a link, and stakeholders with nobody to send it to. */
export const ZThinktankInvitationsResult = z.object({
  invited: z.number().int(),
  /** Stakeholders without a linked account: give a contact for them. */
  stakeholdersWithoutAccount: z.array(ZUuid),
  /** Accounts without a mobile or e-mail: invited (they see it signed in) but not messaged. */
  unreachableAccounts: z.array(ZUuid),
});
export type TThinktankInvitationsResult = z.infer<typeof ZThinktankInvitationsResult>;

/** POST /api/thinktank/rsvp/:token and POST …/sessions/:id/rsvp: coming or not. */
export const ZThinktankRsvpAnswer = z.strictObject({ answer: z.enum(['yes', 'no']) });
export type TThinktankRsvpAnswer = z.input<typeof ZThinktankRsvpAnswer>;

/** The invitee's own invitation: their answer and place on the waiting list. */
export const ZMyThinktankInvitation = z.object({
  rsvp: z.enum(THINKTANK_RSVPS),
  waitingPosition: z.number().int().nullable(),
  expiresAt: z.string(),
});
export type TMyThinktankInvitation = z.infer<typeof ZMyThinktankInvitation>;

/** A session as the public sees it; the online link only for invitees and staff. */
export const ZPublicThinktankSession = z.object({
  id: ZUuid,
  organization: z.object({ slug: z.string(), name: ZLocalizedText }),
  planId: ZUuid,
  planTitle: ZLocalizedText,
  stageTitle: ZLocalizedText,
  committeeName: ZLocalizedText.nullable(),
  topic: z.string(),
  agenda: z.string().nullable(),
  facilitatorName: z.string().nullable(),
  place: z.string().nullable(),
  onlineUrl: z.string().nullable(),
  startsAt: z.string(),
  endsAt: z.string(),
  capacity: z.number().int().nullable(),
  status: z.enum(THINKTANK_SESSION_STATUSES),
  /** Rendered safe markdown, once the facilitator has published the minutes. */
  minutesHtml: z.string().nullable(),
  minutesPublishedAt: z.string().nullable(),
  outputs: z.array(z.lazy(() => ZThinktankOutput)),
  /** The viewer's part (null when anonymous or not invited). */
  myRole: z.enum(['facilitator', 'participant']).nullable(),
  myInvitation: ZMyThinktankInvitation.nullable(),
  myAttendance: z.object({ checkedInAt: z.string(), checkedOutAt: z.string().nullable() }).nullable(),
});
export type TPublicThinktankSession = z.infer<typeof ZPublicThinktankSession>;

/** What a personal RSVP link is for (no sign-in needed: the link is the proof). */
export const ZThinktankRsvpPreview = z.object({
  session: ZPublicThinktankSession.omit({ myRole: true, myInvitation: true, myAttendance: true }),
  invitation: ZMyThinktankInvitation,
});
export type TThinktankRsvpPreview = z.infer<typeof ZThinktankRsvpPreview>;

/** The door's QR code: an SVG and the link it holds (signed, for this session only). */
export const ZThinktankQr = z.object({ url: z.string(), svg: z.string() });
export type TThinktankQr = z.infer<typeof ZThinktankQr>;

/** POST …/sessions/:id/check-in/qr: the signed token from the scanned link. */
export const ZThinktankQrCheckIn = z.strictObject({ token: textToken({ min: 10, max: 200 }) });

/** One person on the facilitator's attendance list. */
export const ZThinktankAttendee = z.object({
  account: ZPersonRef,
  stakeholder: z.object({ id: ZUuid, name: z.string(), kind: z.enum(STAKEHOLDER_KINDS) }).nullable(),
  rsvp: z.enum(THINKTANK_RSVPS).nullable(),
  checkedInAt: z.string().nullable(),
  checkedOutAt: z.string().nullable(),
  method: z.enum(['qr', 'list']).nullable(),
  /** Minutes inside the session window (up to now while present). */
  minutes: z.number().int(),
});
export type TThinktankAttendee = z.infer<typeof ZThinktankAttendee>;
export const ZThinktankAttendance = z.object({
  attendees: z.array(ZThinktankAttendee),
  personHours: z.number(),
});
export type TThinktankAttendance = z.infer<typeof ZThinktankAttendance>;

/** PUT …/sessions/:id/minutes: safe markdown (rendered escaped; see renderSafeMarkdown). */
export const ZThinktankMinutes = z.strictObject({ minutes: textBlock({ max: 50_000 }) });
export type TThinktankMinutes = z.input<typeof ZThinktankMinutes>;
/** The minutes as the facilitator edits them. */
export const ZThinktankMinutesView = z.object({
  minutes: z.string(),
  minutesHtml: z.string(),
  updatedAt: z.string().nullable(),
  publishedAt: z.string().nullable(),
});
export type TThinktankMinutesView = z.infer<typeof ZThinktankMinutesView>;

/** A decision taken or an output produced in a session, linked to a theme and/or a problem. */
export const THINKTANK_OUTPUT_KINDS = ['decision', 'output'] as const;
export const ZCreateThinktankOutput = z.strictObject({
  kind: z.enum(THINKTANK_OUTPUT_KINDS),
  body: textBlock({ min: 2, max: 2000 }),
  themeId: ZUuid.nullable().optional(),
  problemId: ZUuid.nullable().optional(),
});
export type TCreateThinktankOutput = z.input<typeof ZCreateThinktankOutput>;
export const ZThinktankOutput = z.object({
  id: ZUuid,
  kind: z.enum(THINKTANK_OUTPUT_KINDS),
  body: z.string(),
  theme: z.object({ id: ZUuid, name: ZLocalizedText }).nullable(),
  problem: z.object({ id: ZUuid, title: z.string() }).nullable(),
  createdAt: z.string(),
});
export type TThinktankOutput = z.infer<typeof ZThinktankOutput>;
export const ZThinktankOutputList = z.array(ZThinktankOutput);

/** A stakeholder kind, or `none` for attendees who came on nobody's behalf. */
export const ZParticipantKind = z.union([z.enum(STAKEHOLDER_KINDS), z.literal('none')]);

/** GET …/plans/:planId/thinktank/dashboard: the figures cities publish. */
export const ZThinktankDashboard = z.object({
  sessionsHeld: z.number().int(),
  sessionsScheduled: z.number().int(),
  participants: z.number().int(),
  personHours: z.number(),
  participantsByKind: z.array(z.object({ kind: ZParticipantKind, participants: z.number().int(), personHours: z.number() })),
  byCommittee: z.array(z.object({ committeeId: ZUuid.nullable(), name: ZLocalizedText.nullable(), sessions: z.number().int(), personHours: z.number() })),
  byStage: z.array(z.object({ stageId: ZUuid, title: ZLocalizedText, sessions: z.number().int(), personHours: z.number() })),
  sessions: z.array(
    z.object({ id: ZUuid, topic: z.string(), startsAt: z.string(), status: z.enum(THINKTANK_SESSION_STATUSES), participants: z.number().int(), personHours: z.number() }),
  ),
  /**
   * Statements posted on the sessions' live boards and their themes: null until the live board
   * (table thinktank_statement) is joined in (ThinktankDashboardService.statementsAndThemes).
   */
  statementsAndThemes: z.array(z.object({ themeId: ZUuid.nullable(), name: ZLocalizedText.nullable(), statements: z.number().int() })).nullable(),
});
export type TThinktankDashboard = z.infer<typeof ZThinktankDashboard>;

/** GET …/thinktank/dashboard.csv|.xlsx?lang= */
export const ZThinktankExportQuery = z.strictObject({ lang: z.enum(['fa', 'ar', 'en']).default('fa') });

/** GET /api/orgs/:slug/thinktank/people?q=: members a planner can pick as facilitator or invitee. */
export const ZThinktankPeopleQuery = z.strictObject({ q: textLine({ min: 1, max: 100 }) });
/** A member found by name, mobile or e-mail (no contact details shown). */
export const ZThinktankPerson = z.object({ accountId: ZUuid, displayName: z.string() });
export type TThinktankPerson = z.infer<typeof ZThinktankPerson>;
export const ZThinktankPeople = z.array(ZThinktankPerson);

/** GET /api/orgs/:slug/thinktank/stakeholders?q=: stakeholders a planner can invite (through their linked accounts). */
export const ZThinktankStakeholderQuery = z.strictObject({ q: textLine({ min: 1, max: 100 }) });
/** A stakeholder found by name, with how many accounts act for it (an invitation reaches them). */
export const ZThinktankStakeholder = z.object({
  id: ZUuid,
  name: z.string(),
  kind: z.enum(STAKEHOLDER_KINDS),
  linkedAccounts: z.number().int(),
});
export type TThinktankStakeholder = z.infer<typeof ZThinktankStakeholder>;
export const ZThinktankStakeholders = z.array(ZThinktankStakeholder);
