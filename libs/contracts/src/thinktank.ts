/** Where a think-tank session is in its life (the database checks the same list). */
export const THINKTANK_SESSION_STATUSES = ['scheduled', 'in_progress', 'closed', 'cancelled'] as const;
/** A think-tank session's status. */
export type ThinktankSessionStatus = (typeof THINKTANK_SESSION_STATUSES)[number];

/** Whether a session's live board takes posts (the database checks the same list). */
export const THINKTANK_BOARD_STATUSES = ['not_started', 'open', 'closed'] as const;
/** A live board's status. */
export type ThinktankBoardStatus = (typeof THINKTANK_BOARD_STATUSES)[number];
