import { useEffect, useRef } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { TSession } from '@hamandishi/contracts';
import { getSocket, reconnectSocket, whenSocketOpens, type RealtimeSocket } from './socket-client';
import { queryKeys } from './query-client';

export type SocketEffectOptions = {
  /**
   * Whether this effect is a reason to connect. A live view (a thread, a support count, a
   * signed-in session) is; joining a room nobody on the page listens to yet is not: it waits for
   * a socket that something else opened.
   */
  opensConnection?: boolean;
};

/** Runs `attach` once the socket exists; `attach` returns its own cleanup. */
export function useSocketEffect(
  isActive: boolean,
  attach: (socket: RealtimeSocket) => () => void,
  deps: unknown[],
  { opensConnection = true }: SocketEffectOptions = {},
): void {
  useEffect(() => {
    if (!isActive) return;
    let detach: (() => void) | undefined;
    let isCancelled = false;
    const onSocket = (socket: RealtimeSocket) => {
      if (!isCancelled) detach = attach(socket);
    };
    let stopWaiting: (() => void) | undefined;
    if (opensConnection) void getSocket().then(onSocket);
    else stopWaiting = whenSocketOpens(onSocket);
    return () => {
      isCancelled = true;
      stopWaiting?.();
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

/**
 * Joins the public room of the municipality being viewed, again after every reconnect. It rides on
 * a socket opened for a live view or a session and never opens one: every visitor of every page
 * would otherwise download socket.io and hold a connection open for a room that is mostly quiet.
 */
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
    { opensConnection: false },
  );
}
