/**
 * The numbers behind sign-in codes and sessions. Rate limits and lockout thresholds live with
 * every other limit in common/rate-limit/rate-limits.ts.
 */
export const IDENTITY_POLICY = {
  code: {
    length: 6,
    ttlSeconds: 5 * 60,
    /** Wrong tries one code survives, from all clients together. */
    maxAttempts: 5,
  },
  /** last_seen_at is written at most this often per session. */
  touchSeconds: 60,
} as const;
