import { Injectable } from '@nestjs/common';
import QRCode from 'qrcode';
import type { TThinktankAttendance, TThinktankQr } from '@hamandishi/contracts';
import type { Actor } from '../../common/http/request-context';
import { AppConfig } from '../../config/app-config';
import { AuditService } from '../audit/audit.service';
import { MembershipsService } from '../identity/memberships.service';
import type { Organization } from '../organizations/organization.entity';
import { personHours } from './attendance-math';
import { sessionIdOfQrToken, signQrToken, verifyQrToken } from './qr-token';
import { ThinktankErrors } from './thinktank.errors';
import { type SessionRow, ThinktankSessionsRepository } from './thinktank-sessions.repository';
import { iso, ThinktankSessionsService } from './thinktank-sessions.service';

/** Check-in opens this long before the session starts (people arrive early; minutes count from the start). */
export const CHECK_IN_OPENS_MINUTES_BEFORE = 30;

/**
 * Attendance: check-in by scanning the door's QR code (a signed link, for one session) while
 * signed in, or by the facilitator ticking the list; check-out; attended minutes clamped to the
 * session's window. One row per person and session, so a second check-in counts nothing.
 */
@Injectable()
export class ThinktankAttendanceService {
  constructor(
    private readonly repository: ThinktankSessionsRepository,
    private readonly sessions: ThinktankSessionsService,
    private readonly memberships: MembershipsService,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
  ) {}

  /** The door's QR code (SVG) and the link it holds. */
  async qr(org: Organization, actor: Actor, sessionId: string): Promise<TThinktankQr> {
    await this.sessions.requireRunner(org, actor, sessionId);
    const secret = (await this.repository.qrSecret(org.id, sessionId))!;
    const base = (this.config.env.PUBLIC_URL ?? `http://${this.config.env.HOST}:${this.config.env.PORT}`).replace(/\/$/, '');
    const url = `${base}/${org.slug}/sessions/${sessionId}?checkin=${encodeURIComponent(signQrToken(sessionId, secret))}`;
    const svg = await QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
    return { url, svg };
  }

  /** A signed-in person scanned the door's code: checks them in (once). */
  async checkInByQr(org: Organization, actor: Actor, sessionId: string, token: string): Promise<TThinktankAttendance['attendees'][number]> {
    const session = await this.sessions.require(org.id, sessionId);
    const named = sessionIdOfQrToken(token);
    if (!named) throw ThinktankErrors.qrInvalid();
    if (named !== sessionId) throw ThinktankErrors.qrOtherSession();
    const secret = (await this.repository.qrSecret(org.id, sessionId))!;
    if (!verifyQrToken(token, sessionId, secret)) throw ThinktankErrors.qrInvalid();
    await this.checkIn(org, session, actor.accountId, actor.accountId, 'qr');
    return this.attendeeOf(org, sessionId, actor.accountId);
  }

  /** The facilitator ticks a person on the list. */
  async checkInByList(org: Organization, actor: Actor, sessionId: string, accountId: string): Promise<TThinktankAttendance> {
    const { session } = await this.sessions.requireRunner(org, actor, sessionId);
    const invited = await this.repository.invitationOfAccount(org.id, sessionId, accountId);
    if (!invited && !(await this.memberships.find(org.id, accountId))) throw ThinktankErrors.accountNotMember('accountId');
    await this.checkIn(org, session, accountId, actor.accountId, 'list');
    return this.list(org, actor, sessionId);
  }

  async checkOut(org: Organization, actor: Actor, sessionId: string, accountId: string): Promise<TThinktankAttendance> {
    const { session } = await this.sessions.requireRunner(org, actor, sessionId);
    await this.checkOutOf(org, session, accountId, actor.accountId);
    return this.list(org, actor, sessionId);
  }

  /** A participant checks themself out (leaving early). */
  async checkOutSelf(org: Organization, actor: Actor, sessionId: string): Promise<TThinktankAttendance['attendees'][number]> {
    const session = await this.sessions.require(org.id, sessionId);
    await this.checkOutOf(org, session, actor.accountId, actor.accountId);
    return this.attendeeOf(org, sessionId, actor.accountId);
  }

  /** The facilitator's list: invitees (by account) and everyone present, with minutes and person-hours. */
  async list(org: Organization, actor: Actor, sessionId: string): Promise<TThinktankAttendance> {
    await this.sessions.requireRunner(org, actor, sessionId);
    const rows = await this.repository.attendanceList(org.id, sessionId);
    const attendees = rows.map((r) => ({
      account: { id: r.accountId, displayName: r.accountName },
      stakeholder: r.stakeholderId && r.stakeholderKind ? { id: r.stakeholderId, name: r.stakeholderName ?? '', kind: r.stakeholderKind } : null,
      rsvp: r.rsvp,
      checkedInAt: r.checkedInAt ? iso(r.checkedInAt) : null,
      checkedOutAt: r.checkedOutAt ? iso(r.checkedOutAt) : null,
      method: r.method,
      minutes: r.minutes,
    }));
    return { attendees, personHours: personHours(attendees.reduce((sum, a) => sum + a.minutes, 0)) };
  }

  private async checkIn(org: Organization, session: SessionRow, accountId: string, by: string, method: 'qr' | 'list'): Promise<void> {
    if (session.status === 'cancelled') throw ThinktankErrors.cancelled();
    if (session.status === 'closed') throw ThinktankErrors.closed();
    const now = Date.now();
    const opensAt = new Date(session.startsAt.getTime() - CHECK_IN_OPENS_MINUTES_BEFORE * 60_000);
    if (now < opensAt.getTime()) throw ThinktankErrors.checkInNotOpen(opensAt);
    if (now >= session.endsAt.getTime()) throw ThinktankErrors.ended();
    await this.repository.db.transaction(async (m) => {
      const invitation = await this.repository.invitationOfAccount(org.id, session.id, accountId, m);
      const stakeholderId = invitation?.stakeholderId ?? (await this.repository.stakeholderOfAccount(org.id, accountId, m));
      const created = await this.repository.checkIn(m, { organizationId: org.id, sessionId: session.id, accountId, stakeholderId, by, method });
      if (created) {
        await this.audit.record(m, {
          organizationId: org.id,
          actorId: by,
          action: 'thinktank_session.checked_in',
          entityType: 'thinktank_session',
          entityId: session.id,
          after: { accountId, method },
        });
      }
    });
  }

  private async checkOutOf(org: Organization, session: SessionRow, accountId: string, by: string): Promise<void> {
    await this.repository.db.transaction(async (m) => {
      const changed = await this.repository.checkOut(m, org.id, session.id, accountId, by);
      if (changed === null) throw ThinktankErrors.notCheckedIn();
      if (changed) {
        await this.audit.record(m, {
          organizationId: org.id,
          actorId: by,
          action: 'thinktank_session.checked_out',
          entityType: 'thinktank_session',
          entityId: session.id,
          after: { accountId },
        });
      }
    });
  }

  private async attendeeOf(org: Organization, sessionId: string, accountId: string) {
    const row = (await this.repository.attendanceList(org.id, sessionId)).find((r) => r.accountId === accountId)!;
    return {
      account: { id: row.accountId, displayName: row.accountName },
      stakeholder: row.stakeholderId && row.stakeholderKind ? { id: row.stakeholderId, name: row.stakeholderName ?? '', kind: row.stakeholderKind } : null,
      rsvp: row.rsvp,
      checkedInAt: row.checkedInAt ? iso(row.checkedInAt) : null,
      checkedOutAt: row.checkedOutAt ? iso(row.checkedOutAt) : null,
      method: row.method,
      minutes: row.minutes,
    };
  }
}
