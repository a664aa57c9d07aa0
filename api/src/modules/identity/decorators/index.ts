export { Roles, SignedIn, Superadmin } from './access.decorators';
export { type AccessRule } from './access.metadata';
export {
  CurrentActor,
  CurrentMembership,
  CurrentOrganization,
  type OrgScopedRequest,
} from './request-params.decorators';
