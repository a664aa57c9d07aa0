import type { Actor } from '../common/http/request-context';

/**
 * How the realtime layer learns who a socket belongs to. The identity module provides it, so
 * that realtime stays below identity and never imports it.
 */
export abstract class SocketAuthenticator {
  /** The actor for a raw session cookie value, or null when it is not a live session. */
  abstract authenticate(sessionToken: string): Promise<Actor | null>;
  /** The organisations whose rooms a signed-in socket joins. */
  abstract organizationIdsOf(accountId: string): Promise<string[]>;
}
