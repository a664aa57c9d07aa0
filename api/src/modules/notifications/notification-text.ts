import type { PlanStatus, ProblemStatus } from '@hamandishi/contracts';
import type { NotificationKind } from './notification.entities';

/** The Persian titles a notification quotes; the plans module's tables hold them. */
export type NotificationTitles = {
  organizationSlug: string | null;
  planTitle: string | null;
  stageTitle: string | null;
  activityTitle: string | null;
};

/**
 * Where the notifier reads titles. The default reads the plan, stage and activity tables by id
 * (SqlNotificationTextSource); a module may provide its own through NotificationsService.
 */
export type NotificationTextSource = {
  titles(organizationId: string, ids: { planId: string; stageId?: string; activityId?: string }): Promise<NotificationTitles>;
};

// Typed by the contracts' enums, so a new status cannot reach an SMS as its raw code.
const STATUS_FA: Record<PlanStatus, string> = {
  drafting: 'در حال تدوین',
  council_review: 'در بررسی شورا',
  approved: 'تصویب‌شده',
  conformity_checked: 'تطبیق‌شده',
  in_execution: 'در حال اجرا',
  closed: 'بسته',
};

const PROBLEM_STATUS_FA: Record<ProblemStatus, string> = {
  submitted: 'ثبت‌شده',
  under_review: 'در حال بررسی',
  accepted: 'پذیرفته‌شده',
  merged: 'ادغام‌شده',
  out_of_scope: 'خارج از موضوع برنامه',
  addressed: 'رسیدگی‌شده',
};

/** The Persian name of an enum value; an unknown value (an old row) reads as a neutral word, never the code. */
function nameOf(names: Record<string, string>, value: unknown): string {
  return (typeof value === 'string' && Object.hasOwn(names, value) ? names[value] : undefined) ?? 'وضعیتی تازه';
}

/** One line of a digest, in Persian (SMS and email are not translated by the web). */
export function describeNotification(kind: NotificationKind, params: Record<string, string | number>): string {
  const plan = params.planTitle ? `«${params.planTitle}»` : 'برنامه';
  const stage = params.stageTitle ? `«${params.stageTitle}»` : '';
  switch (kind) {
    case 'stage.opened':
      return `مرحلهٔ ${stage} از ${plan} آغاز شد`.replace(/\s+/g, ' ');
    case 'stage.closed':
      return `مرحلهٔ ${stage} از ${plan} به پایان رسید`.replace(/\s+/g, ' ');
    case 'activity.opened':
      return `فعالیت ${params.activityTitle ? `«${params.activityTitle}»` : ''} در ${plan} باز شد`.replace(/\s+/g, ' ');
    case 'plan.status_changed':
      return `وضعیت ${plan} به «${nameOf(STATUS_FA, params.to)}» تغییر کرد`;
    case 'problem.status_changed':
      return `وضعیت مسئلهٔ «${params.title ?? ''}» به «${nameOf(PROBLEM_STATUS_FA, params.status)}» تغییر کرد`;
    case 'problem.merged':
      return `مسئلهٔ «${params.title ?? ''}» با «${params.intoTitle ?? ''}» ادغام شد`;
    case 'consultation.edition_published':
      return `ویرایش ${params.number ?? ''} «${params.title ?? ''}» در «${params.activityTitle ?? ''}» منتشر شد؛ ببینید چه تغییر کرد`.replace(/\s+/g, ' ');
    case 'amendment.accepted':
      return `پیشنهاد بازنویسی شما «${params.excerpt ?? ''}» در «${params.activityTitle ?? ''}» پذیرفته شد`;
    case 'amendment.rejected':
      return `پیشنهاد بازنویسی شما «${params.excerpt ?? ''}» در «${params.activityTitle ?? ''}» پذیرفته نشد${params.reason ? `: ${params.reason}` : ''}`;
    case 'comment.outcome':
      return params.outcome === 'incorporated'
        ? `نظر شما «${params.excerpt ?? ''}» در ویرایش بعدی «${params.activityTitle ?? ''}» به کار رفت`
        : `نظر شما «${params.excerpt ?? ''}» در ویرایش بعدی «${params.activityTitle ?? ''}» به کار نرفت: ${params.reason ?? ''}`;
    // strategy monitoring and traceability
    case 'strategy.off_track':
      return `${params.subjectType === 'project' ? 'پروژهٔ' : 'شاخص'} «${params.code ?? ''} ${params.title ?? ''}» در سال ${params.year ?? ''} از برنامه عقب است`.replace(/\s+/g, ' ');
    case 'strategy.project_status_changed':
      return `وضعیت پروژهٔ «${params.title ?? ''}» که به خواست شما پاسخ می‌دهد به «${nameOf(PROJECT_STATUS_FA, params.to)}» تغییر کرد`;
  }
}

const PROJECT_STATUS_FA: Record<string, string> = {
  planned: 'برنامه‌ریزی‌شده',
  in_progress: 'در حال اجرا',
  completed: 'تکمیل‌شده',
  suspended: 'متوقف‌شده',
  cancelled: 'لغوشده',
};
