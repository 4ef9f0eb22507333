import { Check, Entity, Enum, Index, ManyToOne, OneToOne, Property, Unique } from '@mikro-orm/core';
import { Account } from '../../auth/account.entity';
import { AdministrativeUnit } from '../../catalogue/units/unit.entity';
import { BaseEntity } from '../../infra/base.entity';
import { Gender, OccupationalGroup } from '../people.enums';

/**
 * A person's learning profile. The national ID number is never stored in clear: `nationalIdDigest`
 * (keyed hash) finds and de-duplicates, `nationalIdSealed` (encrypted) is opened only for the
 * citizen and the assessors of their unit (see NationalIdProtector).
 */
@Entity({ tableName: 'citizen' })
@Index({ properties: ['residence'] })
@Index({ name: 'citizen_search_index', expression: 'create index "citizen_search_index" on "citizen" using gin ("search_text" gin_trgm_ops)' })
@Check({ name: 'citizen_birth_year_range', expression: '(birth_year >= 1900) and (birth_year <= 2100)' })
@Check({ name: 'citizen_national_id_pair', expression: '(national_id_digest is null) = (national_id_sealed is null)' })
export class Citizen extends BaseEntity<
  'account' | 'nationalIdDigest' | 'nationalIdSealed' | 'phone' | 'occupationalGroup' | 'ethnicMinority' | 'disability' | 'searchText' | 'registeredBy' | 'claimCodeDigest' | 'claimCodeExpiresAt'
> {
  /** The account the citizen signs in with; citizens registered by an assessor may have none. */
  @OneToOne(() => Account, { nullable: true, unique: true, deleteRule: 'set null' })
  account: Account | null = null;

  @Property({ type: 'string', length: 200 })
  fullName!: string;

  @Property({ type: 'integer' })
  birthYear!: number;

  @Enum({ items: () => Gender })
  gender!: Gender;

  @Unique()
  @Property({ type: 'string', length: 64, nullable: true, hidden: true })
  nationalIdDigest: string | null = null;

  @Property({ type: 'text', nullable: true, hidden: true })
  nationalIdSealed: string | null = null;

  /** Normalised Vietnamese mobile number (0 and 9 digits), for rosters imported by phone. */
  @Index()
  @Property({ type: 'string', length: 16, nullable: true })
  phone: string | null = null;

  /** Where the citizen lives: a hamlet, or a commune when the hamlet is not known. */
  @ManyToOne(() => AdministrativeUnit)
  residence!: AdministrativeUnit;

  @Enum({ items: () => OccupationalGroup, nullable: true })
  occupationalGroup: OccupationalGroup | null = null;

  @Property({ type: 'boolean', default: false })
  ethnicMinority = false;

  @Property({ type: 'boolean', default: false })
  disability = false;

  /** The assessor's account when an assessor registered the citizen (not self sign-up). */
  @ManyToOne(() => Account, { nullable: true, deleteRule: 'set null' })
  registeredBy: Account | null = null;

  /**
   * Digest of the one-time code an assessor hands a citizen they registered, so the citizen's own
   * account can take the profile over (see CitizenService.claim); null when none is pending.
   */
  @Property({ type: 'string', length: 64, nullable: true, hidden: true })
  claimCodeDigest: string | null = null;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true, hidden: true })
  claimCodeExpiresAt: Date | null = null;

  @Property({ type: 'text', generated: '(immutable_unaccent(lower(full_name))) stored', hidden: true })
  searchText?: string;
}
