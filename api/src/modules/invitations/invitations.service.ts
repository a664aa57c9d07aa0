import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import {
  DEFAULT_INVITATION_DAYS,
  type InvitableRole,
  type TContact,
  type TInvitation,
  type TInvitationAccepted,
  type TInvitationPage,
  type TInvitationPreview,
  type TMyInvitation,
  ZUuid,
} from '@hamandishi/contracts';
import type { Actor } from '../../common/http/request-context';
import { RateLimiter } from '../../common/rate-limit/rate-limiter.service';
import { AppConfig } from '../../config/app-config';
import { AuditService } from '../audit/audit.service';
import { AccountsService } from '../identity/accounts.service';
import { MembershipsService } from '../identity/memberships.service';
import { MessagingService } from '../messaging/messaging.service';
import type { Organization } from '../organizations/organization.entity';
import { OrganizationsService } from '../organizations/organizations.service';
import { hashInvitationToken, isInvitationToken, maskContact, newInvitationToken } from './invitation-token';
import { InvitationErrors } from './invitations.errors';
import { type InvitationRow, InvitationsRepository } from './invitations.repository';
import { decodeKeysetCursor, encodeKeysetCursor } from '../../common/pagination/keyset-cursor';

/** What an admin asks for when inviting (the contact already normalised by ZContact). */
export type InvitationRequest = {
  contact: TContact;
  roles: InvitableRole[];
  districtId: string | null;
  expiresInDays: number;
};

/** A created or renewed invitation and the one copy of its token, to be sent after commit. */
export type IssuedInvitation = { invitation: TInvitation; token: string };

/**
 * Invitations: a personal link that grants roles in one municipality. The token exists only in
 * the message sent; the database keeps its hash. Acceptance is single use in the database and
 * adds the roles through MembershipsService in the same transaction.
 */
@Injectable()
export class InvitationsService {
  private readonly logger = new Logger('invitations');

  constructor(
    private readonly repository: InvitationsRepository,
    private readonly organizations: OrganizationsService,
    private readonly memberships: MembershipsService,
    private readonly accounts: AccountsService,
    private readonly messaging: MessagingService,
    private readonly audit: AuditService,
    private readonly rateLimiter: RateLimiter,
    private readonly config: AppConfig,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  /** The municipality's invitations, newest first, keyset-paginated, optionally one status. */
  async list(
    organization: Organization,
    query: { status?: TInvitation['status']; cursor?: string; limit: number },
  ): Promise<TInvitationPage> {
    const after = query.cursor ? decodeKeysetCursor(query.cursor) : null;
    const rows = await this.repository.page(organization.id, query.status ?? null, after, query.limit + 1);
    const items = rows.slice(0, query.limit);
    const last = items[items.length - 1];
    return {
      items: items.map(view),
      nextCursor:
        rows.length > query.limit && last
          ? encodeKeysetCursor(last.createdAtKey, last.id)
          : null,
    };
  }

  /** An admin invites someone: rate-limited per admin, audited, then sent by SMS or e-mail. */
  async invite(organization: Organization, actor: Actor, input: InvitationRequest): Promise<TInvitation> {
    await this.rateLimiter.hit('invitation:account', actor.accountId);
    if (input.districtId) await this.organizations.assertDistrict(organization.id, input.districtId);
    const issued = await this.db.transaction((m) => this.issue(m, organization, actor.accountId, input));
    await this.send(organization, issued);
    return issued.invitation;
  }

  /**
   * Creates (or replaces the pending) invitation inside the caller's transaction and audits it.
   * The caller sends it with `send` after the transaction commits.
   */
  async issue(
    manager: EntityManager,
    organization: Organization,
    actorId: string | null,
    input: InvitationRequest,
  ): Promise<IssuedInvitation> {
    const token = newInvitationToken();
    const { id, replaced } = await this.repository.upsertPending(manager, {
      organizationId: organization.id,
      channel: input.contact.channel,
      contact: input.contact.contact,
      roles: [...new Set(input.roles)],
      districtId: input.districtId,
      tokenHash: hashInvitationToken(token),
      invitedBy: actorId,
      days: input.expiresInDays,
    });
    const invitation = view((await this.repository.find(organization.id, id, manager))!);
    await this.audit.record(manager, {
      organizationId: organization.id,
      actorId,
      action: replaced ? 'invitation.replaced' : 'invitation.invited',
      entityType: 'invitation',
      entityId: id,
      after: auditView(invitation),
    });
    return { invitation, token };
  }

  /** A new link and a new expiry for a pending (or expired) invitation; the old link stops working. */
  async resend(organization: Organization, actor: Actor, id: string): Promise<TInvitation> {
    await this.rateLimiter.hit('invitation:account', actor.accountId);
    const issued = await this.db.transaction(async (m) => {
      const token = newInvitationToken();
      if (!(await this.repository.renew(organization.id, id, hashInvitationToken(token), DEFAULT_INVITATION_DAYS, m))) {
        throw (await this.repository.find(organization.id, id, m)) ? InvitationErrors.notPending() : InvitationErrors.notFound();
      }
      const invitation = view((await this.repository.find(organization.id, id, m))!);
      await this.audit.record(m, {
        organizationId: organization.id,
        actorId: actor.accountId,
        action: 'invitation.resent',
        entityType: 'invitation',
        entityId: id,
        after: auditView(invitation),
      });
      return { invitation, token };
    });
    await this.send(organization, issued);
    return issued.invitation;
  }

  async revoke(organization: Organization, actor: Actor, id: string): Promise<TInvitation> {
    return this.db.transaction(async (m) => {
      if (!(await this.repository.revoke(organization.id, id, actor.accountId, m))) {
        throw (await this.repository.find(organization.id, id, m)) ? InvitationErrors.notPending() : InvitationErrors.notFound();
      }
      const invitation = view((await this.repository.find(organization.id, id, m))!);
      await this.audit.record(m, {
        organizationId: organization.id,
        actorId: actor.accountId,
        action: 'invitation.revoked',
        entityType: 'invitation',
        entityId: id,
        before: { status: 'pending' },
        after: auditView(invitation),
      });
      return invitation;
    });
  }

  /** What a link is for; 404 unknown, 409 used or revoked, 410 expired. */
  async preview(token: string): Promise<TInvitationPreview> {
    const row = await this.byToken(token);
    assertPending(row);
    const organization = await this.organizations.getById(row.organizationId);
    return {
      organization: { id: organization.id, slug: organization.slug, name: organization.name },
      roles: row.roles,
      districtId: row.districtId,
      channel: row.channel,
      maskedContact: maskContact(row.channel, row.contact),
      expiresAt: iso(row.expiresAt),
    };
  }

  /** Accepts the invitation of a link: the signed-in person's mobile or e-mail must be its contact. */
  async acceptByToken(token: string, actor: Actor): Promise<TInvitationAccepted> {
    const row = await this.byToken(token);
    return this.accept(row, { tokenHash: hashInvitationToken(token) }, actor);
  }

  /** Accepts one of my pending invitations from my profile (my verified contact is the proof). */
  async acceptMine(id: string, actor: Actor): Promise<TInvitationAccepted> {
    const row = ZUuid.safeParse(id).success ? await this.repository.findById(id) : null;
    if (!row) throw InvitationErrors.notFound();
    return this.accept(row, { id }, actor);
  }

  /** Pending invitations addressed to my verified mobile or e-mail. */
  async mine(actor: Actor): Promise<TMyInvitation[]> {
    const contacts = await this.contactsOf(actor.accountId);
    if (contacts.length === 0) return [];
    const rows = await this.repository.pendingFor(contacts);
    return Promise.all(
      rows.map(async (row) => {
        const organization = await this.organizations.getById(row.organizationId);
        return {
          id: row.id,
          organization: { id: organization.id, slug: organization.slug, name: organization.name },
          roles: row.roles,
          districtId: row.districtId,
          channel: row.channel,
          expiresAt: iso(row.expiresAt),
        };
      }),
    );
  }

  /** Sends the link by SMS or e-mail. A failure is logged: the admin can resend. */
  async send(organization: Organization, { invitation, token }: IssuedInvitation): Promise<void> {
    const base = this.config.env.PUBLIC_URL ?? `http://${this.config.env.HOST}:${this.config.env.PORT}`;
    const link = `${base.replace(/\/$/, '')}/${organization.slug}/invitations/${token}`;
    const text = `شما به «${organization.name.fa}» در هم‌اندیشی دعوت شده‌اید. این پیوند تا ${DEFAULT_INVITATION_DAYS} روز کار می‌کند:\n${link}`;
    try {
      await this.messaging.send(
        invitation.channel === 'sms'
          ? { channel: 'sms', recipient: invitation.contact, body: text }
          : { channel: 'email', recipient: invitation.contact, subject: 'دعوت‌نامه هم‌اندیشی', body: text },
      );
    } catch (error) {
      this.logger.error({ invitationId: invitation.id, error: String(error) }, 'invitation could not be queued');
    }
  }

  private async accept(
    row: InvitationRow,
    where: { tokenHash: Buffer } | { id: string },
    actor: Actor,
  ): Promise<TInvitationAccepted> {
    const organization = await this.organizations.getById(row.organizationId);
    this.organizations.assertActive(organization);
    const contacts = await this.contactsOf(actor.accountId);
    const membership = await this.db.transaction(async (m) => {
      const id = await this.repository.accept(where, contacts, actor.accountId, m);
      if (!id) {
        // Explain the refusal from the row as it is now (another accept may just have won).
        const now = await this.repository.find(row.organizationId, row.id, m);
        assertPending(now);
        throw InvitationErrors.contactMismatch();
      }
      const granted = await this.memberships.grantRoles(m, organization, actor.accountId, row.roles, row.districtId);
      await this.audit.record(m, {
        organizationId: organization.id,
        actorId: actor.accountId,
        action: 'invitation.accepted',
        entityType: 'invitation',
        entityId: id,
        after: { roles: row.roles, districtId: row.districtId, accountId: actor.accountId },
      });
      return granted;
    });
    await this.memberships.notifyChanged(actor.accountId);
    return { membership };
  }

  private async byToken(token: string): Promise<InvitationRow> {
    const row = isInvitationToken(token) ? await this.repository.findByTokenHash(hashInvitationToken(token)) : null;
    if (!row) throw InvitationErrors.notFound();
    return row;
  }

  /** The account's verified contacts: mobiles are set by the code flow, e-mails by a code too. */
  private async contactsOf(accountId: string): Promise<string[]> {
    const account = await this.accounts.requireActive(accountId);
    return [account.mobile, account.email].filter((c): c is string => !!c);
  }
}

function assertPending(row: InvitationRow | null): asserts row is InvitationRow {
  if (!row) throw InvitationErrors.notFound();
  if (row.status === 'accepted') throw InvitationErrors.used();
  if (row.status === 'revoked') throw InvitationErrors.revoked();
  if (row.status === 'expired') throw InvitationErrors.expired();
}

function iso(value: Date | string): string {
  return new Date(value).toISOString();
}

function view(row: InvitationRow): TInvitation {
  return {
    id: row.id,
    channel: row.channel,
    contact: row.contact,
    roles: row.roles,
    districtId: row.districtId,
    status: row.status,
    invitedBy: row.invitedBy ? { id: row.invitedBy, displayName: row.invitedByName ?? '' } : null,
    createdAt: iso(row.createdAt),
    expiresAt: iso(row.expiresAt),
    acceptedAt: row.acceptedAt ? iso(row.acceptedAt) : null,
    revokedAt: row.revokedAt ? iso(row.revokedAt) : null,
  };
}

/** What the audit log keeps of an invitation: never the token or its hash. */
function auditView(i: TInvitation) {
  return { contact: i.contact, channel: i.channel, roles: i.roles, districtId: i.districtId, expiresAt: i.expiresAt, status: i.status };
}

