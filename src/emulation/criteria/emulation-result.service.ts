import { UnitLevel } from '../../catalogue/catalogue.enums';
import type { RequestContext } from '../../core/context';
import { UserInputError } from '../../core/errors';
import type { TitleAttestation } from '../../titles/progress/attestation.entity';
import type { AttestationFields } from '../../titles/progress/attestation.service';
import { SubjectKind } from '../../titles/engine/engine.enums';
import type { ResolvedSubject } from '../../titles/subject-units';
import { TitleKind } from '../../titles/titles.enums';

/** The unit levels whose collectives have an emulation checklist (III.1 a–c): organisations have theirs too. */
const CHECKLIST_LEVELS: readonly (UnitLevel | null)[] = [UnitLevel.COMMUNE, UnitLevel.DISTRICT, UnitLevel.PROVINCE];

/**
 * The emulation checklists of collectives (III.1 a–c, đ): the titles engine's COLLECTIVE_EMULATION
 * definitions of a unit (province, district, commune) or an organisation, evaluated by the monthly
 * run; read and attested here with the same access as the collective's title progress.
 */
export class EmulationResultService {
  /**
   * The collective as the subject of its checklist; null when it does not exist, Forbidden when the
   * actor may not read its progress, NOT_A_COLLECTIVE for subjects without a checklist.
   */
  async collective(ctx: RequestContext, kind: SubjectKind, id: string): Promise<ResolvedSubject | null> {
    if (kind !== SubjectKind.UNIT && kind !== SubjectKind.ORGANISATION) throw notCollective();
    const subject = await ctx.services.titles.progress.readableSubject(ctx, kind, id);
    if (!subject) return null;
    if (kind === SubjectKind.UNIT && !CHECKLIST_LEVELS.includes(subject.unitLevel)) throw notCollective();
    return { ...subject, titleKind: TitleKind.COLLECTIVE_EMULATION };
  }

  /** Transactional, idempotent for the same entry. An assessor's met / not met for an attested item of a collective's checklist. */
  attest(ctx: RequestContext, kind: SubjectKind, id: string, fields: AttestationFields): Promise<TitleAttestation> {
    if (kind !== SubjectKind.UNIT && kind !== SubjectKind.ORGANISATION) throw notCollective();
    return ctx.services.titles.attestations.attest(ctx, kind, id, fields, TitleKind.COLLECTIVE_EMULATION);
  }
}

function notCollective(): UserInputError {
  return new UserInputError('NOT_A_COLLECTIVE', ['collectiveId']);
}
