import { AppError } from '../../../common/errors/app-error';
import { BOARD_POST_LIMIT } from '@hamandishi/contracts';

/** The live board's errors, in one place. */
export const BoardErrors = {
  sessionNotFound: () => new AppError('board.session_not_found', 404, 'Session not found'),
  forbidden: () => new AppError('board.forbidden', 403, 'You may not join this board'),
  facilitatorOnly: () => new AppError('board.facilitator_only', 403, 'Only the facilitator may do this'),
  invalidCommand: (fields?: Record<string, string>) => new AppError('board.invalid_command', 400, 'The command is not valid', fields),
  notOpen: () => new AppError('board.not_open', 409, 'The board has not been opened yet'),
  closed: () => new AppError('board.closed', 409, 'The board is closed'),
  rateLimited: () =>
    new AppError('board.rate_limited', 429, `At most ${BOARD_POST_LIMIT.count} statements in ${BOARD_POST_LIMIT.seconds} seconds`),
  statementNotFound: () => new AppError('board.statement_not_found', 404, 'Statement not found'),
  statementHidden: () => new AppError('board.statement_hidden', 409, 'The statement is hidden'),
  statementIdTaken: () => new AppError('board.statement_id_taken', 409, 'That statement id is already used'),
  clusterNotFound: () => new AppError('board.cluster_not_found', 404, 'Cluster not found'),
  pollNotFound: () => new AppError('board.poll_not_found', 404, 'Poll not found'),
  pollClosed: () => new AppError('board.poll_closed', 409, 'The poll is closed'),
  pollOptionInvalid: () => new AppError('board.poll_option_invalid', 400, 'No such option'),
};
