import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AppError } from '../../common/errors/app-error';
import { SESSION_COOKIE } from '../../common/http/request-context';
import { OrganizationsService } from '../organizations/organizations.service';
import { ACCESS_METADATA, type AccessRule } from './decorators/access.metadata';
import type { OrgScopedRequest } from './decorators/request-params.decorators';
import { MembershipsService } from './memberships.service';
import { SessionsService } from './sessions.service';

// Methods that change nothing: a suspended municipality still answers them.
const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The global guard: sets `request.actor` from the session cookie on every HTTP request, then
 * applies the route's access decorator (`@SignedIn`, `@Roles`, `@Superadmin`). Undecorated
 * routes are public.
 *
 * It is also the one place that keeps a suspended municipality read-only: every request that
 * could change something on a route with a `:slug` answers 423 `organizations.suspended`,
 * whatever its decorator (public, signed in, roles, even a superadmin's), so no route can forget.
 * The platform's own routes (`/api/platform/...`) take an id, not a slug, and keep working.
 */
@Injectable()
export class IdentityGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: SessionsService,
    private readonly memberships: MembershipsService,
    private readonly organizations: OrganizationsService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<OrgScopedRequest>();
    const slug = (request.params as Record<string, string | undefined>).slug;
    if (slug && !READ_METHODS.has(request.method)) {
      // An unknown slug is left to the route (401 before 404 as before); a known one must be active.
      const target = await this.organizations.getBySlug(slug).catch(() => null);
      if (target) this.organizations.assertActive(target);
    }
    const token = request.cookies?.[SESSION_COOKIE];
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_METADATA, [
      context.getHandler(),
      context.getClass(),
    ]);

    if (rule?.kind !== 'roles' || !token) {
      request.actor = token ? ((await this.sessions.resolve(token)) ?? undefined) : undefined;
      if (!rule) return true;
      if (!request.actor) {
        throw token
          ? new AppError('identity.session_expired', 401, 'The session has ended, sign in again')
          : new AppError('identity.unauthenticated', 401, 'Sign in first');
      }
      if (rule.kind === 'signed_in') return true;
      if (rule.kind === 'superadmin') {
        if (!request.actor.isSuperadmin) throw new AppError('identity.forbidden', 403, 'Superadmins only');
        return true;
      }
    }

    // Organisation-scoped: the session and the membership come back from one query.
    if (!slug) throw new Error('@Roles() is for routes with a :slug parameter');
    const organization = await this.organizations.getBySlug(slug);
    const resolved = await this.sessions.resolveIn(token!, organization.id);
    if (!resolved) throw new AppError('identity.session_expired', 401, 'The session has ended, sign in again');
    const { actor, membership } = resolved;
    request.actor = actor;
    request.organization = organization;
    request.membership = membership;
    if (actor.isSuperadmin) return true;
    if (!membership) throw new AppError('identity.not_a_member', 403, 'Not a member of this organization');
    if (rule.roles.length > 0 && !membership.roles.some((r) => rule.roles.includes(r))) {
      throw new AppError('identity.forbidden', 403, 'Your roles do not allow this');
    }
    return true;
  }
}
