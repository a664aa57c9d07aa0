import type { TFunction } from 'i18next';
import type { TNotification } from '@hamandishi/contracts';

type NotificationKind = TNotification['kind'];

/**
 * The params of each kind that hold an enum value, the label they fill in the sentence, and the
 * catalog that names the value. The bell sits in the header, where only the main catalogs are
 * loaded: problem statuses are named in `notifications` itself (a test keeps every enum value named
 * in every language).
 */
const ENUM_PARAMS: Partial<Record<NotificationKind, readonly { param: string; label: string; catalog: string }[]>> = {
  'plan.status_changed': [{ param: 'to', label: 'statusLabel', catalog: 'plans:statuses' }],
  'problem.status_changed': [{ param: 'status', label: 'statusLabel', catalog: 'notifications:problemStatuses' }],
  'comment.outcome': [{ param: 'outcome', label: 'outcomeLabel', catalog: 'notifications:outcomes' }],
  'strategy.project_status_changed': [{ param: 'to', label: 'statusLabel', catalog: 'notifications:projectStatuses' }],
};

/**
 * A notification in words: `notifications:<kind>` filled with its params, each enum value by its
 * translated name. A value this version does not know (a newer server) gives the generic sentence,
 * never the raw code.
 */
export function notificationText(t: TFunction, notification: Pick<TNotification, 'kind' | 'params'>): string {
  const { params } = notification;
  const fallback = t('notifications:fallback');
  const labels: Record<string, string> = {};
  for (const { param, label, catalog } of ENUM_PARAMS[notification.kind] ?? []) {
    const value = params[param];
    const key = `${catalog}.${String(value)}`;
    if (typeof value !== 'string' || !i18nHas(t, key)) return fallback;
    labels[label] = t(key);
  }
  return t(`notifications:${notification.kind}`, { ...params, ...labels, defaultValue: fallback });
}

// `t` answers the key itself when it is missing; a sentinel default tells the two apart.
const MISSING = '\u0000missing';
function i18nHas(t: TFunction, key: string): boolean {
  return t(key, { defaultValue: MISSING }) !== MISSING;
}
