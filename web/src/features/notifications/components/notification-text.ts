import type { TFunction } from 'i18next';
import type { TNotification } from '@hamandishi/contracts';

/** A notification in words: `notifications:<kind>` filled with its params (a status code becomes its name). */
export function notificationText(t: TFunction, notification: Pick<TNotification, 'kind' | 'params'>): string {
  const { params } = notification;
  const status = params.status ?? params.to;
  const statusLabel = typeof status === 'string' ? t(`plans:statuses.${status}`, { defaultValue: status }) : '';
  // A comment's outcome (comment.outcome): incorporated / not incorporated, in words.
  const outcome = params.outcome;
  const outcomeLabel =
    typeof outcome === 'string' ? t(`notifications:outcomes.${outcome}`, { defaultValue: outcome }) : '';
  return t(`notifications:${notification.kind}`, {
    ...params,
    statusLabel,
    outcomeLabel,
    defaultValue: t('notifications:fallback'),
  });
}
