import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { AppConfig } from '../../config/app-config';
import { addressGroup } from '../../common/http/client-address';
import { type AppRequest, DEVICE_COOKIE } from '../../common/http/request-context';
import { RateLimiter } from '../../common/rate-limit/rate-limiter.service';
import { IdentityErrors } from './identity.errors';
import { KnownDevicesRepository } from './known-devices.repository';

/**
 * Who is trying to sign in, as far as lockout is concerned. A browser that signed in to this
 * account before (its device cookie is known) counts on its own; anyone else counts by network
 * address (an IPv6 /64 being one address). A device cookie alone earns nothing: an attacker can
 * mint fresh ones at will, so only a cookie that once came with the right password or code does.
 */
export type SignInClient = { key: string; isKnownDevice: boolean };

const DEVICE_COOKIE_SECONDS = 400 * 24 * 60 * 60;

/**
 * Lockout of failed sign-ins per (identifier, client), the identifier being the typed e-mail or
 * mobile whether or not it has an account: the owner is never locked out by someone else's
 * guesses, and the answers are the same for identifiers with and without an account.
 */
@Injectable()
export class SignInAttempts {
  constructor(
    private readonly rateLimiter: RateLimiter,
    private readonly devices: KnownDevicesRepository,
    private readonly config: AppConfig,
  ) {}

  async clientOf(request: AppRequest, accountId: string | null): Promise<SignInClient> {
    const device = deviceHash(request);
    if (accountId && device && (await this.devices.isKnown(accountId, device)))
      return { key: `device:${device.toString('hex')}`, isKnownDevice: true };
    return { key: `address:${addressGroup(request.ip)}`, isKnownDevice: false };
  }

  /** Throws 423 identity.account_locked while this client may not try this identifier. */
  async assertOpen(identifier: string, client: SignInClient): Promise<void> {
    if (await this.rateLimiter.isOver('sign-in-failure:identifier-client', `${identifier}|${client.key}`))
      throw IdentityErrors.locked();
    if (!client.isKnownDevice && (await this.rateLimiter.isOver('sign-in-failure:identifier', identifier)))
      throw IdentityErrors.locked();
  }

  /** Counts a wrong password or code; true when this client is now locked out of the identifier. */
  async recordFailure(identifier: string, client: SignInClient): Promise<boolean> {
    await this.rateLimiter.count('sign-in-failure:identifier-client', `${identifier}|${client.key}`);
    if (!client.isKnownDevice) await this.rateLimiter.count('sign-in-failure:identifier', identifier);
    return this.rateLimiter.isOver('sign-in-failure:identifier-client', `${identifier}|${client.key}`);
  }

  /** The right password or code: this client's failures are forgotten and the browser is known from now on. */
  async recordSuccess(
    identifier: string,
    client: SignInClient,
    accountId: string,
    request: AppRequest,
    reply: FastifyReply,
  ): Promise<void> {
    await this.rateLimiter.clear('sign-in-failure:identifier-client', `${identifier}|${client.key}`);
    let device = deviceHash(request);
    if (!device) {
      const token = randomBytes(24).toString('base64url');
      device = hashDevice(token);
      void reply.setCookie(DEVICE_COOKIE, token, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: this.config.cookieSecure,
        maxAge: DEVICE_COOKIE_SECONDS,
      });
    }
    await this.devices.remember(accountId, device);
  }
}

function deviceHash(request: AppRequest): Buffer | null {
  const token = request.cookies?.[DEVICE_COOKIE];
  // Only the shape we mint; anything else is ignored rather than stored.
  return token && /^[\w-]{32}$/.test(token) ? hashDevice(token) : null;
}

function hashDevice(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}
