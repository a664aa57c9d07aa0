import { computeOpinionGroups, decodeVotes, type OpinionOptions, type OpinionResult, type VoteMatrix } from './opinion-math';

/** A vote matrix (or the votes as PostgreSQL gave them) and the previous groups, as the job sends them. */
export type OpinionTask =
  | { matrix: VoteMatrix; options: OpinionOptions }
  | { encoded: string[]; statements: number; options: OpinionOptions };
/** The groups, and how long the computation took inside the worker. */
export type OpinionTaskResult = { result: OpinionResult; computeMs: number };

/** Runs in a worker thread (piscina): the matrix work never blocks the thread that answers sockets. */
export default function computeInWorker(task: OpinionTask): OpinionTaskResult {
  const started = performance.now();
  const matrix = 'matrix' in task ? task.matrix : decodeVotes(task.encoded, task.statements);
  const result = computeOpinionGroups(matrix, task.options);
  return { result, computeMs: Math.round(performance.now() - started) };
}
