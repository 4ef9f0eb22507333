import { Check, Entity, Index, ManyToOne, Property, Unique } from '@mikro-orm/core';
import { Body } from '../bodies/body.entity';
import { AdministrativeUnit } from '../catalogue/units/unit.entity';
import { BaseEntity } from '../infra/base.entity';
import type { PublicEd25519Jwk } from './key-vault';

/**
 * An Ed25519 key an issuing body signs credentials with: the People's Committee of a unit, another
 * body (a Giấy khen of the Women's Union), or (unit and body null) the platform itself, which signs
 * the status lists. Rotation retires the active key and
 * makes a new one; retired keys stay, so their public halves keep verifying what they signed.
 */
@Entity({ tableName: 'issuer_key' })
@Unique({
  name: 'issuer_key_active_unique',
  expression: 'create unique index "issuer_key_active_unique" on "issuer_key" ("unit_id", "body_id") nulls not distinct where "retired_at" is null',
})
@Index({ properties: ['unit'] })
@Index({ properties: ['body'] })
@Check({ name: 'issuer_key_one_owner', expression: 'unit_id is null or body_id is null' })
export class IssuerKey extends BaseEntity<'unit' | 'body' | 'retiredAt'> {
  // No delete rule: a unit's keys never become the platform's (null) by deleting the unit.
  @ManyToOne(() => AdministrativeUnit, { nullable: true, deleteRule: 'no action' })
  unit: AdministrativeUnit | null = null;

  @ManyToOne(() => Body, { nullable: true, deleteRule: 'no action' })
  body: Body | null = null;

  /** The JWK thumbprint (RFC 7638) of the public key: the fragment of its verification method. */
  @Property({ type: 'string', length: 64, unique: true })
  keyId!: string;

  @Property({ type: 'json' })
  publicJwk!: PublicEd25519Jwk;

  /** The private JWK, encrypted with AES-256-GCM under CREDENTIAL_KEY_SECRET (key-vault.ts); never leaves the service. */
  @Property({ type: 'text', lazy: true })
  encryptedPrivateKey!: string;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  retiredAt: Date | null = null;
}
