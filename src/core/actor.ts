import { Role } from './roles';

export interface RoleScope {
  role: Role;
  /** Set for INSTITUTION_STAFF. */
  institutionId: string | null;
  /** Set for ASSESSOR: the unit and its materialized path, to test subtree membership. */
  unitId: string | null;
  unitPath: string | null;
  /**
   * Set for INSTITUTION_STAFF of a community learning centre: the path of the centre's unit, the
   * area whose residents the centre's staff may act for (assisted entry).
   */
  centreUnitPath: string | null;
}

/** The signed-in account making a request, with its role grants loaded fresh for the request. */
export interface Actor {
  accountId: string;
  grants: RoleScope[];
}

export function hasRole(actor: Actor | null, ...roles: Role[]): boolean {
  return !!actor && actor.grants.some((grant) => roles.includes(grant.role));
}

export function isProvinceAdmin(actor: Actor | null): boolean {
  return hasRole(actor, Role.PROVINCE_ADMIN);
}

/** The Department of Education and Training's officials (and province admins) receive reports and consolidate proposals. */
export function isEducationDepartment(actor: Actor | null): boolean {
  return hasRole(actor, Role.EDUCATION_DEPARTMENT, Role.PROVINCE_ADMIN);
}

/** The Department of Home Affairs' officials (and province admins) appraise commendation proposals. */
export function isHomeAffairsDepartment(actor: Actor | null): boolean {
  return hasRole(actor, Role.HOME_AFFAIRS_DEPARTMENT, Role.PROVINCE_ADMIN);
}

/** True when the actor is a province admin or an assessor of a unit containing `unitPath`. */
export function governsUnit(actor: Actor | null, unitPath: string): boolean {
  if (!actor) return false;
  return actor.grants.some(
    (grant) =>
      grant.role === Role.PROVINCE_ADMIN ||
      (grant.role === Role.ASSESSOR && grant.unitPath !== null && unitPath.startsWith(grant.unitPath)),
  );
}

/**
 * True when the actor may act for residents of `unitPath` who cannot do it themselves: assessors
 * of a unit containing it (and province admins), and staff of a community learning centre whose
 * unit contains it. Citizens have no relation to a centre of their own: the centre of the unit
 * they live in (or of a unit above it) is theirs.
 */
export function actsForResidentsOf(actor: Actor | null, unitPath: string): boolean {
  if (governsUnit(actor, unitPath)) return true;
  return !!actor && actor.grants.some((grant) => grant.role === Role.INSTITUTION_STAFF && grant.centreUnitPath !== null && unitPath.startsWith(grant.centreUnitPath));
}

export function isStaffOf(actor: Actor | null, institutionId: string): boolean {
  return !!actor && actor.grants.some((grant) => grant.role === Role.INSTITUTION_STAFF && grant.institutionId === institutionId);
}

/** Institutions whose non-public data (drafts) the actor may see, or 'all'. */
export function staffInstitutionIds(actor: Actor | null): string[] | 'all' {
  if (isProvinceAdmin(actor)) return 'all';
  return actor?.grants.filter((g) => g.role === Role.INSTITUTION_STAFF && g.institutionId).map((g) => g.institutionId as string) ?? [];
}
