import type { Actor } from '../../core/actor';
import { Role } from '../../core/roles';
import { UnitLevel } from '../../catalogue/catalogue.enums';
import { DecisionLevel } from './recognition.enums';
import { TitleKind } from '../titles.enums';

/**
 * Who recognises what (titles.md and the texts it cites):
 * - Learning Citizen (244/QĐ-KHVN, 324/QĐ-KHVN), Learning Family, Learning Clan and the hamlet's
 *   Learning Community (448/QĐ-KHVN): the chairman of the commune's people's committee;
 * - a commune's Learning Community (Circular 25/2023/TT-BGDĐT): the district, and since districts
 *   were abolished on 1 July 2025, the province;
 * - a district's (historic) and the province's Learning Community: the province (the national
 *   level's decision on the province is recorded by it);
 * - a Learning Unit (Circular 24/2023/TT-BGDĐT; 448/QĐ-KHVN for commune-managed ones): the level
 *   of the unit that manages the organisation (a commune or below → commune, a district → district,
 *   the province → province).
 */
export function issuerLevelsOf(titleKind: TitleKind, unitLevel: UnitLevel | null, subjectUnitLevel: UnitLevel): DecisionLevel[] {
  switch (titleKind) {
    case TitleKind.LEARNING_CITIZEN:
    case TitleKind.LEARNING_FAMILY:
    case TitleKind.LEARNING_CLAN:
      return [DecisionLevel.COMMUNE];
    case TitleKind.LEARNING_COMMUNITY:
      return communityIssuers(unitLevel ?? subjectUnitLevel);
    case TitleKind.LEARNING_UNIT:
      return [managingLevel(subjectUnitLevel)];
    case TitleKind.COLLECTIVE_EMULATION:
      // An emulation checklist is not a title: it feeds nominations, nobody recognises it.
      return [];
  }
}

function communityIssuers(level: UnitLevel): DecisionLevel[] {
  switch (level) {
    case UnitLevel.HAMLET:
      return [DecisionLevel.COMMUNE];
    case UnitLevel.COMMUNE:
      return [DecisionLevel.DISTRICT, DecisionLevel.PROVINCE];
    case UnitLevel.DISTRICT:
    case UnitLevel.PROVINCE:
      return [DecisionLevel.PROVINCE];
  }
}

function managingLevel(level: UnitLevel): DecisionLevel {
  switch (level) {
    case UnitLevel.HAMLET:
    case UnitLevel.COMMUNE:
      return DecisionLevel.COMMUNE;
    case UnitLevel.DISTRICT:
      return DecisionLevel.DISTRICT;
    case UnitLevel.PROVINCE:
      return DecisionLevel.PROVINCE;
  }
}

/** The unit levels of the actor's assessor grants, by granted unit id (loaded by the caller). */
export type GrantLevels = ReadonlyMap<string, UnitLevel>;

/**
 * Whether the actor may record (or revoke) a decision of `level` for a subject of the unit at
 * `unitPath`: a province administrator always (they enter decisions on behalf of any authority);
 * otherwise an assessor whose unit is of the decision's level and contains the subject. An
 * assessor of a higher or lower level does not record another level's decisions.
 */
export function mayDecide(actor: Actor | null, grantLevels: GrantLevels, level: DecisionLevel, unitPath: string): boolean {
  if (!actor) return false;
  return actor.grants.some(
    (grant) =>
      grant.role === Role.PROVINCE_ADMIN ||
      (grant.role === Role.ASSESSOR &&
        grant.unitId !== null &&
        grant.unitPath !== null &&
        grantLevels.get(grant.unitId) === (level as string) &&
        unitPath.startsWith(grant.unitPath)),
  );
}

/** The levels of the actor's assessor grants whose unit contains `unitPath`: the decisions they may record there. */
export function ownLevelsOver(actor: Actor | null, grantLevels: GrantLevels, unitPath: string): UnitLevel[] {
  const levels = new Set<UnitLevel>();
  for (const grant of actor?.grants ?? []) {
    const level = grant.unitId ? grantLevels.get(grant.unitId) : undefined;
    if (grant.role === Role.ASSESSOR && level && grant.unitPath !== null && unitPath.startsWith(grant.unitPath)) levels.add(level);
  }
  return [...levels];
}
