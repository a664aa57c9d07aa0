import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import type { OpinionVote, TOpinionGroups, TOpinionStatement } from '@hamandishi/contracts';
import { JobsService } from '../../../jobs/jobs.service';
import type { OpinionResult, PreviousGroups } from './opinion-math';
import { OpinionRepository, type SessionVotes, type StoredBasis } from './opinion.repository';
import { OpinionRunner } from './opinion-runner';

/** Votes cast within this many seconds share one computation. */
export const OPINION_DEBOUNCE_SECONDS = 5;
/** A queued mark older than this is taken for a lost job, so votes queue a new one. */
const STALE_QUEUE_SECONDS = 10 * 60;
/** Points on the opinion map pushed to the board (the rest still count in the groups). */
const MAX_POINTS = 2_000;

const VOTE_VALUES: Record<OpinionVote, -1 | 0 | 1> = { agree: 1, disagree: -1, pass: 0 };

type ResultListener = (organizationId: string, sessionId: string, opinion: TOpinionGroups) => void;

/**
 * Opinion votes (agree / disagree / pass) and the opinion groups computed from them the Polis way
 * (opinion-math.ts). A vote queues a `thinktank.opinion` job a few seconds later unless one is
 * already queued for the session (debounce); the job computes in a worker thread, stores the
 * result and hands it to the board, which pushes it to everyone on it.
 */
@Injectable()
export class OpinionService implements OnModuleInit {
  private readonly logger = new Logger('opinion-groups');
  private readonly listeners: ResultListener[] = [];

  constructor(
    private readonly repository: OpinionRepository,
    private readonly runner: OpinionRunner,
    private readonly jobs: JobsService,
  ) {}

  onModuleInit(): void {
    this.jobs.register('thinktank.opinion', async ({ organizationId, sessionId }) => {
      await this.compute(organizationId, sessionId);
    });
  }

  /** Called with every stored result (the board pushes it to its clients). */
  onResult(listener: ResultListener): void {
    this.listeners.push(listener);
  }

  /** Records a vote on a visible statement; false when the statement is hidden or not the session's. */
  async vote(organizationId: string, sessionId: string, statementId: string, accountId: string, vote: OpinionVote): Promise<boolean> {
    const stored = await this.repository.vote(organizationId, sessionId, statementId, accountId, VOTE_VALUES[vote]);
    if (stored) await this.requestComputation(organizationId, sessionId);
    return stored;
  }

  /** Queues a computation in a few seconds, unless one is already queued for the session. */
  async requestComputation(organizationId: string, sessionId: string, delaySeconds = OPINION_DEBOUNCE_SECONDS): Promise<void> {
    try {
      if (!(await this.repository.markQueued(organizationId, sessionId, STALE_QUEUE_SECONDS))) return;
      await this.jobs.enqueue('thinktank.opinion', { organizationId, sessionId }, { runAt: new Date(Date.now() + delaySeconds * 1000) });
    } catch (error) {
      // The vote is stored; the next vote (or the stale-mark rule) queues the computation again.
      this.logger.warn({ err: error, sessionId }, 'opinion computation not queued');
    }
  }

  /** The job: loads the votes, computes in the worker, stores and announces the result. */
  async compute(organizationId: string, sessionId: string): Promise<TOpinionGroups> {
    await this.repository.clearQueued(sessionId);
    const [votes, basis] = await Promise.all([this.repository.votes(organizationId, sessionId), this.repository.basis(sessionId)]);
    const previous = previousGroups(votes, basis);
    const encoded = votes.participants.map((p) => p.votes);
    const { result, computeMs } = await this.runner.run({ encoded, statements: votes.statementIds.length, options: { previous, seed: 42 } });
    const { view, memberGroups, nextBasis } = toView(result, votes);
    await this.repository.store(organizationId, sessionId, view, memberGroups, nextBasis);
    this.logger.log({ sessionId, computeMs, participants: votes.participants.length, status: view.status }, 'opinion groups computed');
    for (const listener of this.listeners) listener(organizationId, sessionId, view);
    return view;
  }
}

/** The previous groups, with their components re-indexed by the statements of this run. */
export function previousGroups(votes: SessionVotes, basis: StoredBasis | null): PreviousGroups | null {
  if (!basis) return null;
  const components = [0, 1].map((c) => votes.statementIds.map((id) => basis.components[id]?.[c] ?? 0));
  return { labels: basis.labels, centroids: basis.centroids, components };
}

/** The worker's result in ids, for the wire; who is in which group; the basis for the next run. */
export function toView(
  result: OpinionResult,
  votes: SessionVotes,
): { view: TOpinionGroups; memberGroups: Record<string, number>; nextBasis: StoredBasis | null } {
  const computedAt = new Date().toISOString();
  if (result.status === 'not_enough_votes') {
    const { participants, statements, minParticipants, minStatements } = result;
    return { view: { status: 'not_enough_votes', participants, statements, minParticipants, minStatements, computedAt }, memberGroups: {}, nextBasis: null };
  }
  const statement = (s: { statement: number; direction: 'agree' | 'disagree'; probability: number }): TOpinionStatement => ({
    statementId: votes.statementIds[s.statement],
    direction: s.direction,
    probability: Math.round(s.probability * 1000) / 1000,
  });
  const memberGroups: Record<string, number> = {};
  const points: [number, number, number][] = [];
  result.points.forEach((point, i) => {
    if (!point) return;
    memberGroups[votes.participants[i].accountId] = point[2];
    if (points.length < MAX_POINTS) points.push(point);
  });
  const components: Record<string, [number, number]> = {};
  votes.statementIds.forEach((id, j) => (components[id] = [result.components[0][j], result.components[1][j]]));
  return {
    view: {
      status: 'ready',
      computedAt,
      participants: result.participants,
      statements: result.statements,
      groups: result.groups.map((g) => ({ label: g.label, size: g.members.length, representative: g.representative.map(statement) })),
      consensus: result.consensus.map(statement),
      points,
    },
    memberGroups,
    nextBasis: { labels: result.groups.map((g) => g.label), centroids: result.groups.map((g) => g.centroid), components },
  };
}
