import type { Role } from '@hamandishi/contracts';

/** Who may call a route, as read by the identity guard. Routes without it are public. */
export type AccessRule =
  | { kind: 'signed_in' }
  | { kind: 'superadmin' }
  /** Member of the `:slug` organisation holding one of `roles` (any role when empty). */
  | { kind: 'roles'; roles: readonly Role[] };

export const ACCESS_METADATA = 'hamandishi:access';
