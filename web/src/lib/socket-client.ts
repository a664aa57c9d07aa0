import type { Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '@hamandishi/contracts';

/** The browser's typed socket: server events in, client events out. */
export type RealtimeSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

let socketPromise: Promise<RealtimeSocket> | null = null;
const waitingForSocket = new Set<(socket: RealtimeSocket) => void>();

/**
 * The one socket of this tab, created on first use; socket.io-client itself is loaded then too,
 * so pages that never need realtime never download it. Same origin, so the `hm_session`
 * cookie authenticates it.
 */
export function getSocket(): Promise<RealtimeSocket> {
  socketPromise ??= import('socket.io-client').then(({ io }) => {
    const socket = io({
      path: '/socket.io',
      withCredentials: true,
      transports: ['websocket', 'polling'],
      reconnectionDelayMax: 10_000,
    }) as RealtimeSocket;
    for (const listener of waitingForSocket) listener(socket);
    waitingForSocket.clear();
    return socket;
  });
  return socketPromise;
}

/**
 * Calls `listener` with the tab's socket once something else has opened it (now or later), but
 * never opens one itself: an anonymous visitor reading a page downloads no socket.io at all.
 * Returns a function that stops waiting.
 */
export function whenSocketOpens(listener: (socket: RealtimeSocket) => void): () => void {
  if (socketPromise) {
    let isWaiting = true;
    void socketPromise.then((socket) => {
      if (isWaiting) listener(socket);
    });
    return () => {
      isWaiting = false;
    };
  }
  waitingForSocket.add(listener);
  return () => waitingForSocket.delete(listener);
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
