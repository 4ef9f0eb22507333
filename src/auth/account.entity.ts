import { Collection, Entity, Enum, ManyToOne, OneToMany, Property, Unique } from '@mikro-orm/core';
import { BaseEntity } from '../infra/base.entity';
import { Role } from '../core/roles';
import { AdministrativeUnit } from '../catalogue/units/unit.entity';
import { Institution } from '../catalogue/institutions/institution.entity';

@Entity({ tableName: 'account' })
export class Account extends BaseEntity<'email' | 'phone' | 'disabledAt' | 'grants'> {
  /** Lower-cased; an account has an email, a phone number or both. */
  @Unique()
  @Property({ type: 'string', length: 254, nullable: true })
  email: string | null = null;

  /** Normalised Vietnamese mobile number, 0 followed by 9 digits. */
  @Unique()
  @Property({ type: 'string', length: 16, nullable: true })
  phone: string | null = null;

  @Property({ type: 'string', length: 100, hidden: true })
  passwordHash!: string;

  @Property({ type: 'string', length: 200 })
  displayName!: string;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  disabledAt: Date | null = null;

  @OneToMany(() => RoleGrant, (grant) => grant.account)
  grants = new Collection<RoleGrant>(this);
}

/** One role of an account, with its scope: an institution for staff, a unit subtree for assessors. */
@Entity({ tableName: 'role_grant' })
@Unique({ properties: ['account', 'role', 'institution', 'unit'] })
export class RoleGrant extends BaseEntity<'institution' | 'unit' | 'grantedBy'> {
  @ManyToOne(() => Account, { deleteRule: 'cascade' })
  account!: Account;

  @Enum({ items: () => Role })
  role!: Role;

  @ManyToOne(() => Institution, { nullable: true, deleteRule: 'cascade' })
  institution: Institution | null = null;

  @ManyToOne(() => AdministrativeUnit, { nullable: true })
  unit: AdministrativeUnit | null = null;

  @ManyToOne(() => Account, { nullable: true, deleteRule: 'set null' })
  grantedBy: Account | null = null;
}

/** A refresh token, kept only as a hash; rotated on every use, the whole family revoked on reuse. */
@Entity({ tableName: 'refresh_token' })
export class RefreshToken extends BaseEntity<'revokedAt'> {
  @ManyToOne(() => Account, { deleteRule: 'cascade' })
  account!: Account;

  @Unique()
  @Property({ type: 'string', length: 64 })
  tokenHash!: string;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  expiresAt!: Date;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  revokedAt: Date | null = null;
}
