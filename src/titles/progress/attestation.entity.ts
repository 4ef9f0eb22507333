import { Check, DecimalType, Entity, Enum, Index, ManyToOne, Property, Unique } from '@mikro-orm/core';
import { Account } from '../../auth/account.entity';
import { UnitLevel } from '../../catalogue/catalogue.enums';
import { AdministrativeUnit } from '../../catalogue/units/unit.entity';
import { BaseEntity } from '../../infra/base.entity';
import { SubjectKind } from '../engine/engine.enums';
import { TitleKind } from '../titles.enums';

/** What an attestation says, as its audit trail records it before and after a change. */
export interface AttestationValue {
  score: number | null;
  met: boolean | null;
  note: string | null;
  evidenceKey: string | null;
}

/**
 * An assessor's entry for an ATTESTED (or AUTO_OR_ATTESTED) indicator of a subject in a year: a
 * score for a points rule, met / not met for a checklist. Keyed by indicator code, so it carries
 * over to a new ruleset version that keeps the code.
 */
@Entity({ tableName: 'title_attestation' })
@Unique({
  name: 'title_attestation_unique',
  expression:
    'create unique index "title_attestation_unique" on "title_attestation" ("subject_kind", "subject_id", "title_kind", "unit_level", "indicator_code", "year") nulls not distinct',
})
@Index({ properties: ['subjectId', 'year'] })
@Check({ name: 'title_attestation_score_or_met', expression: '(score is null) <> (met is null)' })
export class TitleAttestation extends BaseEntity<'unitLevel' | 'score' | 'met' | 'note' | 'evidenceKey' | 'enteredBy'> {
  @Enum({ items: () => SubjectKind })
  subjectKind!: SubjectKind;

  @Property({ type: 'uuid' })
  subjectId!: string;

  @Enum({ items: () => TitleKind })
  titleKind!: TitleKind;

  @Enum({ items: () => UnitLevel, nullable: true })
  unitLevel: UnitLevel | null = null;

  @Property({ type: 'string', length: 64 })
  indicatorCode!: string;

  @Property({ type: 'integer' })
  year!: number;

  /** The unit the subject belonged to when last entered. */
  @ManyToOne(() => AdministrativeUnit)
  unit!: AdministrativeUnit;

  @Property({ type: new DecimalType('number'), precision: 8, scale: 2, nullable: true })
  score: number | null = null;

  @Property({ type: 'boolean', nullable: true })
  met: boolean | null = null;

  @Property({ type: 'string', length: 2000, nullable: true })
  note: string | null = null;

  /** Object key of the evidence file. */
  @Property({ type: 'string', length: 500, nullable: true })
  evidenceKey: string | null = null;

  /** Who made the current entry. */
  @ManyToOne(() => Account, { nullable: true, deleteRule: 'set null' })
  enteredBy: Account | null = null;
}

/** One change of an attestation: who, when, old → new. Never changed. */
@Entity({ tableName: 'title_attestation_audit' })
@Index({ properties: ['attestation', 'changedAt'] })
export class TitleAttestationAudit extends BaseEntity<'before' | 'changedBy'> {
  @ManyToOne(() => TitleAttestation, { deleteRule: 'cascade' })
  attestation!: TitleAttestation;

  @ManyToOne(() => Account, { nullable: true, deleteRule: 'set null' })
  changedBy: Account | null = null;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  changedAt!: Date;

  /** Null for the first entry. */
  @Property({ type: 'json', nullable: true })
  before: AttestationValue | null = null;

  @Property({ type: 'json' })
  after!: AttestationValue;
}
