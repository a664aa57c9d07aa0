import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type {
  TMyThinktankInvitation,
  TThinktankInvitation,
  TThinktankInvitationsResult,
  TThinktankRsvpPreview,
  ThinktankRsvp,
  ZCreateThinktankInvitations,
} from '@hamandishi/contracts';
import type { z } from 'zod';
import { normalizeForSearch } from '@hamandishi/text';
import type { Actor } from '../../common/http/request-context';
import { AppConfig } from '../../config/app-config';
import { JobsService } from '../../jobs/jobs.service';
import { AuditService } from '../audit/audit.service';
import { MembershipsService } from '../identity/memberships.service';
import { hashInvitationToken, isInvitationToken, maskContact, newInvitationToken } from '../invitations/invitation-token';
import { MessagingService } from '../messaging/messaging.service';
import type { Organization } from '../organizations/organization.entity';
import { OrganizationsService } from '../organizations/organizations.service';
import { ThinktankErrors } from './thinktank.errors';
import { type InvitationRow, type SessionRow, ThinktankSessionsRepository } from './thinktank-sessions.repository';
import { iso, ThinktankSessionsService } from './thinktank-sessions.service';

/** Reminders go out to invitees of sessions starting within this many hours. */
export const REMINDER_HOURS = 24;
const REMINDER_BATCH = 200;

type Recipient = { channel: 'sms' | 'email'; contact: string };

/**
 * Invitations to a session: personal RSVP links (32 random bytes; only their sha256 is stored;
 * they work until the session ends), sent by SMS or e-mail through the messaging outbox. A yes
 * beyond the capacity joins the waiting list; a seat freed by a no goes to the longest waiting.
 * Reminders are a scheduled job (`thinktank.remind`).
 */
@Injectable()
export class ThinktankInvitationsService implements OnModuleInit {
  private readonly logger = new Logger('thinktank');

  constructor(
    private readonly repository: ThinktankSessionsRepository,
    private readonly sessions: ThinktankSessionsService,
    private readonly memberships: MembershipsService,
    private readonly organizations: OrganizationsService,
    private readonly messaging: MessagingService,
    private readonly audit: AuditService,
    private readonly jobs: JobsService,
    private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.jobs.register('thinktank.remind', () => this.sendReminders().then(() => undefined));
  }

  /** Invites accounts, stakeholders (through their linked accounts) and contacts; each gets a personal link. */
  async invite(
    org: Organization,
    actor: Actor,
    sessionId: string,
    input: z.output<typeof ZCreateThinktankInvitations>,
  ): Promise<TThinktankInvitationsResult> {
    const session = await this.sessions.require(org.id, sessionId);
    assertOpen(session);
    // Accounts must belong to the municipality: a planner picks them from its members.
    for (const [index, accountId] of input.accountIds.entries()) {
      if (!(await this.memberships.find(org.id, accountId))) throw ThinktankErrors.accountNotMember(`accountIds.${index}`);
    }
    const stakeholders = input.stakeholderIds.length ? await this.repository.stakeholdersWithAccounts(org.id, input.stakeholderIds) : [];
    for (const [index, id] of input.stakeholderIds.entries()) {
      if (!stakeholders.some((s) => s.id === id)) throw ThinktankErrors.stakeholderNotFound(`stakeholderIds.${index}`);
    }
    const contactStakeholders = input.contacts.map((c) => c.stakeholderId).filter((id): id is string => !!id);
    if (contactStakeholders.length) {
      const found = await this.repository.stakeholdersWithAccounts(org.id, contactStakeholders);
      for (const [index, c] of input.contacts.entries()) {
        if (c.stakeholderId && !found.some((s) => s.id === c.stakeholderId)) throw ThinktankErrors.stakeholderNotFound(`contacts.${index}.stakeholderId`);
      }
    }

    type Target = { accountId: string | null; stakeholderId: string | null; recipient: Recipient | null };
    const targets = new Map<string, Target>();
    for (const accountId of input.accountIds) targets.set(`a:${accountId}`, { accountId, stakeholderId: null, recipient: null });
    for (const s of stakeholders) {
      for (const accountId of s.accountIds) {
        const existing = targets.get(`a:${accountId}`);
        targets.set(`a:${accountId}`, { accountId, stakeholderId: s.id, recipient: existing?.recipient ?? null });
      }
    }
    for (const c of input.contacts) {
      targets.set(`c:${c.contact.contact}`, { accountId: null, stakeholderId: c.stakeholderId ?? null, recipient: c.contact });
    }

    const issued = await this.repository.db.transaction(async (m) => {
      await this.repository.lock(m, org.id, sessionId);
      const out: { id: string; token: string }[] = [];
      for (const target of targets.values()) {
        const token = newInvitationToken();
        const id = await this.repository.upsertInvitation(m, {
          organizationId: org.id,
          sessionId,
          accountId: target.accountId,
          stakeholderId: target.stakeholderId,
          channel: target.recipient?.channel ?? null,
          contact: target.recipient?.contact ?? null,
          tokenHash: hashInvitationToken(token),
          expiresAt: session.endsAt,
          invitedBy: actor.accountId,
        });
        out.push({ id, token });
      }
      await this.audit.record(m, {
        organizationId: org.id,
        actorId: actor.accountId,
        action: 'thinktank_session.invited',
        entityType: 'thinktank_session',
        entityId: sessionId,
        after: { accountIds: input.accountIds, stakeholderIds: input.stakeholderIds, contacts: input.contacts.length },
      });
      return out;
    });

    const unreachable: string[] = [];
    for (const { id, token } of issued) {
      const row = (await this.repository.invitationById(org.id, id))!;
      const recipient = recipientOf(row);
      if (!recipient) {
        if (row.accountId) unreachable.push(row.accountId);
        continue;
      }
      await this.send(recipient, inviteText(org, session, this.link(org, sessionId, token)));
    }
    return {
      invited: issued.length,
      stakeholdersWithoutAccount: stakeholders.filter((s) => s.accountIds.length === 0).map((s) => s.id),
      unreachableAccounts: unreachable,
    };
  }

  /** Stakeholders found by their Persian-normalised name (ي/ی, ك/ک, digits, ZWNJ). */
  async findStakeholders(org: Organization, q: string) {
    const key = normalizeForSearch(q).trim();
    // Punctuation alone normalises to nothing, which would match every stakeholder.
    return key ? this.repository.findStakeholders(org.id, key, 20) : [];
  }

  async list(org: Organization, sessionId: string): Promise<TThinktankInvitation[]> {
    await this.sessions.require(org.id, sessionId);
    return (await this.repository.invitationsOf(org.id, sessionId)).map(invitationView);
  }

  /** What a personal link is for (no sign-in: the link is the proof). */
  async preview(token: string): Promise<TThinktankRsvpPreview> {
    const row = await this.byToken(token);
    const org = await this.organizations.getById(row.organizationId);
    const session = await this.sessions.require(org.id, row.sessionId);
    return {
      session: { ...this.sessions.publicDetails(org, session, await this.sessions.planTitle(org, session.planId), []), onlineUrl: session.onlineUrl },
      invitation: myView(row),
    };
  }

  /** Answers through a personal link; a signed-in person also takes the invitation as theirs. */
  async answerByToken(token: string, answer: 'yes' | 'no', actor?: Actor): Promise<TMyThinktankInvitation> {
    const row = await this.byToken(token);
    const org = await this.organizations.getById(row.organizationId);
    return this.answer(org, row, answer, actor);
  }

  /** A signed-in invitee answers from the session page. */
  async answerSignedIn(org: Organization, sessionId: string, answer: 'yes' | 'no', actor: Actor): Promise<TMyThinktankInvitation> {
    const row = await this.repository.invitationOfAccount(org.id, sessionId, actor.accountId);
    if (!row) throw ThinktankErrors.notInvited();
    return this.answer(org, row, answer, actor);
  }

  /**
   * Sends the reminders due now (sessions starting within REMINDER_HOURS); each invitation is
   * reminded once. Returns how many were sent.
   */
  async sendReminders(): Promise<number> {
    let sent = 0;
    for (;;) {
      const due = await this.repository.claimReminders(REMINDER_HOURS, REMINDER_BATCH);
      for (const row of due) {
        const recipient = recipientOf(row);
        if (!recipient) continue;
        const org = await this.organizations.getById(row.organizationId);
        const session = await this.repository.find(org.id, row.sessionId);
        if (!session) continue;
        await this.send(recipient, reminderText(org, session, this.pageLink(org, session.id)));
        sent += 1;
      }
      if (due.length < REMINDER_BATCH) return sent;
    }
  }

  private async answer(org: Organization, row: InvitationRow, answer: 'yes' | 'no', actor?: Actor): Promise<TMyThinktankInvitation> {
    const session = await this.sessions.require(org.id, row.sessionId);
    assertOpen(session);
    if (session.endsAt.getTime() <= Date.now()) throw ThinktankErrors.ended();
    const promoted = await this.repository.db.transaction(async (m) => {
      await this.repository.lock(m, org.id, session.id);
      const current = (await this.repository.invitationById(org.id, row.id, m))!;
      // A contact-only invitation becomes the account's when its person answers signed in.
      if (actor && !current.accountId) await this.repository.bindAccount(m, current.id, actor.accountId);
      const next = await this.nextRsvp(m, current.rsvp, answer, session);
      if (next !== current.rsvp) await this.repository.setRsvp(m, current.id, next);
      const freed = current.rsvp === 'yes' && next === 'no';
      const promotedIds = freed ? await this.repository.promoteWaiting(m, session.id, session.capacity) : [];
      await this.audit.record(m, {
        organizationId: org.id,
        actorId: actor?.accountId ?? null,
        action: 'thinktank_session.rsvp',
        entityType: 'thinktank_session',
        entityId: session.id,
        before: { invitationId: current.id, rsvp: current.rsvp },
        after: { invitationId: current.id, rsvp: next, promoted: promotedIds },
      });
      return promotedIds;
    });
    for (const id of promoted) {
      const promotedRow = await this.repository.invitationById(org.id, id);
      const recipient = promotedRow && recipientOf(promotedRow);
      if (recipient) await this.send(recipient, promotedText(org, session, this.pageLink(org, session.id)));
    }
    return myView((await this.repository.invitationById(org.id, row.id))!);
  }

  /** yes → a seat if one is free, else the waiting list (keeping one's place); no → no. */
  private async nextRsvp(m: EntityManager, current: ThinktankRsvp, answer: 'yes' | 'no', session: SessionRow): Promise<ThinktankRsvp> {
    if (answer === 'no') return 'no';
    if (current === 'yes' || current === 'waiting') return current;
    if (session.capacity === null) return 'yes';
    return (await this.repository.countYes(m, session.id)) < session.capacity ? 'yes' : 'waiting';
  }

  private async byToken(token: string): Promise<InvitationRow & { organizationId: string }> {
    const row = isInvitationToken(token) ? await this.repository.invitationByTokenHash(hashInvitationToken(token)) : null;
    if (!row) throw ThinktankErrors.invitationNotFound();
    if (row.expiresAt.getTime() <= Date.now()) throw ThinktankErrors.invitationExpired();
    return row;
  }

  private base(): string {
    return (this.config.env.PUBLIC_URL ?? `http://${this.config.env.HOST}:${this.config.env.PORT}`).replace(/\/$/, '');
  }

  private link(org: Organization, sessionId: string, token: string): string {
    return `${this.pageLink(org, sessionId)}?rsvp=${token}`;
  }

  private pageLink(org: Organization, sessionId: string): string {
    return `${this.base()}/${org.slug}/sessions/${sessionId}`;
  }

  /** A failure is logged, not thrown: the planner can invite again (which re-sends). */
  private async send(recipient: Recipient, text: string): Promise<void> {
    try {
      await this.messaging.send(
        recipient.channel === 'sms'
          ? { channel: 'sms', recipient: recipient.contact, body: text }
          : { channel: 'email', recipient: recipient.contact, subject: 'جلسه هم‌اندیشی', body: text },
      );
    } catch (error) {
      this.logger.error({ error: String(error) }, 'session message could not be queued');
    }
  }
}

function assertOpen(session: SessionRow): void {
  if (session.status === 'cancelled') throw ThinktankErrors.cancelled();
  if (session.status === 'closed') throw ThinktankErrors.closed();
}

/** Where an invitation's messages go: its contact, else its account's mobile, else e-mail. */
function recipientOf(row: InvitationRow): Recipient | null {
  if (row.channel && row.contact) return { channel: row.channel, contact: row.contact };
  if (row.accountMobile) return { channel: 'sms', contact: row.accountMobile };
  if (row.accountEmail) return { channel: 'email', contact: row.accountEmail };
  return null;
}

const TEHRAN = new Intl.DateTimeFormat('fa-IR-u-ca-persian', { dateStyle: 'full', timeStyle: 'short', timeZone: 'Asia/Tehran' });

function inviteText(org: Organization, session: SessionRow, link: string): string {
  return `«${org.name.fa}» شما را به جلسه هم‌اندیشی «${session.topic}» در ${TEHRAN.format(session.startsAt)} دعوت می‌کند. حضور یا عدم حضور خود را از این پیوند اعلام کنید:\n${link}`;
}

function reminderText(org: Organization, session: SessionRow, link: string): string {
  return `یادآوری «${org.name.fa}»: جلسه هم‌اندیشی «${session.topic}» در ${TEHRAN.format(session.startsAt)}${session.place ? `، ${session.place}` : ''}.\n${link}`;
}

function promotedText(org: Organization, session: SessionRow, link: string): string {
  return `«${org.name.fa}»: در جلسه هم‌اندیشی «${session.topic}» جایی برای شما باز شد و حضورتان ثبت است.\n${link}`;
}

function myView(row: InvitationRow): TMyThinktankInvitation {
  return { rsvp: row.rsvp, waitingPosition: row.waitingPosition, expiresAt: iso(row.expiresAt) };
}

function invitationView(row: InvitationRow): TThinktankInvitation {
  return {
    id: row.id,
    account: row.accountId ? { id: row.accountId, displayName: row.accountName ?? '' } : null,
    stakeholder: row.stakeholderId && row.stakeholderKind ? { id: row.stakeholderId, name: row.stakeholderName ?? '', kind: row.stakeholderKind } : null,
    channel: row.channel,
    contact: row.channel && row.contact ? maskContact(row.channel, row.contact) : null,
    rsvp: row.rsvp,
    rsvpAt: row.rsvpAt ? iso(row.rsvpAt) : null,
    waitingPosition: row.waitingPosition,
    remindedAt: row.remindedAt ? iso(row.remindedAt) : null,
    createdAt: iso(row.createdAt),
  };
}
