import { useEffect, useRef } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { TSession } from '@hamandishi/contracts';
import { getSocket, reconnectSocket, type RealtimeSocket } from './socket-client';
import { queryKeys } from './query-client';

/** Runs `attach` once the socket exists; `attach` returns its own cleanup. */
export function useSocketEffect(isActive: boolean, attach: (socket: RealtimeSocket) => () => void, deps: unknown[]): void {
  useEffect(() => {
    if (!isActive) return;
    let detach: (() => void) | undefined;
    let isCancelled = false;
    void getSocket().then((socket) => {
      if (!isCancelled) detach = attach(socket);
    });
    return () => {
      isCancelled = true;
      detach?.();
    };
  }, deps);
}

/**
 * Keeps the session query in step with the server: another tab signing out or an admin
 * disabling the account ends this tab's session too.
 */
export function useRealtimeSession(accountId: string | null | undefined): void {
  const queryClient = useQueryClient();

  useSocketEffect(
    Boolean(accountId),
    (socket) => {
      const handleEnded = () => {
        void queryClient.invalidateQueries({ queryKey: queryKeys.session });
      };
      const handleMemberships = ({ memberships }: { memberships: TSession['memberships'] }) => {
        queryClient.setQueryData<TSession>(queryKeys.session, (old) => (old ? { ...old, memberships } : old));
      };
      socket.on('session.ended', handleEnded);
      socket.on('membership.changed', handleMemberships);
      return () => {
        socket.off('session.ended', handleEnded);
        socket.off('membership.changed', handleMemberships);
      };
    },
    [accountId, queryClient],
  );

  // A new session cookie only reaches the server on a new handshake.
  const previous = useRef(accountId);
  useEffect(() => {
    if (previous.current !== accountId) reconnectSocket();
    previous.current = accountId;
  }, [accountId]);
}

/** Joins the public room of the municipality being viewed, again after every reconnect. */
export function useWatchOrganization(slug: string | undefined): void {
  useSocketEffect(
    Boolean(slug),
    (socket) => {
      const organizationSlug = slug as string;
      const watch = () => socket.emit('organization.watch', { organizationSlug });
      if (socket.connected) watch();
      socket.on('connect', watch);
      return () => {
        socket.off('connect', watch);
        if (socket.connected) socket.emit('organization.unwatch', { organizationSlug });
      };
    },
    [slug],
  );
}
