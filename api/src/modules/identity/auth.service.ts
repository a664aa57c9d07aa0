import { Injectable } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { z } from 'zod';
import type {
  SignInMethod,
  TCodeRequested,
  TEmailSignUpRequested,
  TSession,
  ZEmailSignIn,
  ZEmailSignUp,
  ZRequestCode,
  ZVerifyCode,
  ZVerifyEmailSignUp,
} from '@hamandishi/contracts';
import { AppConfig } from '../../config/app-config';
import { addressGroup } from '../../common/http/client-address';
import type { AppRequest } from '../../common/http/request-context';
import { RateLimiter } from '../../common/rate-limit/rate-limiter.service';
import type { Organization } from '../organizations/organization.entity';
import { OrganizationSettingsService } from '../organizations/organization-settings.service';
import { OrganizationsService } from '../organizations/organizations.service';
import { MessagingService } from '../messaging/messaging.service';
import { isUniqueViolation } from '../../database/pg-errors';
import { AccountsRepository } from './accounts.repository';
import { AccountsService } from './accounts.service';
import { CodesRepository, type OpenCode } from './codes.repository';
import type { Account } from './entities/account.entity';
import type { CodePurpose } from './entities/one-time-code.entity';
import { IdentityErrors } from './identity.errors';
import { IDENTITY_POLICY as P } from './identity.policy';
import { MembershipsService } from './memberships.service';
import {
  alreadyRegisteredEmail,
  codeMatches,
  codeMessage,
  generateCode,
  hashCode,
  maskEmail,
  maskMobile,
  signUpCodeEmail,
} from './one-time-code';
import { hashPassword, verifyPassword } from './passwords';
import { SessionsService } from './sessions.service';
import { type SignInClient, SignInAttempts } from './sign-in-attempts';

/**
 * Signing up and in: by SMS code, or by e-mail and password (an e-mail sign-up is confirmed by
 * a code). Every answer is the same for identifiers with and without an account, and failed
 * attempts lock out one client at a time (see SignInAttempts), never the owner.
 */
@Injectable()
export class AuthService {
  constructor(
    private readonly accounts: AccountsRepository,
    private readonly accountsService: AccountsService,
    private readonly codes: CodesRepository,
    private readonly sessions: SessionsService,
    private readonly memberships: MembershipsService,
    private readonly organizations: OrganizationsService,
    private readonly organizationSettings: OrganizationSettingsService,
    private readonly messaging: MessagingService,
    private readonly rateLimiter: RateLimiter,
    private readonly attempts: SignInAttempts,
    private readonly config: AppConfig,
  ) {}

  /** Sends a sign-in code by SMS (to any well-formed number: a new one signs up with it). */
  async requestCode(input: z.output<typeof ZRequestCode>, request: AppRequest): Promise<TCodeRequested> {
    const mobile = input.mobile;
    await this.organizationAllowing(input.organization, 'mobile_code');
    const account = await this.accounts.findByMobile(mobile);
    await this.throttleCodeRequest(
      mobile,
      'sign_in',
      await this.attempts.clientOf(request, account?.id ?? null),
      request,
    );
    const code = generateCode(P.code.length);
    await this.codes.replace(mobile, 'sign_in', hashCode('sign_in', mobile, code), P.code.ttlSeconds);
    await this.messaging.send({ channel: 'sms', recipient: mobile, body: codeMessage(code) });
    return {
      maskedMobile: maskMobile(mobile),
      expiresInSeconds: P.code.ttlSeconds,
      resendInSeconds: this.config.env.CODE_RESEND_SECONDS,
    };
  }

  /** Checks the code, then signs in (or signs up, for a new number). */
  async verifyCode(input: z.output<typeof ZVerifyCode>, request: AppRequest, reply: FastifyReply): Promise<TSession> {
    const mobile = input.mobile;
    await this.rateLimiter.hitAddress('code-verify:address', request);
    const organization = await this.organizationAllowing(input.organization, 'mobile_code');
    let account = await this.accounts.findByMobile(mobile);
    const client = await this.attempts.clientOf(request, account?.id ?? null);
    await this.attempts.assertOpen(mobile, client);
    const open = await this.checkCode(mobile, 'sign_in', input.code, client);

    if (account) this.assertCanSignIn(account);
    else if (!input.displayName) {
      // Checked before the code is used up, so the person can add their name and resend it.
      throw IdentityErrors.displayNameRequired();
    } else await this.countSignUp(request);
    if (!(await this.codes.consume(open.id))) throw IdentityErrors.codeInvalid();
    account ??= await this.createByMobile(mobile, input.displayName!);
    await this.attempts.recordSuccess(mobile, client, account.id, request, reply);
    return this.signIn(account, organization, request, reply);
  }

  /**
   * First step of an e-mail sign-up: a new address gets a code, an address with an account gets
   * a notice to its owner instead. The answer is the same either way, and so is the time taken
   * (the password is hashed in both cases).
   */
  async emailSignUp(input: z.output<typeof ZEmailSignUp>, request: AppRequest): Promise<TEmailSignUpRequested> {
    const email = input.email;
    await this.organizationAllowing(input.organization, 'email');
    const existing = await this.accounts.findByEmail(email);
    await this.throttleCodeRequest(
      email,
      'sign_up',
      await this.attempts.clientOf(request, existing?.id ?? null),
      request,
    );
    const passwordHash = await hashPassword(input.password);
    const code = generateCode(P.code.length);
    if (existing) {
      // A code row all the same (never sent, so it cannot be guessed in five tries), so that the
      // resend wait and a verification attempt behave exactly as for a new address.
      await this.codes.replace(
        email,
        'sign_up',
        hashCode('sign_up', email, generateCode(P.code.length)),
        P.code.ttlSeconds,
      );
      await this.messaging.send({ channel: 'email', recipient: email, ...alreadyRegisteredEmail() });
    } else {
      await this.codes.replace(email, 'sign_up', hashCode('sign_up', email, code), P.code.ttlSeconds, {
        passwordHash,
        displayName: input.displayName,
      });
      await this.messaging.send({ channel: 'email', recipient: email, ...signUpCodeEmail(code) });
    }
    return {
      maskedEmail: maskEmail(email),
      expiresInSeconds: P.code.ttlSeconds,
      resendInSeconds: this.config.env.CODE_RESEND_SECONDS,
    };
  }

  /** Second step of an e-mail sign-up: the code from the e-mail creates the account and signs in. */
  async verifyEmailSignUp(
    input: z.output<typeof ZVerifyEmailSignUp>,
    request: AppRequest,
    reply: FastifyReply,
  ): Promise<TSession> {
    const email = input.email;
    await this.rateLimiter.hitAddress('code-verify:address', request);
    const organization = await this.organizationAllowing(input.organization, 'email');
    const client = await this.attempts.clientOf(request, null);
    await this.attempts.assertOpen(email, client);
    const open = await this.checkCode(email, 'sign_up', input.code, client);
    const pending = open.payload;
    if (!pending) throw IdentityErrors.codeInvalid();
    await this.countSignUp(request);
    if (!(await this.codes.consume(open.id))) throw IdentityErrors.codeInvalid();
    let account: Account;
    try {
      account = await this.accounts.insert({
        email,
        passwordHash: pending.passwordHash,
        displayName: pending.displayName,
      });
    } catch (error) {
      // The address got an account between the two steps (another tab's code): that code won.
      if (isUniqueViolation(error, 'uq_account_email')) throw IdentityErrors.codeInvalid();
      throw error;
    }
    await this.attempts.recordSuccess(email, client, account.id, request, reply);
    return this.signIn(account, organization, request, reply);
  }

  async emailSignIn(input: z.output<typeof ZEmailSignIn>, request: AppRequest, reply: FastifyReply): Promise<TSession> {
    const email = input.email;
    await this.rateLimiter.hitAddress('sign-in:address', request);
    const organization = await this.organizationAllowing(input.organization, 'email');
    const account = await this.accounts.findByEmail(email);
    const client = await this.attempts.clientOf(request, account?.id ?? null);
    await this.attempts.assertOpen(email, client);
    // Verified against a dummy hash when there is no account, so the time taken tells nothing.
    const valid = await verifyPassword(account?.passwordHash ?? null, input.password);
    if (!account || !valid) {
      if (await this.attempts.recordFailure(email, client)) throw IdentityErrors.locked();
      throw IdentityErrors.credentialsInvalid();
    }
    this.assertCanSignIn(account);
    await this.attempts.recordSuccess(email, client, account.id, request, reply);
    return this.signIn(account, organization, request, reply);
  }

  /**
   * The municipality a sign-in or sign-up happens in (by slug), when it allows `method`: 403
   * `identity.sign_in_method_disabled` otherwise, before any code or password is checked.
   */
  private async organizationAllowing(slug: string | undefined, method: SignInMethod): Promise<Organization | null> {
    if (!slug) return null;
    const organization = await this.organizations.getBySlug(slug);
    if (!(await this.organizationSettings.signInMethodsOf(organization.id)).includes(method)) {
      throw IdentityErrors.signInMethodDisabled(method);
    }
    return organization;
  }

  async signOut(request: AppRequest, reply: FastifyReply): Promise<void> {
    await this.sessions.end(request, reply);
  }

  /**
   * The checks before a code is sent: the per-address limit, this client's lockout, the resend
   * wait, and how many texts or mails one identifier may receive (per address first, so someone
   * else's requests cannot use up the owner's, then a cap per identifier against bombing).
   */
  private async throttleCodeRequest(
    recipient: string,
    purpose: CodePurpose,
    client: SignInClient,
    request: AppRequest,
  ): Promise<void> {
    await this.rateLimiter.hitAddress('code-request:address', request);
    await this.attempts.assertOpen(recipient, client);
    const lastSentAt = await this.codes.lastSentAt(recipient, purpose);
    if (lastSentAt && Date.now() - new Date(lastSentAt).getTime() < this.config.env.CODE_RESEND_SECONDS * 1000)
      throw IdentityErrors.codeResendTooSoon();
    await this.rateLimiter.hit('code-request:identifier-address', `${recipient}|${addressGroup(request.ip)}`);
    await this.rateLimiter.hit('code-request:identifier', recipient);
  }

  /** The recipient's newest open code, if `code` is it; a wrong code counts against this client. */
  private async checkCode(
    recipient: string,
    purpose: CodePurpose,
    code: string,
    client: SignInClient,
  ): Promise<OpenCode> {
    const open = await this.codes.newestOpen(recipient, purpose);
    if (!open) throw IdentityErrors.codeInvalid();
    if (new Date(open.expiresAt).getTime() <= Date.now()) throw IdentityErrors.codeExpired();
    if (codeMatches(open.codeHash, purpose, recipient, code)) return open;
    await this.attempts.recordFailure(recipient, client);
    // The code itself also burns after a few tries in all, so many addresses cannot share the guessing.
    const counted = await this.codes.countWrongAttempt(open.id, P.code.maxAttempts);
    if (!counted || counted.burned) throw IdentityErrors.codeTooManyAttempts();
    throw IdentityErrors.codeInvalid();
  }

  /** A new account is about to be made: per address (a meeting hall fits) and platform-wide. */
  private async countSignUp(request: AppRequest): Promise<void> {
    await this.rateLimiter.hitAddress('sign-up:address', request);
    await this.rateLimiter.hit('sign-up:platform', 'all');
  }

  private assertCanSignIn(account: Account): void {
    if (account.status === 'disabled') throw IdentityErrors.accountDisabled();
    if (account.status !== 'active') throw IdentityErrors.accountNotFound();
  }

  private async createByMobile(mobile: string, displayName: string): Promise<Account> {
    try {
      return await this.accounts.insert({ mobile, displayName });
    } catch (error) {
      // Two verifications of one new number at once: the other one created it.
      if (isUniqueViolation(error, 'uq_account_mobile')) {
        const account = await this.accounts.findByMobile(mobile);
        if (account) return account;
      }
      throw error;
    }
  }

  private async signIn(
    account: Account,
    organization: Organization | null,
    request: AppRequest,
    reply: FastifyReply,
  ): Promise<TSession> {
    await this.sessions.start(account, request, reply);
    // Signing in on a suspended municipality's page still signs in, but joins nothing: it takes no input.
    if (organization && organization.status !== 'suspended') await this.memberships.join(organization, account.id);
    return this.accountsService.session(request);
  }
}
