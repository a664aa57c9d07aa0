/**
 * The numbers behind sign-in protection, in one place. Rate limits are multiplied by
 * RATE_LIMIT_FACTOR (tests raise it).
 */
export const IDENTITY_POLICY = {
  code: {
    length: 6,
    ttlSeconds: 5 * 60,
    maxAttempts: 5,
    perIp: { limit: 10, windowSeconds: 10 * 60 },
    perMobile: { limit: 3, windowSeconds: 10 * 60 },
    verifyPerIp: { limit: 30, windowSeconds: 10 * 60 },
  },
  password: {
    maxFailures: 5,
    signInPerIp: { limit: 20, windowSeconds: 10 * 60 },
    signInPerEmail: { limit: 10, windowSeconds: 10 * 60 },
    signUpPerIp: { limit: 10, windowSeconds: 60 * 60 },
  },
  lockSeconds: 15 * 60,
  /** last_seen_at is written at most this often per session. */
  touchSeconds: 60,
} as const;
