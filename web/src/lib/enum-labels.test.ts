import {
  ACTIVITY_TYPES,
  ALIGNMENTS,
  AMENDMENT_STATUSES,
  COMMENT_OUTCOMES,
  LOCALES,
  NOTIFICATION_KINDS,
  PLAN_KINDS,
  PLAN_STATUSES,
  PROBLEM_CAPACITIES,
  PROBLEM_STATUSES,
  REPORT_CAPACITIES,
  REPORT_REASONS,
  ROLES,
  STAGE_STATUSES,
  UPSTREAM_LEVELS,
} from '@hamandishi/contracts';
import { i18next } from '@/app/i18n';
import '@/features/comments/comments-i18n';
import '@/features/consultations/consultations-i18n';
import '@/features/problems/problems-i18n';
import { notificationText } from '@/features/notifications/components/notification-text';

// Every enum of the contracts that reaches a person, and where each screen finds its names.
const ENUMS: [string, readonly string[], string][] = [
  ['problem statuses', PROBLEM_STATUSES, 'problems:statuses'],
  ['problem statuses in the bell', PROBLEM_STATUSES, 'notifications:problemStatuses'],
  ['problem capacities', PROBLEM_CAPACITIES, 'problems:capacities'],
  ['plan statuses', PLAN_STATUSES, 'plans:statuses'],
  ['plan kinds', PLAN_KINDS, 'plans:kinds'],
  ['stage statuses', STAGE_STATUSES, 'plans:stageStatuses'],
  ['activity types', ACTIVITY_TYPES, 'plans:activityTypes'],
  ['upstream levels', UPSTREAM_LEVELS, 'plans:levels'],
  ['roles', ROLES, 'plans:roles'],
  ['comment outcomes', COMMENT_OUTCOMES, 'comments:outcome'],
  ['comment outcomes in the bell', COMMENT_OUTCOMES, 'notifications:outcomes'],
  ['stances', ALIGNMENTS, 'comments:alignment'],
  ['report reasons', REPORT_REASONS, 'comments:report.reasons'],
  ['amendment statuses', AMENDMENT_STATUSES, 'consultations:amendments.statuses'],
  ['report capacities', REPORT_CAPACITIES, 'consultations:manage.report.capacities'],
  ['notification kinds', NOTIFICATION_KINDS, 'notifications'],
];

describe('every enum value shown to a person has a name', () => {
  it.each(ENUMS)('%s, in fa, ar and en', (_name, values, prefix) => {
    for (const locale of LOCALES) {
      const missing = values.filter(
        (value) =>
          !i18next.exists(`${prefix}${prefix.includes(':') ? '.' : ':'}${value}`, { lng: locale, fallbackLng: [] }),
      );
      expect({ locale, missing }).toEqual({ locale, missing: [] });
    }
  });
});

describe('a status change in the bell', () => {
  it.each(LOCALES)('names every problem and plan status in %s, never the raw code', (locale) => {
    const t = i18next.getFixedT(locale);
    const fallback = t('notifications:fallback');
    for (const status of PROBLEM_STATUSES) {
      const text = notificationText(t, { kind: 'problem.status_changed', params: { title: 'چاله', status } });
      expect(text).not.toBe(fallback);
      expect(text).not.toContain(status);
      expect(text).toContain(t(`problems:statuses.${status}`));
    }
    for (const to of PLAN_STATUSES) {
      const text = notificationText(t, {
        kind: 'plan.status_changed',
        params: { planTitle: 'برنامه', from: 'drafting', to },
      });
      expect(text).not.toBe(fallback);
      expect(text).not.toContain(to);
    }
  });

  it('words a problem under review in Persian and English', () => {
    const params = { title: 'چاله در خیابان', status: 'under_review' };
    expect(notificationText(i18next.getFixedT('fa'), { kind: 'problem.status_changed', params })).toBe(
      'وضعیت مسئلهٔ «چاله در خیابان» به «در حال بررسی» تغییر کرد.',
    );
    expect(notificationText(i18next.getFixedT('en'), { kind: 'problem.status_changed', params })).toBe(
      'Problem “چاله در خیابان” is now: Under review.',
    );
  });

  it('says something general for a value it does not know, not the code', () => {
    const t = i18next.getFixedT('en');
    expect(notificationText(t, { kind: 'problem.status_changed', params: { title: 'x', status: 'teleported' } })).toBe(
      t('notifications:fallback'),
    );
  });
});
