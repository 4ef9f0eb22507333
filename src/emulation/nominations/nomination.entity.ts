import { Entity, Enum, Index, ManyToOne, Property } from '@mikro-orm/core';
import { Account } from '../../auth/account.entity';
import { Body } from '../../bodies/body.entity';
import { AdministrativeUnit } from '../../catalogue/units/unit.entity';
import { BaseEntity } from '../../infra/base.entity';
import { CommendationForm, CommendationRound } from '../forms/form.entity';
import { NominationStatus, NomineeClass, NomineeKind } from '../emulation.enums';
import type { Dossier } from './dossier';

/**
 * A body's proposal to commend a collective, a household or an individual with a form in a round.
 * The dossier is assembled from the platform when it is submitted and kept as it was. A database
 * trigger keeps a DECIDED row unchanged except for its revocation, and refuses deletes of any
 * nomination past DRAFT.
 */
@Entity({ tableName: 'nomination' })
@Index({ properties: ['round', 'status'] })
@Index({ properties: ['proposer'] })
@Index({ properties: ['nomineeKind', 'nomineeId'] })
export class Nomination extends BaseEntity<
  'status' | 'dossier' | 'fileKeys' | 'reason' | 'decisionNumber' | 'decisionDate' | 'signer' | 'decidedAt' | 'revokedAt' | 'revocationReason'
> {
  @ManyToOne(() => CommendationRound)
  round!: CommendationRound;

  @ManyToOne(() => CommendationForm)
  form!: CommendationForm;

  @ManyToOne(() => Body)
  proposer!: Body;

  @Enum({ items: () => NomineeKind })
  nomineeKind!: NomineeKind;

  @Enum({ items: () => NomineeClass })
  nomineeClass!: NomineeClass;

  @Property({ type: 'uuid' })
  nomineeId!: string;

  /** The nominee's name when nominated, for lists and the honour roll. */
  @Property({ type: 'string', length: 300 })
  nomineeName!: string;

  /** The nominee's unit (residence, unit of the organisation, the unit itself). */
  @ManyToOne(() => AdministrativeUnit)
  nomineeUnit!: AdministrativeUnit;

  @Property({ type: 'text' })
  achievements!: string;

  @Property({ type: 'text[]', default: '{}' })
  fileKeys: string[] = [];

  @Enum({ items: () => NominationStatus, default: NominationStatus.DRAFT })
  status: NominationStatus = NominationStatus.DRAFT;

  /** Frozen at submission: the nominee's titles, contributions, initiatives and standings. */
  @Property({ type: 'json', nullable: true })
  dossier: Dossier | null = null;

  /** Why it was returned, rejected or left out of the shortlist; null otherwise. */
  @Property({ type: 'text', nullable: true })
  reason: string | null = null;

  @Property({ type: 'string', length: 64, nullable: true })
  decisionNumber: string | null = null;

  @Property({ type: 'string', columnType: 'date', nullable: true })
  decisionDate: string | null = null;

  /** Who signed the decision, as written on it. */
  @Property({ type: 'string', length: 300, nullable: true })
  signer: string | null = null;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  decidedAt: Date | null = null;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  revokedAt: Date | null = null;

  @Property({ type: 'text', nullable: true })
  revocationReason: string | null = null;
}

/** One step of a nomination's workflow: who moved it, when, from what to what, and why. */
@Entity({ tableName: 'nomination_step' })
@Index({ properties: ['nomination', 'createdAt'] })
export class NominationStep extends BaseEntity<'fromStatus' | 'note' | 'actor'> {
  @ManyToOne(() => Nomination, { deleteRule: 'cascade' })
  nomination!: Nomination;

  @Enum({ items: () => NominationStatus, nullable: true })
  fromStatus: NominationStatus | null = null;

  @Enum({ items: () => NominationStatus })
  toStatus!: NominationStatus;

  @ManyToOne(() => Account, { nullable: true, deleteRule: 'set null' })
  actor: Account | null = null;

  @Property({ type: 'text', nullable: true })
  note: string | null = null;
}
