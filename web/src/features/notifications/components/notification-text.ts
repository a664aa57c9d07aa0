import type { TFunction } from 'i18next';
import type { TNotification } from '@hamandishi/contracts';

/** A notification in words: `notifications:<kind>` filled with its params (a status code becomes its name). */
export function notificationText(t: TFunction, notification: Pick<TNotification, 'kind' | 'params'>): string {
  const { params } = notification;
  const status = params.status ?? params.to;
  const statusLabel = typeof status === 'string' ? t(`plans:statuses.${status}`, { defaultValue: status }) : '';
  return t(`notifications:${notification.kind}`, { ...params, statusLabel, defaultValue: t('notifications:fallback') });
}
