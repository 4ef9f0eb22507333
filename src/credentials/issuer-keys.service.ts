import type { EntityManager } from '@mikro-orm/postgresql';
import { isProvinceAdmin } from '../core/actor';
import type { RequestContext } from '../core/context';
import { ForbiddenError, NotFoundError } from '../core/errors';
import { AdministrativeUnit } from '../catalogue/units/unit.entity';
import { IssuerKey } from './issuer-key.entity';
import type { KeyVault, PrivateEd25519Jwk } from './key-vault';

/** The signing keys of the issuing bodies (a unit's People's Committee) and of the platform (unit null). */
export class IssuerKeyService {
  constructor(private readonly vault: KeyVault) {}

  /**
   * Transactional, idempotent: the body's active key, made on first use. Two first uses at once both
   * insert; the partial unique index keeps one and the other reads it.
   */
  async activeKey(em: EntityManager, unitId: string | null): Promise<IssuerKey> {
    const found = await this.findActive(em, unitId);
    if (found) return found;
    const pair = this.vault.generate();
    await em.execute(
      `insert into issuer_key (id, created_at, updated_at, unit_id, key_id, public_jwk, encrypted_private_key) values (gen_random_uuid(), now(), now(), ?, ?, ?::jsonb, ?) on conflict do nothing`,
      [unitId, pair.keyId, JSON.stringify(pair.publicJwk), pair.encryptedPrivateKey],
    );
    const made = await this.findActive(em, unitId);
    if (!made) throw new Error('the active signing key vanished as it was made');
    return made;
  }

  /**
   * Transactional, not idempotent (each call makes a new key). Province admins only: retires the
   * body's active key, which stays listed for the credentials it signed, and makes a new one.
   */
  async rotate(ctx: RequestContext, unitId: string): Promise<AdministrativeUnit> {
    if (!isProvinceAdmin(ctx.actor)) throw new ForbiddenError('Only province administrators rotate the signing keys of issuing bodies');
    const unit = await ctx.em.findOne(AdministrativeUnit, { id: unitId });
    if (!unit) throw new NotFoundError('The administrative unit');
    await ctx.em.execute('update issuer_key set retired_at = ?, updated_at = now() where unit_id = ? and retired_at is null', [ctx.now, unitId]);
    await this.activeKey(ctx.em, unitId);
    return unit;
  }

  /** Every key of a body, oldest first, and which is active: what its DID document lists. */
  async keysOf(em: EntityManager, unitId: string | null): Promise<IssuerKey[]> {
    return em.find(IssuerKey, { unit: unitId }, { orderBy: { createdAt: 'asc', id: 'asc' } });
  }

  findByKeyId(em: EntityManager, keyId: string): Promise<IssuerKey | null> {
    return em.findOne(IssuerKey, { keyId });
  }

  async privateKeyOf(em: EntityManager, key: IssuerKey): Promise<PrivateEd25519Jwk> {
    const [row] = await em.execute<{ encrypted_private_key: string }[]>('select encrypted_private_key from issuer_key where id = ?', [key.id]);
    if (!row) throw new Error('the signing key is gone');
    return this.vault.decryptPrivateKey(row.encrypted_private_key);
  }

  private findActive(em: EntityManager, unitId: string | null): Promise<IssuerKey | null> {
    return em.findOne(IssuerKey, { unit: unitId, retiredAt: null });
  }
}
