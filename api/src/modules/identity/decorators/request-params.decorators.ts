import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { AppError } from '../../../common/errors/app-error';
import type { Actor, AppRequest } from '../../../common/http/request-context';
import type { Organization } from '../../organizations/organization.entity';
import type { MembershipRow } from '../memberships.repository';

/** A request that passed `@Roles(...)`: the organisation of `:slug` and one's membership there. */
export type OrgScopedRequest = AppRequest & {
  organization?: Organization;
  /** Null only for a superadmin who is not a member. */
  membership?: MembershipRow | null;
};

/**
 * The signed-in actor. Use on `@SignedIn()`, `@Roles()` or `@Superadmin()` routes; on a public
 * route use `@CurrentActor({ optional: true })` and get `undefined` when anonymous.
 */
export const CurrentActor = createParamDecorator(
  (options: { optional?: boolean } | undefined, context: ExecutionContext): Actor | undefined => {
    const actor = context.switchToHttp().getRequest<AppRequest>().actor;
    if (!actor && !options?.optional) throw new AppError('identity.unauthenticated', 401, 'Sign in first');
    return actor;
  },
);

/** The organisation of the route's `:slug`, resolved by `@Roles(...)`. */
export const CurrentOrganization = createParamDecorator((_: unknown, context: ExecutionContext): Organization => {
  const organization = context.switchToHttp().getRequest<OrgScopedRequest>().organization;
  if (!organization) throw new Error('@CurrentOrganization() needs @Roles(...) on the route');
  return organization;
});

/** One's membership in the route's organisation (null for a superadmin who is not a member). */
export const CurrentMembership = createParamDecorator((_: unknown, context: ExecutionContext): MembershipRow | null => {
  const request = context.switchToHttp().getRequest<OrgScopedRequest>();
  if (request.membership === undefined) throw new Error('@CurrentMembership() needs @Roles(...) on the route');
  return request.membership;
});
