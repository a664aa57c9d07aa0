import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '@hamandishi/contracts';

/** The browser's typed socket: server events in, client events out. */
export type RealtimeSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

let socket: RealtimeSocket | null = null;

/**
 * The one socket of this tab, created on first use (pages that never need realtime never open
 * it). Same origin, so the `hm_session` cookie authenticates it.
 */
export function getSocket(): RealtimeSocket {
  if (!socket) {
    socket = io({
      path: '/socket.io',
      withCredentials: true,
      transports: ['websocket', 'polling'],
      reconnectionDelayMax: 10_000,
    });
  }
  return socket;
}

/** Reconnects so the server re-reads the session cookie (after sign-in or sign-out). */
export function reconnectSocket(): void {
  if (!socket) return;
  socket.disconnect();
  socket.connect();
}

/** Closes the socket (tests and teardown). */
export function closeSocket(): void {
  socket?.disconnect();
  socket = null;
}
