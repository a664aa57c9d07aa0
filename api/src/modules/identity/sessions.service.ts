import { hash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { AppConfig } from '../../config/app-config';
import { type Actor, type AppRequest, SESSION_COOKIE } from '../../common/http/request-context';
import { IDENTITY_POLICY } from './identity.policy';
import type { MembershipRow } from './memberships.repository';
import { SessionCache } from './session-cache';
import { type LiveSession, type SessionSummary, SessionsRepository } from './sessions.repository';

const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** The stored form of a session token: whoever reads the table cannot sign in with it. */
export function hashToken(token: string): Buffer {
  // One-shot hash: no Hash object per request (it runs on every signed-in request).
  return hash('sha256', token, 'buffer');
}

/**
 * Server-side sessions behind the `hm_session` cookie: an opaque 32-byte random token, stored
 * hashed, a new one on every sign-in.
 */
@Injectable()
export class SessionsService {
  constructor(
    private readonly repository: SessionsRepository,
    private readonly config: AppConfig,
    private readonly cache: SessionCache,
  ) {}

  /** Starts a session and sets its cookie; the session of the cookie the browser sent (if any) ends. */
  async start(
    account: { id: string; isSuperadmin: boolean },
    request: AppRequest,
    reply: FastifyReply,
  ): Promise<string> {
    const accountId = account.id;
    this.cache.evict(accountId);
    const previous = request.cookies?.[SESSION_COOKIE];
    if (previous && TOKEN_PATTERN.test(previous)) await this.repository.deleteByHash(hashToken(previous));
    const token = randomBytes(32).toString('base64url');
    const ttlSeconds = this.config.env.SESSION_TTL_DAYS * 86_400;
    const sessionId = await this.repository.insert({
      tokenHash: hashToken(token),
      accountId,
      expiresAt: new Date(Date.now() + ttlSeconds * 1000),
      ip: request.ip ?? null,
      userAgent: request.headers['user-agent']?.slice(0, 500) ?? null,
    });
    void reply.setCookie(SESSION_COOKIE, token, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: this.config.cookieSecure,
      maxAge: ttlSeconds,
    });
    request.actor = { accountId, sessionId, isSuperadmin: account.isSuperadmin };
    return sessionId;
  }

  /**
   * The actor behind a raw cookie value, or null for an unknown, expired or ended session or
   * an inactive account. One indexed query; `last_seen_at` is written at most once a minute.
   */
  async resolve(rawToken: string): Promise<Actor | null> {
    if (!TOKEN_PATTERN.test(rawToken)) return null;
    const tokenHash = hashToken(rawToken);
    const key = tokenHash.toString('base64');
    const cached = this.cache.get<Actor>(key);
    if (cached) return cached;
    const session = await this.repository.findLive(tokenHash);
    if (!session) return null;
    const actor = await this.actorOf(session);
    this.cache.set(key, actor.accountId, actor);
    return actor;
  }

  /** Like resolve(), with the person's membership in one organisation, in the same query. */
  async resolveIn(rawToken: string, organizationId: string): Promise<{ actor: Actor; membership: MembershipRow | null } | null> {
    if (!TOKEN_PATTERN.test(rawToken)) return null;
    const tokenHash = hashToken(rawToken);
    const key = `${tokenHash.toString('base64')}|${organizationId}`;
    const cached = this.cache.get<{ actor: Actor; membership: MembershipRow | null }>(key);
    if (cached) return cached;
    const session = await this.repository.findLiveIn(tokenHash, organizationId);
    if (!session) return null;
    const resolved = { actor: await this.actorOf(session), membership: session.membership };
    this.cache.set(key, resolved.actor.accountId, resolved);
    return resolved;
  }

  private async actorOf(session: LiveSession): Promise<Actor> {
    if (Date.now() - new Date(session.lastSeenAt).getTime() > IDENTITY_POLICY.touchSeconds * 1000) {
      await this.repository.touch(session.id, IDENTITY_POLICY.touchSeconds);
    }
    return { accountId: session.accountId, sessionId: session.id, isSuperadmin: session.isSuperadmin };
  }

  /** Ends the request's session and clears the cookie. */
  async end(request: AppRequest, reply: FastifyReply): Promise<void> {
    if (request.actor) {
      await this.repository.deleteById(request.actor.sessionId);
      this.cache.evict(request.actor.accountId);
    }
    this.clearCookie(reply);
  }

  /** Ends every session of a person (disabled, deleted). */
  async endAllOf(accountId: string): Promise<void> {
    await this.repository.deleteAllOf(accountId);
    this.cache.evict(accountId);
  }

  listOf(accountId: string): Promise<SessionSummary[]> {
    return this.repository.listOf(accountId);
  }

  clearCookie(reply: FastifyReply): void {
    void reply.clearCookie(SESSION_COOKIE, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: this.config.cookieSecure,
    });
  }
}
