/**
 * One counting window: at most `limit` hits per `seconds` (sliding, see RateLimiter). `fixed`
 * windows are security rules, not capacity, so RATE_LIMIT_FACTOR leaves them alone.
 */
export type RateLimitWindow = { limit: number; seconds: number; fixed?: boolean };

const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * Every rate limit of the platform, in one table, so the numbers can be read and argued about
 * together. Keys say what is counted and per what: `address` is an IPv4 address or an IPv6 /64
 * (see addressGroup), `account` a signed-in person, `platform` everyone at once. A hit must pass
 * every window of its entry. RATE_LIMIT_FACTOR multiplies them all (tests and benchmarks).
 *
 * Why these numbers:
 * - One address can be a whole meeting hall: at a think-tank session 30 citizens on one Wi-Fi
 *   (or behind a carrier's shared address, the rule on Iranian mobile networks) sign up within
 *   ten minutes, each asking for a code, maybe twice, and typing it, maybe wrongly once. The
 *   per-address windows leave room for that (40 sign-ups, 90 code requests in 10 minutes) while
 *   the hourly and daily windows stop one address from making thousands of accounts (at most 150
 *   a day).
 * - Many addresses at once (a botnet, or 200 loopback aliases) are stopped by the platform-wide
 *   sign-up budget: 600 new accounts an hour is several times the busiest launch day of a city
 *   platform; past it sign-ups wait, which is better than an unbounded pile of fake accounts.
 * - Per-account limits stop one person (or one stolen session) from flooding what others read:
 *   a citizen reports a handful of problems with a few photos each, writes a comment a minute at
 *   a heated moment, and a planner uploads a consultation's documents in one sitting.
 */
export const RATE_LIMITS = {
  // ---- sign-in and sign-up, per address ----
  'code-request:address': [
    { limit: 90, seconds: 10 * MINUTE },
    { limit: 400, seconds: DAY },
  ],
  'code-verify:address': [{ limit: 120, seconds: 10 * MINUTE }],
  'sign-in:address': [{ limit: 60, seconds: 10 * MINUTE }],
  'sign-up:address': [
    { limit: 40, seconds: 10 * MINUTE },
    { limit: 60, seconds: HOUR },
    { limit: 150, seconds: DAY },
  ],
  // ---- sign-in and sign-up, per identifier (a mobile number or e-mail address) ----
  /** Texts one number may receive: caps SMS bombing; per address first, so an attacker's requests do not use up the owner's. */
  'code-request:identifier-address': [{ limit: 3, seconds: 10 * MINUTE }],
  'code-request:identifier': [{ limit: 8, seconds: HOUR }],
  // ---- failed sign-ins (wrong password or code) ----
  /**
   * Five failures from one client lock that client out of that identifier for about 15 minutes
   * (the sliding window forgets them gradually). Counted per client, not per account, so
   * nobody can lock the owner out by guessing wrongly on purpose; kept whether or not the
   * identifier has an account, so the answers never tell which ones do.
   */
  'sign-in-failure:identifier-client': [{ limit: 5, seconds: 15 * MINUTE, fixed: true }],
  /**
   * Failures from all unknown clients together: a botnet with thousands of addresses gets 200
   * guesses an hour at one password, not five per address. Browsers that signed in to the
   * account before are exempt, so even then the owner's own phone or laptop gets in.
   */
  'sign-in-failure:identifier': [{ limit: 200, seconds: HOUR, fixed: true }],
  // ---- platform-wide ----
  'sign-up:platform': [{ limit: 600, seconds: HOUR }],
  // ---- per account ----
  'problem:account': [
    { limit: 5, seconds: 10 * MINUTE },
    { limit: 20, seconds: DAY },
  ],
  'problem-photo:account': [
    { limit: 15, seconds: 10 * MINUTE },
    { limit: 60, seconds: DAY },
  ],
  'attachment:account': [
    { limit: 30, seconds: 10 * MINUTE },
    { limit: 200, seconds: DAY },
  ],
  'comment:account': [
    { limit: 10, seconds: MINUTE },
    { limit: 200, seconds: DAY },
  ],
  /**
   * Invitations an admin sends (new or resent): each is an SMS or e-mail to someone who did not
   * ask for it, so a stolen admin session must not become an SMS cannon. Staffing a new city
   * takes a few dozen in one sitting.
   */
  'invitation:account': [
    { limit: 30, seconds: 10 * MINUTE },
    { limit: 200, seconds: DAY },
  ],
  'amendment:account': [
    { limit: 10, seconds: MINUTE },
    { limit: 100, seconds: DAY },
  ],
} as const satisfies Record<string, readonly RateLimitWindow[]>;

/** The name of a rate limit in RATE_LIMITS. */
export type RateLimitName = keyof typeof RATE_LIMITS;
