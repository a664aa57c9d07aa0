import { z } from 'zod';
import { ZUuid } from './common';
import type { ErrorCode } from './errors';
import { textLine, textBlock } from './text';
import type { ThinktankBoardStatus } from './thinktank';

/** Longest statement on the live board, in characters after normalisation. */
export const BOARD_STATEMENT_MAX = 500;
/** Per person and session: at most this many statements in this many seconds (the flood rule). */
export const BOARD_POST_LIMIT = { count: 6, seconds: 60 } as const;
/** Quick polls: options and how long they may run. */
export const BOARD_POLL_OPTIONS = { min: 2, max: 8 } as const;
export const BOARD_POLL_SECONDS = { min: 10, max: 1800 } as const;

/** How a participant votes on a statement for the opinion groups. */
export const OPINION_VOTES = ['agree', 'disagree', 'pass'] as const;
/** An opinion vote. */
export type OpinionVote = (typeof OPINION_VOTES)[number];

/** Who one is on a board: the facilitator (or plan staff) runs it, participants post and vote. */
export type BoardRole = 'facilitator' | 'participant';

/** A statement as everyone on the board sees it. */
export type TBoardStatement = {
  id: string;
  text: string;
  authorId: string | null;
  clusterId: string | null;
  isPinned: boolean;
  isHidden: boolean;
  upvoteCount: number;
  createdAt: string;
};

/** A group of statements made by the facilitator. */
export type TBoardCluster = { id: string; label: string; position: number };

/** A quick poll with its live counts (one per option). */
export type TBoardPoll = {
  id: string;
  question: string;
  options: string[];
  counts: number[];
  closesAt: string;
  isClosed: boolean;
};

/** A statement that stands for an opinion group (Polis "representative comment"). */
export type TOpinionStatement = { statementId: string; direction: 'agree' | 'disagree'; probability: number };

/** The opinion groups of a session as last computed. */
export type TOpinionGroups =
  | { status: 'not_computed' }
  | { status: 'not_enough_votes'; participants: number; statements: number; minParticipants: number; minStatements: number; computedAt: string }
  | {
      status: 'ready';
      computedAt: string;
      participants: number;
      statements: number;
      groups: { label: number; size: number; representative: TOpinionStatement[] }[];
      consensus: TOpinionStatement[];
      /** Participants on the opinion map: x, y, group label (at most a few thousand). */
      points: [number, number, number][];
      /** One's own group label, when one was counted. */
      myGroup?: number | null;
    };

/** Everything a client needs to draw the board: sent on join and on every reconnection. */
export type TBoardState = {
  sessionId: string;
  topic: string;
  boardStatus: ThinktankBoardStatus;
  role: BoardRole;
  accountId: string;
  statements: TBoardStatement[];
  clusters: TBoardCluster[];
  polls: TBoardPoll[];
  myUpvotes: string[];
  myVotes: Record<string, OpinionVote>;
  myPollAnswers: Record<string, number>;
  opinion: TOpinionGroups;
};

/** A group the server suggests from text similarity (trigrams on Persian-normalised text). */
export type TClusterSuggestion = { label: string; statementIds: string[] };

/** Board text: one line for labels and questions, a short block for statements. */
const ZStatementText = textBlock({ min: 1, max: BOARD_STATEMENT_MAX });
const ZLabel = textLine({ min: 1, max: 80 });

/** What a participant or the facilitator asks of the board (socket `board.command`). */
export const ZBoardCommand = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('post'), id: ZUuid, text: ZStatementText }),
  z.strictObject({ type: z.literal('upvote'), statementId: ZUuid, on: z.boolean() }),
  z.strictObject({ type: z.literal('vote'), statementId: ZUuid, vote: z.enum(OPINION_VOTES) }),
  z.strictObject({ type: z.literal('poll.answer'), pollId: ZUuid, option: z.int().min(0).max(BOARD_POLL_OPTIONS.max - 1) }),
  // the facilitator's
  z.strictObject({ type: z.literal('cluster.create'), label: ZLabel, statementIds: z.array(ZUuid).max(200).optional() }),
  z.strictObject({ type: z.literal('cluster.rename'), clusterId: ZUuid, label: ZLabel }),
  z.strictObject({ type: z.literal('cluster.delete'), clusterId: ZUuid }),
  z.strictObject({ type: z.literal('assign'), statementId: ZUuid, clusterId: ZUuid.nullable() }),
  z.strictObject({ type: z.literal('suggest') }),
  z.strictObject({ type: z.literal('pin'), statementId: ZUuid, on: z.boolean() }),
  z.strictObject({ type: z.literal('hide'), statementId: ZUuid, on: z.boolean() }),
  z.strictObject({
    type: z.literal('poll.start'),
    question: ZLabel,
    options: z.array(textLine({ min: 1, max: 60 })).min(BOARD_POLL_OPTIONS.min).max(BOARD_POLL_OPTIONS.max),
    seconds: z.int().min(BOARD_POLL_SECONDS.min).max(BOARD_POLL_SECONDS.max),
  }),
  z.strictObject({ type: z.literal('poll.close'), pollId: ZUuid }),
  z.strictObject({ type: z.literal('status'), status: z.enum(['open', 'closed']) }),
]);
/** A board command. */
export type TBoardCommand = z.input<typeof ZBoardCommand>;
/** Board commands only the facilitator may send. */
export const FACILITATOR_COMMANDS = ['cluster.create', 'cluster.rename', 'cluster.delete', 'assign', 'suggest', 'pin', 'hide', 'poll.start', 'poll.close', 'status'] as const;

/** The answer to a command (socket acknowledgement): refused commands change nothing. */
export type TBoardAck =
  | { ok: true; statement?: TBoardStatement; cluster?: TBoardCluster; poll?: TBoardPoll; suggestions?: TClusterSuggestion[]; duplicate?: boolean }
  | { ok: false; code: ErrorCode; fields?: Record<string, string> };

/** The answer to `board.join`: the full current state, or why not. */
export type TBoardJoinAck = { ok: true; state: TBoardState } | { ok: false; code: ErrorCode };

/** A change on a board, pushed to everyone on it (room `board:<sessionId>`). */
export type TBoardUpdate =
  | { sessionId: string; kind: 'statement'; statement: TBoardStatement }
  | { sessionId: string; kind: 'statement_removed'; statementId: string }
  | { sessionId: string; kind: 'cluster'; cluster: TBoardCluster }
  | { sessionId: string; kind: 'cluster_removed'; clusterId: string }
  | { sessionId: string; kind: 'poll'; poll: TBoardPoll }
  | { sessionId: string; kind: 'status'; boardStatus: ThinktankBoardStatus }
  | { sessionId: string; kind: 'opinion'; opinion: TOpinionGroups };
