import { SetMetadata } from '@nestjs/common';
import type { Role } from '@hamandishi/contracts';
import { ACCESS_METADATA, type AccessRule } from './access.metadata';

/**
 * The route needs a live session: otherwise 401 `identity.unauthenticated` (no cookie) or
 * `identity.session_expired` (a cookie that no longer opens a session).
 * Routes without an access decorator are public (the actor is still set when signed in).
 */
export const SignedIn = () => SetMetadata(ACCESS_METADATA, { kind: 'signed_in' } satisfies AccessRule);

/** The route is for platform operators (account.is_superadmin): others get 403 `identity.forbidden`. */
export const Superadmin = () => SetMetadata(ACCESS_METADATA, { kind: 'superadmin' } satisfies AccessRule);

/**
 * For routes under `/api/orgs/:slug/...`: the signed-in person must be a member of that
 * organisation (403 `identity.not_a_member`) holding one of `roles` (403 `identity.forbidden`);
 * `@Roles()` with no roles admits any member. A superadmin always passes. An unknown slug
 * answers 404 `organizations.not_found`. The guard puts the organisation and the membership on
 * the request: read them with `@CurrentOrganization()` and `@CurrentMembership()`.
 */
export const Roles = (...roles: Role[]) => SetMetadata(ACCESS_METADATA, { kind: 'roles', roles } satisfies AccessRule);
