import type { Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '@hamandishi/contracts';

/** The browser's typed socket: server events in, client events out. */
export type RealtimeSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

let socketPromise: Promise<RealtimeSocket> | null = null;

/**
 * The one socket of this tab, created on first use; socket.io-client itself is loaded then too,
 * so pages that never need realtime never download it. Same origin, so the `hm_session`
 * cookie authenticates it.
 */
export function getSocket(): Promise<RealtimeSocket> {
  socketPromise ??= import('socket.io-client').then(
    ({ io }) =>
      io({
        path: '/socket.io',
        withCredentials: true,
        transports: ['websocket', 'polling'],
        reconnectionDelayMax: 10_000,
      }) as RealtimeSocket,
  );
  return socketPromise;
}

/** Reconnects so the server re-reads the session cookie (after sign-in or sign-out). */
export function reconnectSocket(): void {
  if (!socketPromise) return;
  void socketPromise.then((socket) => {
    socket.disconnect();
    socket.connect();
  });
}

/** Closes the socket (tests and teardown). */
export function closeSocket(): void {
  void socketPromise?.then((socket) => socket.disconnect());
  socketPromise = null;
}
