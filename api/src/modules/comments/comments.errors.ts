import { MAX_COMMENT_DEPTH, COMMENT_EDIT_MINUTES } from '@hamandishi/contracts';
import { AppError } from '../../common/errors/app-error';

/** The comments module's errors, in one place. */
export const CommentErrors = {
  notFound: () => new AppError('comments.not_found', 404, 'Comment not found'),
  targetNotFound: () => new AppError('comments.target_not_found', 404, 'Nothing to comment on here', { targetId: 'invalid_value' }),
  parentNotFound: () => new AppError('comments.parent_not_found', 400, 'The parent is not a comment on the same target', { parentId: 'invalid_value' }),
  tooDeep: () =>
    new AppError('comments.too_deep', 400, `Replies nest at most ${MAX_COMMENT_DEPTH + 1} levels`, { parentId: 'invalid_value' }),
  editWindowClosed: () => new AppError('comments.edit_window_closed', 409, `Comments can be edited for ${COMMENT_EDIT_MINUTES} minutes`),
  notAuthor: () => new AppError('comments.not_author', 403, 'Only the author can edit a comment'),
  alreadyReported: () => new AppError('comments.already_reported', 409, 'You have already reported this comment'),
  hidden: () => new AppError('comments.hidden', 409, 'The comment is hidden'),
  alreadyHidden: () => new AppError('comments.already_hidden', 409, 'The comment is already hidden'),
  passageNotSupported: () =>
    new AppError('comments.passage_not_supported', 400, 'Only a top-level comment on a paragraph can quote a passage', { passage: 'invalid_value' }),
  passageMismatch: () =>
    new AppError('comments.passage_mismatch', 400, 'The quoted passage does not match the text at that position', { passage: 'invalid_value' }),
  outcomeNotSupported: () => new AppError('comments.outcome_not_supported', 400, 'Outcomes are recorded for consultation comments only'),
  noReports: () => new AppError('comments.no_reports', 409, 'The comment has no reports to dismiss'),
  notHidden: () => new AppError('comments.not_hidden', 409, 'The comment is not hidden'),
};
