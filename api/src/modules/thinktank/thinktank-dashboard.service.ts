import { Injectable } from '@nestjs/common';
import { type Locale, type StakeholderKind, type TThinktankDashboard } from '@hamandishi/contracts';
import { formatDate, formatJalali } from '@hamandishi/text';
import type { Table } from '../../common/export/tabular';
import type { Organization } from '../organizations/organization.entity';
import { personHours } from './attendance-math';
import { ATTENDED_MINUTES_SQL, ThinktankSessionsRepository } from './thinktank-sessions.repository';
import { ThinktankSessionsService } from './thinktank-sessions.service';

type KindRow = { kind: StakeholderKind | 'none'; participants: number; minutes: number };

/**
 * The figures cities publish about their think-tank sessions, per plan: sessions held,
 * participants by stakeholder kind, person-hours by committee, stage and kind; and their export.
 * Cancelled sessions count nowhere.
 */
@Injectable()
export class ThinktankDashboardService {
  constructor(
    private readonly repository: ThinktankSessionsRepository,
    private readonly sessions: ThinktankSessionsService,
  ) {}

  async dashboard(org: Organization, planId: string): Promise<TThinktankDashboard> {
    const list = (await this.sessions.list(org, planId, {})).filter((s) => s.status !== 'cancelled');
    const rows = await this.repository.listOfPlan(org.id, planId, {});
    const minutesOf = new Map(rows.map((r) => [r.id, r.attendedMinutes]));
    const now = Date.now();
    const isHeld = (s: (typeof list)[number]) => s.status === 'closed' || Date.parse(s.endsAt) <= now;

    const byCommittee = new Map<string, { committeeId: string | null; name: TThinktankDashboard['byCommittee'][number]['name']; sessions: number; minutes: number }>();
    const byStage = new Map<string, { stageId: string; title: TThinktankDashboard['byStage'][number]['title']; sessions: number; minutes: number }>();
    for (const s of list) {
      const minutes = minutesOf.get(s.id) ?? 0;
      const c = byCommittee.get(s.committeeId ?? '') ?? { committeeId: s.committeeId, name: s.committeeName, sessions: 0, minutes: 0 };
      c.sessions += 1;
      c.minutes += minutes;
      byCommittee.set(s.committeeId ?? '', c);
      const st = byStage.get(s.stageId) ?? { stageId: s.stageId, title: s.stageTitle, sessions: 0, minutes: 0 };
      st.sessions += 1;
      st.minutes += minutes;
      byStage.set(s.stageId, st);
    }
    const kinds = await this.byKind(org.id, planId);
    const [{ participants }] = await this.repository.db.query(
      `SELECT count(DISTINCT a.account_id)::int AS participants FROM thinktank_attendance a
         JOIN thinktank_session s ON s.organization_id = a.organization_id AND s.id = a.session_id
        WHERE a.organization_id = $1 AND s.plan_id = $2 AND s.status <> 'cancelled'`,
      [org.id, planId],
    );
    const totalMinutes = [...minutesOf.entries()].filter(([id]) => list.some((s) => s.id === id)).reduce((sum, [, m]) => sum + m, 0);
    return {
      sessionsHeld: list.filter(isHeld).length,
      sessionsScheduled: list.filter((s) => !isHeld(s)).length,
      participants,
      personHours: personHours(totalMinutes),
      participantsByKind: kinds.map((k) => ({ kind: k.kind, participants: k.participants, personHours: personHours(k.minutes) })),
      byCommittee: [...byCommittee.values()].map((c) => ({ committeeId: c.committeeId, name: c.name, sessions: c.sessions, personHours: personHours(c.minutes) })),
      byStage: [...byStage.values()].map((s) => ({ stageId: s.stageId, title: s.title, sessions: s.sessions, personHours: personHours(s.minutes) })),
      sessions: list.map((s) => ({
        id: s.id,
        topic: s.topic,
        startsAt: s.startsAt,
        status: s.status,
        participants: s.counts.attended,
        personHours: s.personHours,
      })),
      statementsAndThemes: await this.statementsAndThemes(org.id, planId),
    };
  }

  /**
   * STATEMENTS AND THEIR THEMES — the lead joins the live board's `thinktank_statement` table here
   * once it is merged (statements posted in the plan's sessions, counted per theme). Until then the
   * dashboard shows no such section (null), rather than a misleading zero.
   */
  async statementsAndThemes(organizationId: string, planId: string): Promise<TThinktankDashboard['statementsAndThemes']> {
    void organizationId;
    void planId;
    return null;
  }

  /** The dashboard as tables in `lang` (labels and dates); every text cell is made formula-safe by the writers. */
  async tables(org: Organization, planId: string, lang: Locale): Promise<Table[]> {
    const d = await this.dashboard(org, planId);
    const l = LABELS[lang];
    const name = (text: { fa: string; ar?: string; en?: string } | null) => (text ? (text[lang] ?? text.fa) : l.none);
    const day = (value: string) =>
      lang === 'en' ? formatDate(new Date(value), 'en', { withTime: true, timeZone: 'Asia/Tehran' }) : formatJalali(new Date(value), { locale: 'en', withTime: true, timeZone: 'Asia/Tehran' });
    return [
      {
        sheetName: l.summary,
        header: [l.figure, l.value],
        rows: [
          [l.sessionsHeld, d.sessionsHeld],
          [l.sessionsScheduled, d.sessionsScheduled],
          [l.participants, d.participants],
          [l.personHours, d.personHours],
        ],
      },
      {
        sheetName: l.sessions,
        header: [l.topic, l.startsAt, l.status, l.participants, l.personHours],
        rows: d.sessions.map((s) => [s.topic, day(s.startsAt), l.statuses[s.status], s.participants, s.personHours]),
      },
      { sheetName: l.byCommittee, header: [l.committee, l.sessions, l.personHours], rows: d.byCommittee.map((c) => [name(c.name), c.sessions, c.personHours]) },
      { sheetName: l.byStage, header: [l.stage, l.sessions, l.personHours], rows: d.byStage.map((s) => [name(s.title), s.sessions, s.personHours]) },
      {
        sheetName: l.byKind,
        header: [l.kind, l.participants, l.personHours],
        rows: d.participantsByKind.map((k) => [l.kinds[k.kind], k.participants, k.personHours]),
      },
    ];
  }

  private byKind(organizationId: string, planId: string): Promise<KindRow[]> {
    return this.repository.db.query(
      `SELECT COALESCE(sh.kind, 'none') AS kind, count(DISTINCT a.account_id)::int AS participants, sum(${ATTENDED_MINUTES_SQL})::int AS minutes
         FROM thinktank_attendance a
         JOIN thinktank_session s ON s.organization_id = a.organization_id AND s.id = a.session_id
         LEFT JOIN stakeholder sh ON sh.organization_id = a.organization_id AND sh.id = a.stakeholder_id
        WHERE a.organization_id = $1 AND s.plan_id = $2 AND s.status <> 'cancelled'
        GROUP BY 1 ORDER BY 3 DESC, 1`,
      [organizationId, planId],
    );
  }
}

type Labels = {
  summary: string; figure: string; value: string; sessionsHeld: string; sessionsScheduled: string; participants: string; personHours: string;
  sessions: string; topic: string; startsAt: string; status: string; byCommittee: string; committee: string; byStage: string; stage: string;
  byKind: string; kind: string; none: string;
  statuses: Record<'scheduled' | 'in_progress' | 'closed' | 'cancelled', string>;
  kinds: Record<StakeholderKind | 'none', string>;
};

const LABELS: Record<Locale, Labels> = {
  fa: {
    summary: 'خلاصه', figure: 'شاخص', value: 'مقدار', sessionsHeld: 'جلسات برگزارشده', sessionsScheduled: 'جلسات پیش رو', participants: 'شرکت‌کنندگان',
    personHours: 'نفر-ساعت', sessions: 'جلسات', topic: 'موضوع', startsAt: 'زمان', status: 'وضعیت', byCommittee: 'به تفکیک کمیته', committee: 'کمیته',
    byStage: 'به تفکیک مرحله', stage: 'مرحله', byKind: 'به تفکیک نوع ذی‌نفع', kind: 'نوع ذی‌نفع', none: 'بدون کمیته',
    statuses: { scheduled: 'برنامه‌ریزی‌شده', in_progress: 'در حال برگزاری', closed: 'پایان‌یافته', cancelled: 'لغوشده' },
    kinds: {
      ngo: 'سمن', academic: 'دانشگاهی و خبره', executive_agency: 'دستگاه اجرایی', city_council: 'شورای شهر', municipal_affiliate: 'معاونت، منطقه یا سازمان وابسته',
      private_sector: 'بخش خصوصی و استارتاپ', religious_volunteer: 'گروه مذهبی یا داوطلب', media: 'رسانه', citizen_group: 'گروه شهروندی', none: 'شهروند (بدون نهاد)',
    },
  },
  ar: {
    summary: 'ملخص', figure: 'المؤشر', value: 'القيمة', sessionsHeld: 'الجلسات المنعقدة', sessionsScheduled: 'الجلسات القادمة', participants: 'المشاركون',
    personHours: 'ساعات العمل البشري', sessions: 'الجلسات', topic: 'الموضوع', startsAt: 'الموعد', status: 'الحالة', byCommittee: 'حسب اللجنة', committee: 'اللجنة',
    byStage: 'حسب المرحلة', stage: 'المرحلة', byKind: 'حسب نوع الجهة', kind: 'نوع الجهة', none: 'بدون لجنة',
    statuses: { scheduled: 'مجدولة', in_progress: 'جارية', closed: 'منتهية', cancelled: 'ملغاة' },
    kinds: {
      ngo: 'منظمة غير حكومية', academic: 'أكاديمي وخبير', executive_agency: 'جهة تنفيذية', city_council: 'مجلس المدينة', municipal_affiliate: 'جهة بلدية تابعة',
      private_sector: 'القطاع الخاص', religious_volunteer: 'جماعة دينية أو تطوعية', media: 'إعلام', citizen_group: 'مجموعة مواطنين', none: 'مواطن (بدون جهة)',
    },
  },
  en: {
    summary: 'Summary', figure: 'Figure', value: 'Value', sessionsHeld: 'Sessions held', sessionsScheduled: 'Sessions ahead', participants: 'Participants',
    personHours: 'Person-hours', sessions: 'Sessions', topic: 'Topic', startsAt: 'Time', status: 'Status', byCommittee: 'By committee', committee: 'Committee',
    byStage: 'By stage', stage: 'Stage', byKind: 'By stakeholder kind', kind: 'Stakeholder kind', none: 'No committee',
    statuses: { scheduled: 'Scheduled', in_progress: 'In progress', closed: 'Closed', cancelled: 'Cancelled' },
    kinds: {
      ngo: 'NGO', academic: 'Academic / expert', executive_agency: 'Executive agency', city_council: 'City council', municipal_affiliate: 'Municipal affiliate',
      private_sector: 'Private sector', religious_volunteer: 'Religious / volunteer group', media: 'Media', citizen_group: 'Citizen group', none: 'Citizen (no organisation)',
    },
  },
};
