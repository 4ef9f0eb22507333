import type { AuthChecker } from 'type-graphql';
import type { RequestContext } from '../core/context';
import { ForbiddenError, UnauthenticatedError } from '../core/errors';
import { hasRole } from '../core/actor';
import type { Role } from '../core/roles';

/**
 * `@Authorized()` needs a signed-in account; `@Authorized(roles)` needs one of the roles. Scope
 * (which institution, which subtree) is checked by the services, which know the objects.
 */
export const authChecker: AuthChecker<RequestContext, Role> = ({ context }, roles) => {
  if (!context.actor) throw new UnauthenticatedError();
  if (roles.length && !hasRole(context.actor, ...roles)) {
    throw new ForbiddenError(`This needs one of the roles ${roles.join(', ')}`);
  }
  return true;
};
