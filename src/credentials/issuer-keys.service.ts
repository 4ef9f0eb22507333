import type { EntityManager } from '@mikro-orm/postgresql';
import { isProvinceAdmin } from '../core/actor';
import type { RequestContext } from '../core/context';
import { ForbiddenError, NotFoundError } from '../core/errors';
import type { IssuerOwner } from './did';
import { IssuerKey } from './issuer-key.entity';
import type { KeyVault, PrivateEd25519Jwk } from './key-vault';

/** The signing keys of the issuing bodies (a unit's People's Committee, another body) and of the platform. */
export class IssuerKeyService {
  /**
   * Decrypted private keys by key row id, so a signature costs no query and no AES. A key's bytes
   * never change; a rotation clears the map so a retired key does not linger in memory.
   */
  private readonly decrypted = new Map<string, PrivateEd25519Jwk>();
  private readonly rotationListeners: (() => void)[] = [];

  constructor(private readonly vault: KeyVault) {}

  /**
   * Transactional, idempotent: the issuer's active key, made on first use. Two first uses at once
   * both insert; the partial unique index keeps one and the other reads it.
   */
  async activeKey(em: EntityManager, owner: IssuerOwner): Promise<IssuerKey> {
    const found = await this.findActive(em, owner);
    if (found) return found;
    const pair = this.vault.generate();
    await em.execute(
      `insert into issuer_key (id, created_at, updated_at, unit_id, body_id, key_id, public_jwk, encrypted_private_key) values (gen_random_uuid(), now(), now(), ?, ?, ?, ?::jsonb, ?) on conflict do nothing`,
      [owner.unitId, owner.bodyId, pair.keyId, JSON.stringify(pair.publicJwk), pair.encryptedPrivateKey],
    );
    const made = await this.findActive(em, owner);
    if (!made) throw new Error('the active signing key vanished as it was made');
    return made;
  }

  /**
   * Transactional, not idempotent (each call makes a new key). Province admins only: retires the
   * issuer's active key, which stays listed for the credentials it signed, and makes a new one.
   * The caller checks that the unit or body exists.
   */
  async rotate(ctx: RequestContext, owner: IssuerOwner): Promise<void> {
    if (!isProvinceAdmin(ctx.actor)) throw new ForbiddenError('Only province administrators rotate the signing keys of issuing bodies');
    if (!owner.unitId && !owner.bodyId) throw new NotFoundError('The issuing body');
    await ctx.em.execute('update issuer_key set retired_at = ?, updated_at = now() where unit_id is not distinct from ? and body_id is not distinct from ? and retired_at is null', [ctx.now, owner.unitId, owner.bodyId]);
    await this.activeKey(ctx.em, owner);
    this.decrypted.clear();
    for (const listener of this.rotationListeners) listener();
  }

  /** Called after every rotation in this process, for caches of what the keys signed. */
  onRotation(listener: () => void): void {
    this.rotationListeners.push(listener);
  }

  /** Every key of an issuer, oldest first, and which is active: what its DID document lists. */
  async keysOf(em: EntityManager, owner: IssuerOwner): Promise<IssuerKey[]> {
    return em.find(IssuerKey, { unit: owner.unitId, body: owner.bodyId }, { orderBy: { createdAt: 'asc', id: 'asc' } });
  }

  findByKeyId(em: EntityManager, keyId: string): Promise<IssuerKey | null> {
    return em.findOne(IssuerKey, { keyId });
  }

  async privateKeyOf(em: EntityManager, key: IssuerKey): Promise<PrivateEd25519Jwk> {
    const cached = this.decrypted.get(key.id);
    if (cached) return cached;
    const [row] = await em.execute<{ encrypted_private_key: string }[]>('select encrypted_private_key from issuer_key where id = ?', [key.id]);
    if (!row) throw new Error('the signing key is gone');
    const jwk = this.vault.decryptPrivateKey(row.encrypted_private_key);
    this.decrypted.set(key.id, jwk);
    return jwk;
  }

  private findActive(em: EntityManager, owner: IssuerOwner): Promise<IssuerKey | null> {
    return em.findOne(IssuerKey, { unit: owner.unitId, body: owner.bodyId, retiredAt: null });
  }
}
