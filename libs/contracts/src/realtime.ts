import type { TMembership } from './identity';
import type { TBoardAck, TBoardCommand, TBoardJoinAck, TBoardUpdate } from './board';

/** A notification pushed to one person (the bell). */
export type TNotificationEvent = {
  id: string;
  kind: string;
  organizationSlug: string | null;
  params: Record<string, string | number>;
  createdAt: string;
};

/**
 * Events the server sends to browsers. Rooms: `org:<organizationId>` (everyone looking at a
 * municipality) and `account:<accountId>` (one person's tabs).
 */
export type ServerToClientEvents = {
  /** Sent once after connecting: who the socket belongs to. */
  'session.ready': (payload: { accountId: string | null; organizationIds: string[] }) => void;
  /** One's memberships changed (roles granted or taken). */
  'membership.changed': (payload: { memberships: TMembership[] }) => void;
  /** The session was ended elsewhere (sign-out, account disabled): the tab should reload. */
  'session.ended': (payload: { reason: 'signed_out' | 'disabled' | 'deleted' }) => void;
  /** A notification for the bell. */
  'notification.created': (payload: TNotificationEvent) => void;
  /** A problem's support count changed (room `problem:<id>`, joined with `problem.watch`). */
  'problem.support_changed': (payload: { problemId: string; supportCount: number }) => void;
  /** A problem's status changed, was merged or hidden (room `problem:<id>`). */
  'problem.updated': (payload: { problemId: string; status: string; mergedIntoId: string | null; isHidden: boolean }) => void;
  /** Something was commented on (room `comments:<targetType>:<targetId>`, joined with `comments.watch`). */
  'comment.changed': (payload: { targetType: string; targetId: string; commentId: string; change: 'created' | 'edited' | 'hidden' | 'restored' | 'voted' }) => void;
  /** An organisation-wide announcement (used by tests and by admins). */
  'organization.broadcast': (payload: { organizationId: string; kind: string; params: Record<string, string | number> }) => void;
  // ---- think-tank live board (board.ts) ----
  /** A change on a live board one has joined (statements, clusters, polls, status, opinion groups). */
  'board.update': (payload: TBoardUpdate) => void;
};

/** Events browsers send to the server. */
export type ClientToServerEvents = {
  /** Join the room of a municipality one is viewing (public rooms, no membership needed). */
  'organization.watch': (payload: { organizationSlug: string }, ack?: (ok: boolean) => void) => void;
  'organization.unwatch': (payload: { organizationSlug: string }) => void;
  /** Follow one problem's live counts while its page is open. */
  'problem.watch': (payload: { problemId: string }, ack?: (ok: boolean) => void) => void;
  'problem.unwatch': (payload: { problemId: string }) => void;
  /** Follow the comments of one thing while it is on screen. */
  'comments.watch': (payload: { targetType: string; targetId: string }, ack?: (ok: boolean) => void) => void;
  'comments.unwatch': (payload: { targetType: string; targetId: string }) => void;
  // ---- think-tank live board (board.ts) ----
  /** Join a session's live board; the acknowledgement carries its full current state (also after a reconnection). */
  'board.join': (payload: { sessionId: string }, ack: (answer: TBoardJoinAck) => void) => void;
  'board.leave': (payload: { sessionId: string }) => void;
  /** Post, vote, group, pin, poll, open or close; acknowledged once stored (retry with the same statement id until then). */
  'board.command': (payload: { sessionId: string; command: TBoardCommand }, ack: (answer: TBoardAck) => void) => void;
};

/** Names of the server-to-client events. */
export type ServerEventName = keyof ServerToClientEvents;
