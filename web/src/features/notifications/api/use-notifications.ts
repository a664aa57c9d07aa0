import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TNotification } from '@hamandishi/contracts';
import { api } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-client';

/** GET /api/me/notifications: the newest page and how many are unread. */
export type NotificationPage = { items: TNotification[]; nextCursor: string | null; unreadCount: number };

/** One's notifications (only when signed in). */
export function useNotifications(isEnabled: boolean) {
  return useQuery({
    queryKey: queryKeys.notifications,
    queryFn: ({ signal }) => api.get<NotificationPage>('/api/me/notifications', { signal }),
    enabled: isEnabled,
    staleTime: 30_000,
  });
}

/** POST /api/me/notifications/read with no ids: everything read. */
export function useMarkAllRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<void>('/api/me/notifications/read', {}),
    onSuccess: () => {
      const now = new Date().toISOString();
      queryClient.setQueryData<NotificationPage>(queryKeys.notifications, (old) =>
        old ? { ...old, unreadCount: 0, items: old.items.map((item) => ({ ...item, readAt: item.readAt ?? now })) } : old,
      );
    },
  });
}

/** Puts a notification that just arrived on top of the list and counts it unread (once). */
export function addLiveNotification(page: NotificationPage | undefined, notification: TNotification): NotificationPage {
  const current = page ?? { items: [], nextCursor: null, unreadCount: 0 };
  if (current.items.some((item) => item.id === notification.id)) return current;
  return { ...current, items: [notification, ...current.items], unreadCount: current.unreadCount + 1 };
}
