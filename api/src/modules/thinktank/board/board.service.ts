import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import {
  type BoardRole,
  FACILITATOR_COMMANDS,
  type TBoardAck,
  type TBoardPoll,
  type TBoardState,
  type TBoardStatement,
  type TClusterSuggestion,
  ZBoardCommand,
} from '@hamandishi/contracts';
import { normalizeForSearch } from '@hamandishi/text';
import { fieldErrors } from '../../../common/validation/zod-issues';
import { AuditService } from '../../audit/audit.service';
import { OpinionService } from '../opinion/opinion.service';
import { BoardAccess } from './board-access';
import { BoardErrors } from './board.errors';
import { BoardEvents } from './board-events';
import { BoardRepository } from './board.repository';

/** Who is acting on which board (known after `join`). */
export type BoardActor = { organizationId: string; sessionId: string; accountId: string; role: BoardRole };

/** Trigram similarity from which two statements are suggested as one group. */
const SUGGESTION_SIMILARITY = 0.3;
const SUGGESTION_LABEL_MAX = 40;

/**
 * The live board of a think-tank session: participants post statements (ids made by the client,
 * so a retry is the same statement), up-vote and vote agree/disagree/pass; the facilitator groups
 * statements into clusters (with suggestions from text similarity), pins, hides, runs quick polls
 * and opens or closes the board. Every change is stored first, then pushed to the board's rooms.
 */
@Injectable()
export class BoardService implements OnModuleInit {
  private readonly logger = new Logger('board');
  private readonly pollTimers = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly repository: BoardRepository,
    private readonly access: BoardAccess,
    private readonly events: BoardEvents,
    private readonly opinion: OpinionService,
    private readonly audit: AuditService,
  ) {}

  onModuleInit(): void {
    this.opinion.onResult((_organizationId, sessionId, opinion) => this.events.toBoard({ sessionId, kind: 'opinion', opinion }));
  }

  /** Who one is on a session's board: refuses an unknown session or someone who may not join. */
  async actorOf(sessionId: string, accountId: string, organizationId?: string): Promise<BoardActor> {
    const session = await this.repository.session(sessionId);
    if (!session || (organizationId && session.organizationId !== organizationId)) throw BoardErrors.sessionNotFound();
    const role = await this.access.roleOf(session.organizationId, sessionId, accountId);
    if (!role) throw BoardErrors.forbidden();
    return { organizationId: session.organizationId, sessionId, accountId, role };
  }

  /** The full current state for one viewer (on join, on reconnection, for the presentation view). */
  async state(actor: BoardActor): Promise<TBoardState> {
    const row = await this.repository.state(actor.organizationId, actor.sessionId, actor.accountId, actor.role === 'facilitator');
    if (!row) throw BoardErrors.sessionNotFound();
    const opinion = row.opinion ?? { status: 'not_computed' as const };
    return {
      sessionId: row.id,
      topic: row.topic,
      boardStatus: row.boardStatus,
      role: actor.role,
      accountId: actor.accountId,
      statements: row.statements,
      clusters: row.clusters,
      polls: row.polls,
      myUpvotes: row.myUpvotes ?? [],
      myVotes: row.myVotes ?? {},
      myPollAnswers: row.myPollAnswers ?? {},
      opinion: opinion.status === 'ready' ? { ...opinion, myGroup: row.myGroup } : opinion,
    };
  }

  /** Runs one command; throws the board's translated errors, and then nothing has changed. */
  async command(actor: BoardActor, raw: unknown): Promise<Extract<TBoardAck, { ok: true }>> {
    const parsed = ZBoardCommand.safeParse(raw);
    if (!parsed.success) throw BoardErrors.invalidCommand(fieldErrors(parsed.error.issues));
    const command = parsed.data;
    if ((FACILITATOR_COMMANDS as readonly string[]).includes(command.type) && actor.role !== 'facilitator') throw BoardErrors.facilitatorOnly();
    switch (command.type) {
      case 'post':
        return this.post(actor, command.id, command.text);
      case 'upvote':
        return { ok: true, statement: await this.upvote(actor, command.statementId, command.on) };
      case 'vote':
        await this.vote(actor, command.statementId, command.vote);
        return { ok: true };
      case 'poll.answer':
        return { ok: true, poll: await this.answerPoll(actor, command.pollId, command.option) };
      case 'cluster.create':
        return { ok: true, cluster: await this.createCluster(actor, command.label, command.statementIds ?? []) };
      case 'cluster.rename': {
        const cluster = await this.repository.renameCluster(actor.sessionId, command.clusterId, command.label);
        if (!cluster) throw BoardErrors.clusterNotFound();
        this.events.toBoard({ sessionId: actor.sessionId, kind: 'cluster', cluster });
        return { ok: true, cluster };
      }
      case 'cluster.delete':
        await this.deleteCluster(actor, command.clusterId);
        return { ok: true };
      case 'assign':
        return { ok: true, statement: await this.change(actor, command.statementId, { clusterId: command.clusterId }) };
      case 'pin':
        return { ok: true, statement: await this.change(actor, command.statementId, { isPinned: command.on }) };
      case 'hide':
        return { ok: true, statement: await this.change(actor, command.statementId, { isHidden: command.on }) };
      case 'suggest':
        return { ok: true, suggestions: await this.suggest(actor) };
      case 'poll.start':
        return { ok: true, poll: await this.startPoll(actor, command) };
      case 'poll.close':
        return { ok: true, poll: await this.closePoll(actor, command.pollId) };
      case 'status':
        await this.setStatus(actor, command.status);
        return { ok: true };
    }
  }

  // ---- participants -------------------------------------------------------------------------

  /**
   * Posts a statement. The same id again (a client retrying after a lost acknowledgement) answers
   * with the stored statement and changes nothing; an id someone else used is refused.
   */
  private async post(actor: BoardActor, id: string, text: string): Promise<Extract<TBoardAck, { ok: true }>> {
    const statement = await this.repository.insertStatement(actor.organizationId, actor.sessionId, {
      id,
      authorId: actor.accountId,
      text,
      textKey: normalizeForSearch(text),
    });
    if (statement) {
      this.events.toBoard({ sessionId: actor.sessionId, kind: 'statement', statement });
      return { ok: true, statement };
    }
    const why = await this.repository.whyNotPosted(actor.sessionId, id, actor.accountId);
    if (why.existing) {
      if (why.existing.sessionId !== actor.sessionId || why.existing.authorId !== actor.accountId) throw BoardErrors.statementIdTaken();
      const { sessionId: _, ...existing } = why.existing;
      return { ok: true, statement: existing, duplicate: true };
    }
    if (why.boardStatus === 'closed') throw BoardErrors.closed();
    if (why.boardStatus !== 'open') throw BoardErrors.notOpen();
    throw BoardErrors.rateLimited();
  }

  private async upvote(actor: BoardActor, statementId: string, on: boolean): Promise<TBoardStatement> {
    await this.requireOpen(actor);
    const statement = await this.repository.setUpvote(actor.sessionId, statementId, actor.accountId, on);
    if (!statement) throw await this.whyNoStatement(actor, statementId);
    this.events.toBoard({ sessionId: actor.sessionId, kind: 'statement', statement });
    return statement;
  }

  private async vote(actor: BoardActor, statementId: string, vote: 'agree' | 'disagree' | 'pass'): Promise<void> {
    await this.requireOpen(actor);
    if (!(await this.opinion.vote(actor.organizationId, actor.sessionId, statementId, actor.accountId, vote))) {
      throw await this.whyNoStatement(actor, statementId);
    }
  }

  private async answerPoll(actor: BoardActor, pollId: string, option: number): Promise<TBoardPoll> {
    const poll = await this.repository.poll(actor.sessionId, pollId);
    if (!poll) throw BoardErrors.pollNotFound();
    if (option >= poll.optionCount) throw BoardErrors.pollOptionInvalid();
    if (!(await this.repository.answerPoll(pollId, actor.accountId, option))) throw BoardErrors.pollClosed();
    const updated = await this.repository.poll(actor.sessionId, pollId);
    const { optionCount: _, ...view } = updated!;
    this.events.toBoard({ sessionId: actor.sessionId, kind: 'poll', poll: view });
    return view;
  }

  // ---- the facilitator ----------------------------------------------------------------------

  private async createCluster(actor: BoardActor, label: string, statementIds: string[]) {
    const { cluster, moved } = await this.repository.db.transaction(async (m) => {
      const created = await this.repository.createCluster(m, actor.organizationId, actor.sessionId, label);
      const movedRows = statementIds.length ? await this.repository.assignMany(m, actor.sessionId, statementIds, created.id) : [];
      return { cluster: created, moved: movedRows };
    });
    this.events.toBoard({ sessionId: actor.sessionId, kind: 'cluster', cluster });
    for (const statement of moved) this.pushStatement(actor.sessionId, statement);
    return cluster;
  }

  private async deleteCluster(actor: BoardActor, clusterId: string): Promise<void> {
    const { deleted, released } = await this.repository.db.transaction((m) => this.repository.deleteCluster(m, actor.sessionId, clusterId));
    if (!deleted) throw BoardErrors.clusterNotFound();
    this.events.toBoard({ sessionId: actor.sessionId, kind: 'cluster_removed', clusterId });
    for (const statement of released) this.pushStatement(actor.sessionId, statement);
  }

  /** Groups, pins or hides a statement (hiding is audited: it takes a person's words off the board). */
  private async change(actor: BoardActor, statementId: string, change: { clusterId?: string | null; isPinned?: boolean; isHidden?: boolean }) {
    const statement = await this.repository.db.transaction(async (m) => {
      const before = change.isHidden !== undefined ? await this.repository.statement(actor.sessionId, statementId, m) : null;
      const updated = await this.repository.updateStatement(m, actor.sessionId, statementId, change);
      if (updated && before && before.isHidden !== updated.isHidden) {
        await this.audit.record(m, {
          organizationId: actor.organizationId,
          actorId: actor.accountId,
          action: updated.isHidden ? 'thinktank_statement.hidden' : 'thinktank_statement.restored',
          entityType: 'thinktank_statement',
          entityId: statementId,
          before: { isHidden: before.isHidden, text: before.text },
          after: { isHidden: updated.isHidden },
        });
      }
      return updated;
    });
    if (!statement) {
      if (change.clusterId && (await this.repository.statement(actor.sessionId, statementId))) throw BoardErrors.clusterNotFound();
      throw BoardErrors.statementNotFound();
    }
    this.pushStatement(actor.sessionId, statement);
    // Hiding or restoring a statement changes the vote matrix.
    if (change.isHidden !== undefined) await this.opinion.requestComputation(actor.organizationId, actor.sessionId);
    return statement;
  }

  /**
   * Suggested groups of the ungrouped statements: pairs whose Persian-normalised texts share
   * enough trigrams are joined (union-find), and each group is named by its most shared word.
   */
  private async suggest(actor: BoardActor): Promise<TClusterSuggestion[]> {
    const pairs = await this.repository.similarPairs(actor.sessionId, SUGGESTION_SIMILARITY);
    const parent = new Map<string, string>();
    const find = (x: string): string => {
      let root = x;
      while (parent.get(root) !== root) root = parent.get(root)!;
      parent.set(x, root);
      return root;
    };
    for (const { a, b } of pairs) {
      if (!parent.has(a)) parent.set(a, a);
      if (!parent.has(b)) parent.set(b, b);
      parent.set(find(a), find(b));
    }
    const groups = new Map<string, string[]>();
    for (const id of parent.keys()) groups.set(find(id), [...(groups.get(find(id)) ?? []), id]);
    const members = [...groups.values()].filter((g) => g.length >= 2);
    if (members.length === 0) return [];
    const texts = new Map((await this.repository.texts(actor.sessionId, members.flat())).map((t) => [t.id, t]));
    return members
      .map((ids) => ({ label: labelOf(ids.map((id) => texts.get(id)!)), statementIds: ids.sort() }))
      .sort((a, b) => b.statementIds.length - a.statementIds.length || a.label.localeCompare(b.label));
  }

  private async startPoll(actor: BoardActor, input: { question: string; options: string[]; seconds: number }): Promise<TBoardPoll> {
    const poll = await this.repository.createPoll(actor.organizationId, actor.sessionId, { ...input, createdBy: actor.accountId });
    this.events.toBoard({ sessionId: actor.sessionId, kind: 'poll', poll });
    // When the timer runs out, everyone sees the final counts (clients also count down themselves).
    const timer = setTimeout(() => {
      this.pollTimers.delete(poll.id);
      void this.pushPoll(actor.sessionId, poll.id);
    }, input.seconds * 1000 + 50);
    timer.unref();
    this.pollTimers.set(poll.id, timer);
    return poll;
  }

  private async closePoll(actor: BoardActor, pollId: string): Promise<TBoardPoll> {
    if (!(await this.repository.closePoll(actor.sessionId, pollId))) throw BoardErrors.pollNotFound();
    clearTimeout(this.pollTimers.get(pollId));
    this.pollTimers.delete(pollId);
    const poll = await this.pushPoll(actor.sessionId, pollId);
    return poll!;
  }

  /** Opens or closes the board (audited). Closing refuses further posts and votes; reopening is allowed. */
  private async setStatus(actor: BoardActor, status: 'open' | 'closed'): Promise<void> {
    await this.repository.db.transaction(async (m) => {
      const before = await this.repository.setBoardStatus(m, actor.organizationId, actor.sessionId, status);
      if (before === null) throw BoardErrors.sessionNotFound();
      if (before !== status) {
        await this.audit.record(m, {
          organizationId: actor.organizationId,
          actorId: actor.accountId,
          action: status === 'open' ? 'thinktank_board.opened' : 'thinktank_board.closed',
          entityType: 'thinktank_session',
          entityId: actor.sessionId,
          before: { boardStatus: before },
          after: { boardStatus: status },
        });
      }
    });
    this.events.toBoard({ sessionId: actor.sessionId, kind: 'status', boardStatus: status });
    // The final groups of a closed board include the last votes.
    if (status === 'closed') await this.opinion.requestComputation(actor.organizationId, actor.sessionId, 0);
  }

  // ---- helpers ------------------------------------------------------------------------------

  private async requireOpen(actor: BoardActor): Promise<void> {
    const session = await this.repository.session(actor.sessionId);
    if (!session) throw BoardErrors.sessionNotFound();
    if (session.boardStatus === 'closed') throw BoardErrors.closed();
    if (session.boardStatus !== 'open') throw BoardErrors.notOpen();
  }

  private async whyNoStatement(actor: BoardActor, statementId: string) {
    const statement = await this.repository.statement(actor.sessionId, statementId);
    return statement?.isHidden ? BoardErrors.statementHidden() : BoardErrors.statementNotFound();
  }

  /** A changed statement: facilitators see it as it is; participants lose it while hidden. */
  private pushStatement(sessionId: string, statement: TBoardStatement): void {
    if (statement.isHidden) {
      this.events.toFacilitators({ sessionId, kind: 'statement', statement });
      this.events.toParticipants({ sessionId, kind: 'statement_removed', statementId: statement.id });
    } else {
      this.events.toBoard({ sessionId, kind: 'statement', statement });
    }
  }

  private async pushPoll(sessionId: string, pollId: string): Promise<TBoardPoll | null> {
    try {
      const poll = await this.repository.poll(sessionId, pollId);
      if (!poll) return null;
      const { optionCount: _, ...view } = poll;
      this.events.toBoard({ sessionId, kind: 'poll', poll: view });
      return view;
    } catch (error) {
      this.logger.warn({ err: error, pollId }, 'poll update not sent');
      return null;
    }
  }
}

const wordSegmenter = new Intl.Segmenter('fa', { granularity: 'word' });

/** A group's name: the word shared by most of its statements (ties: the longer word), else the first statement. */
export function labelOf(statements: { text: string; textKey: string; upvoteCount: number }[]): string {
  const documents = new Map<string, number>();
  for (const { textKey } of statements) {
    const words = new Set<string>();
    for (const s of wordSegmenter.segment(textKey)) if (s.isWordLike && s.segment.length >= 3) words.add(s.segment);
    for (const w of words) documents.set(w, (documents.get(w) ?? 0) + 1);
  }
  const best = [...documents.entries()].sort((a, b) => b[1] - a[1] || b[0].length - a[0].length || a[0].localeCompare(b[0]))[0];
  if (best && best[1] >= 2) return best[0];
  const top = [...statements].sort((a, b) => b.upvoteCount - a.upvoteCount)[0];
  return top.text.length > SUGGESTION_LABEL_MAX ? `${top.text.slice(0, SUGGESTION_LABEL_MAX - 1)}…` : top.text;
}
