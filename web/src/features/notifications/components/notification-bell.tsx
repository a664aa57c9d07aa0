import { useCallback } from 'react';
import * as DropdownMenu from '@radix-ui/react-dropdown-menu';
import { useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { TNotification, TNotificationEvent } from '@hamandishi/contracts';
import { buttonClassName } from '@/components/button';
import { DateText } from '@/components/date-text';
import { BellIcon } from '@/components/icons';
import { useToast } from '@/components/toast';
import { formatNumber } from '@/lib/format';
import { queryKeys } from '@/lib/query-client';
import { useSocketEffect } from '@/lib/realtime';
import { useLocale } from '@/lib/use-locale';
import { addLiveNotification, useMarkAllRead, useNotifications, type NotificationPage } from '../api/use-notifications';
import { notificationText } from './notification-text';

export type NotificationBellProps = { accountId: string };

/** The bell in the header: unread count, the latest notifications, and new ones as they happen. */
export function NotificationBell({ accountId }: NotificationBellProps) {
  const { t } = useTranslation('notifications');
  const locale = useLocale();
  const notifications = useNotifications(true);
  const markAllRead = useMarkAllRead();
  useLiveNotifications(accountId);

  const unread = notifications.data?.unreadCount ?? 0;
  const items = notifications.data?.items ?? [];
  const count = formatNumber(unread, locale);
  const label = unread > 0 ? t('bell.labelUnread', { number: count }) : t('bell.label');

  return (
    <>
      <DropdownMenu.Root>
        <DropdownMenu.Trigger
          className={buttonClassName({ variant: 'ghost', size: 'sm', className: 'bell' })}
          aria-label={label}
        >
          <BellIcon />
          {unread > 0 && (
            <span className="bell__count" aria-hidden="true">
              {count}
            </span>
          )}
        </DropdownMenu.Trigger>
        <DropdownMenu.Portal>
          <DropdownMenu.Content className="menu__content bell__content" align="end" sideOffset={4}>
            <DropdownMenu.Label className="bell__title">{t('bell.title')}</DropdownMenu.Label>
            {notifications.isError && <p className="bell__empty">{t('bell.loadError')}</p>}
            {!notifications.isError && items.length === 0 && <p className="bell__empty">{t('bell.empty')}</p>}
            {items.map((notification) => (
              <NotificationItem key={notification.id} notification={notification} />
            ))}
            {unread > 0 && (
              <>
                <DropdownMenu.Separator className="menu__separator" />
                <DropdownMenu.Item
                  className="menu__item"
                  disabled={markAllRead.isPending}
                  onSelect={() => markAllRead.mutate()}
                >
                  {t('bell.markAllRead')}
                </DropdownMenu.Item>
              </>
            )}
          </DropdownMenu.Content>
        </DropdownMenu.Portal>
      </DropdownMenu.Root>
      <span className="visually-hidden" aria-live="polite" aria-atomic="true">
        {unread > 0 ? t('bell.unreadStatus', { number: count }) : ''}
      </span>
    </>
  );
}

function NotificationItem({ notification }: { notification: TNotification }) {
  const { t } = useTranslation(['notifications', 'plans']);
  const text = notificationText(t, notification);
  const content = (
    <span className="bell__item">
      <span className={notification.readAt ? undefined : 'bell__unread'}>
        {!notification.readAt && <span className="visually-hidden">{t('bell.new')} </span>}
        {text}
      </span>
      <span className="bell__date">
        <DateText value={notification.createdAt} />
      </span>
    </span>
  );
  const link = notification.link;
  if (link && link.startsWith('/')) {
    return (
      <DropdownMenu.Item asChild className="menu__item">
        <Link to={link}>{content}</Link>
      </DropdownMenu.Item>
    );
  }
  return <DropdownMenu.Item className="menu__item">{content}</DropdownMenu.Item>;
}

/** Adds `notification.created` events to the bell, shows them as a toast and refreshes what they are about. */
function useLiveNotifications(accountId: string) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const { t } = useTranslation(['notifications', 'plans']);
  const handle = useCallback(
    (event: TNotificationEvent & { link?: string | null }) => {
      const notification: TNotification = {
        id: event.id,
        kind: event.kind as TNotification['kind'],
        organizationSlug: event.organizationSlug,
        params: event.params,
        link: event.link ?? linkOf(event),
        readAt: null,
        createdAt: event.createdAt,
      };
      queryClient.setQueryData<NotificationPage>(queryKeys.notifications, (old) =>
        addLiveNotification(old, notification),
      );
      toast.show({ title: notificationText(t, notification), variant: 'info' });
      // What the notification is about has changed: pages showing it fetch it again.
      void queryClient.invalidateQueries({ queryKey: ['plans'] });
      void queryClient.invalidateQueries({ queryKey: ['stages'] });
    },
    [queryClient, t, toast],
  );
  useSocketEffect(
    true,
    (socket) => {
      socket.on('notification.created', handle);
      return () => {
        socket.off('notification.created', handle);
      };
    },
    [accountId, handle],
  );
}

const CONSULTATION_KINDS: readonly string[] = [
  'comment.outcome',
  'consultation.edition_published',
  'amendment.accepted',
  'amendment.rejected',
];

/** The socket event carries no link: the plan or stage page it is about, from its params. */
function linkOf(event: TNotificationEvent): string | null {
  const { planId, stageId, activityId } = event.params;
  // Consultation news (comment outcomes, new editions, decisions on rewordings) carries its activity.
  if (CONSULTATION_KINDS.includes(event.kind) && event.organizationSlug && typeof activityId === 'string') {
    return `/${event.organizationSlug}/consultations/${activityId}`;
  }
  if (!event.organizationSlug || typeof planId !== 'string') return null;
  return `/${event.organizationSlug}/plans/${planId}${typeof stageId === 'string' ? `/stages/${stageId}` : ''}`;
}
