import { useCallback, useEffect, useRef, useState } from 'react';
import type { TBoardAck, TBoardCommand, TBoardState } from '@hamandishi/contracts';
import { useSocketEffect } from '@/lib/realtime';
import { getSocket, type RealtimeSocket } from '@/lib/socket-client';
import { applyUpdate } from './board-state';

/** A statement typed here and not yet acknowledged by the server. */
export type PendingPost = { id: string; text: string };

/** How long one attempt waits for an acknowledgement before it is sent again (same id). */
const ACK_TIMEOUT_MS = 5_000;
const RETRY_MS = 2_000;

const pendingKey = (sessionId: string) => `hamandishi:board-pending:${sessionId}`;

function loadPending(sessionId: string): PendingPost[] {
  try {
    return JSON.parse(localStorage.getItem(pendingKey(sessionId)) ?? '[]') as PendingPost[];
  } catch {
    return [];
  }
}

function savePending(sessionId: string, posts: PendingPost[]): void {
  try {
    if (posts.length) localStorage.setItem(pendingKey(sessionId), JSON.stringify(posts));
    else localStorage.removeItem(pendingKey(sessionId));
  } catch {
    // private mode: the posts stay in memory only
  }
}

export type BoardConnection = {
  state: TBoardState | null;
  /** The join's refusal code (forbidden, not found...). */
  joinError: string | null;
  isConnected: boolean;
  pending: PendingPost[];
  /** A post's refusal (rate limit, closed board): the post is dropped and this explains why. */
  postError: string | null;
  post: (text: string) => void;
  command: (command: TBoardCommand) => Promise<TBoardAck>;
};

/**
 * Joins a session's live board and keeps its state: the full state on every (re)connection, then
 * the pushed changes. Posts get their id here and are kept (also across a reload) until the
 * server acknowledges them; the server deduplicates by id, so a retry never doubles a statement.
 */
export function useBoard(sessionId: string): BoardConnection {
  const [state, setState] = useState<TBoardState | null>(null);
  const [joinError, setJoinError] = useState<string | null>(null);
  const [isConnected, setIsConnected] = useState(false);
  const [pending, setPending] = useState<PendingPost[]>(() => loadPending(sessionId));
  const [postError, setPostError] = useState<string | null>(null);
  const pendingRef = useRef(pending);
  const inFlight = useRef(new Set<string>());
  const joined = useRef(false);

  const updatePending = useCallback(
    (change: (posts: PendingPost[]) => PendingPost[]) => {
      pendingRef.current = change(pendingRef.current);
      savePending(sessionId, pendingRef.current);
      setPending(pendingRef.current);
    },
    [sessionId],
  );

  const sendPost = useCallback(
    async (socket: RealtimeSocket, post: PendingPost) => {
      if (inFlight.current.has(post.id) || !socket.connected || !joined.current) return;
      inFlight.current.add(post.id);
      try {
        const ack = (await socket
          .timeout(ACK_TIMEOUT_MS)
          .emitWithAck('board.command', { sessionId, command: { type: 'post', id: post.id, text: post.text } })) as TBoardAck;
        if (!ack.ok && ack.code === 'common.internal') return; // kept: tried again later
        updatePending((posts) => posts.filter((p) => p.id !== post.id));
        if (ack.ok) {
          const statement = ack.statement;
          if (statement) setState((s) => (s ? applyUpdate(s, { sessionId, kind: 'statement', statement }) : s));
          setPostError(null);
        } else {
          setPostError(ack.code);
        }
      } catch {
        // no acknowledgement in time: kept, and sent again with the same id
      } finally {
        inFlight.current.delete(post.id);
      }
    },
    [sessionId, updatePending],
  );

  const flush = useCallback(
    (socket: RealtimeSocket) => {
      for (const post of pendingRef.current) void sendPost(socket, post);
    },
    [sendPost],
  );

  useSocketEffect(
    Boolean(sessionId),
    (socket) => {
      let isActive = true;
      const join = async () => {
        joined.current = false;
        const answer = await socket.emitWithAck('board.join', { sessionId });
        if (!isActive) return;
        if (answer.ok) {
          joined.current = true;
          setState(answer.state);
          setJoinError(null);
          setIsConnected(true);
          flush(socket);
        } else {
          setJoinError(answer.code);
        }
      };
      const handleConnect = () => void join();
      const handleDisconnect = () => {
        joined.current = false;
        setIsConnected(false);
      };
      const handleUpdate: Parameters<typeof socket.on<'board.update'>>[1] = (update) => {
        setState((s) => (s ? applyUpdate(s, update) : s));
      };
      socket.on('connect', handleConnect);
      socket.on('disconnect', handleDisconnect);
      socket.on('board.update', handleUpdate);
      if (socket.connected) void join();
      const retry = setInterval(() => flush(socket), RETRY_MS);
      return () => {
        isActive = false;
        clearInterval(retry);
        socket.off('connect', handleConnect);
        socket.off('disconnect', handleDisconnect);
        socket.off('board.update', handleUpdate);
        socket.emit('board.leave', { sessionId });
      };
    },
    [sessionId, flush],
  );

  // Another tab's pending posts (the same person) are not ours to send; this tab's survive a reload.
  useEffect(() => {
    pendingRef.current = loadPending(sessionId);
    setPending(pendingRef.current);
  }, [sessionId]);

  const post = useCallback(
    (text: string) => {
      const item = { id: crypto.randomUUID(), text };
      updatePending((posts) => [...posts, item]);
      void getSocket().then((socket) => sendPost(socket, item));
    },
    [sendPost, updatePending],
  );

  const command = useCallback(
    async (input: TBoardCommand): Promise<TBoardAck> => {
      const socket = await getSocket();
      let ack: TBoardAck;
      try {
        ack = (await socket.timeout(ACK_TIMEOUT_MS).emitWithAck('board.command', { sessionId, command: input })) as TBoardAck;
      } catch {
        return { ok: false, code: 'common.internal' };
      }
      if (ack.ok) {
        setState((s) => {
          if (!s) return s;
          let next = s;
          if (ack.statement) next = applyUpdate(next, { sessionId, kind: 'statement', statement: ack.statement });
          if (ack.cluster) next = applyUpdate(next, { sessionId, kind: 'cluster', cluster: ack.cluster });
          if (ack.poll) next = applyUpdate(next, { sessionId, kind: 'poll', poll: ack.poll });
          if (input.type === 'upvote') {
            const others = next.myUpvotes.filter((id) => id !== input.statementId);
            next = { ...next, myUpvotes: input.on ? [...others, input.statementId] : others };
          }
          if (input.type === 'vote') next = { ...next, myVotes: { ...next.myVotes, [input.statementId]: input.vote } };
          if (input.type === 'poll.answer') next = { ...next, myPollAnswers: { ...next.myPollAnswers, [input.pollId]: input.option } };
          if (input.type === 'status') next = { ...next, boardStatus: input.status };
          return next;
        });
      }
      return ack;
    },
    [sessionId],
  );

  return { state, joinError, isConnected, pending, postError, post, command };
}
