import type { EntityManager } from '@mikro-orm/postgresql';
import { Account } from '../auth/account.entity';
import { isProvinceAdmin } from '../core/actor';
import type { RequestContext } from '../core/context';
import { ForbiddenError, NotFoundError, UserInputError } from '../core/errors';
import { AdministrativeUnit } from '../catalogue/units/unit.entity';
import type { UnitService } from '../catalogue/units/unit.service';
import { textSearchOf } from '../catalogue/text-search';
import type { IdRow, Seek } from '../infra/keyset';
import { Body, BodyOfficer } from './body.entity';
import type { BodyKind } from './body.enums';
import { countBodies, findBodyIds, type BodyQuery } from './body.repository';

export interface BodyFields {
  name: string;
  shortName: string;
  kind: BodyKind;
  unitId: string;
  superiorId: string | null;
}

/**
 * The bodies that report and propose, and the accounts acting for them. The province admin keeps
 * the list and appoints officers; an officer acts for the body in reports and commendations.
 */
export class BodyService {
  constructor(private readonly units: UnitService) {}

  async toQuery(ctx: RequestContext, filter: { kinds?: BodyKind[] | null; unitId?: string | null; search?: string | null }): Promise<BodyQuery> {
    const unit = await this.units.getFilter(ctx, filter.unitId, 'filter.unitId');
    return { kinds: filter.kinds?.length ? filter.kinds : null, withinPath: unit?.path ?? null, search: textSearchOf(filter.search) };
  }

  find(ctx: RequestContext, query: BodyQuery, seek: Seek): Promise<IdRow[]> {
    return findBodyIds(ctx.em, query, seek);
  }

  count(ctx: RequestContext, query: BodyQuery): Promise<number> {
    return countBodies(ctx.em, query);
  }

  /** True when the viewer is an officer of the body or a province admin. */
  async actsFor(ctx: RequestContext, bodyId: string): Promise<boolean> {
    if (isProvinceAdmin(ctx.actor)) return true;
    return (await this.bodyIdsOf(ctx)).includes(bodyId);
  }

  /** The body, when the viewer acts for it; NotFound or Forbidden otherwise. */
  async assertActsFor(ctx: RequestContext, bodyId: string): Promise<Body> {
    const body = await ctx.em.findOne(Body, { id: bodyId }, { populate: ['unit'] });
    if (!body) throw new NotFoundError('The body');
    if (!(await this.actsFor(ctx, body.id))) throw new ForbiddenError('Only officers of this body act for it');
    return body;
  }

  /** The bodies the viewer is an officer of (none when signed out). */
  async bodyIdsOf(ctx: RequestContext): Promise<string[]> {
    if (!ctx.actor) return [];
    const rows = await ctx.em.execute<{ body_id: string }[]>('select body_id from body_officer where account_id = ?', [ctx.actor.accountId]);
    return rows.map((row) => row.body_id);
  }

  /** Transactional. Records a body (province admins only). */
  async create(ctx: RequestContext, fields: BodyFields): Promise<Body> {
    this.assertKeeper(ctx);
    const checked = await this.check(ctx.em, null, fields);
    const body = ctx.em.create(Body, checked);
    await ctx.em.flush();
    return body;
  }

  /** Transactional. Changes a body's name, abbreviation, kind, unit or superior (province admins only). */
  async update(ctx: RequestContext, id: string, fields: BodyFields): Promise<Body> {
    this.assertKeeper(ctx);
    const body = await ctx.em.findOne(Body, { id });
    if (!body) throw new NotFoundError('The body');
    Object.assign(body, await this.check(ctx.em, body.id, fields));
    await ctx.em.flush();
    return body;
  }

  /** Transactional, idempotent. Makes an account an officer of a body (province admins only). */
  async appointOfficer(ctx: RequestContext, bodyId: string, accountId: string): Promise<BodyOfficer> {
    this.assertKeeper(ctx);
    const body = await ctx.em.findOne(Body, { id: bodyId });
    if (!body) throw new NotFoundError('The body');
    const account = await ctx.em.findOne(Account, { id: accountId });
    if (!account) throw new NotFoundError('The account');
    const existing = await ctx.em.findOne(BodyOfficer, { body, account });
    if (existing) return existing;
    const officer = ctx.em.create(BodyOfficer, { body, account, grantedBy: ctx.actor ? ctx.em.getReference(Account, ctx.actor.accountId) : null });
    await ctx.em.flush();
    return officer;
  }

  /** Transactional, idempotent. An account stops acting for a body; returns the body. */
  async removeOfficer(ctx: RequestContext, bodyId: string, accountId: string): Promise<Body> {
    this.assertKeeper(ctx);
    const body = await ctx.em.findOne(Body, { id: bodyId });
    if (!body) throw new NotFoundError('The body');
    await ctx.em.nativeDelete(BodyOfficer, { body, account: accountId });
    return body;
  }

  /** The officers of several bodies, oldest appointment first. */
  officersOf(em: EntityManager, bodyIds: readonly string[]): Promise<BodyOfficer[]> {
    return em.find(BodyOfficer, { body: { $in: [...bodyIds] } }, { orderBy: { createdAt: 'asc', id: 'asc' } });
  }

  private assertKeeper(ctx: RequestContext): void {
    if (!isProvinceAdmin(ctx.actor)) throw new ForbiddenError('Only a province administrator keeps the list of bodies');
  }

  private async unitOf(em: EntityManager, unitId: string): Promise<AdministrativeUnit> {
    const unit = await em.findOne(AdministrativeUnit, { id: unitId });
    if (!unit) throw new UserInputError('UNKNOWN_UNIT', ['unitId']);
    return unit;
  }

  /** The fields made into a body's, refused with the field at fault when a rule says no. */
  private async check(em: EntityManager, bodyId: string | null, fields: BodyFields): Promise<Pick<Body, 'name' | 'shortName' | 'kind' | 'unit' | 'superior'>> {
    const name = fields.name.trim();
    const shortName = fields.shortName.trim();
    if (!name) throw new UserInputError('REQUIRED', ['name']);
    if (!shortName) throw new UserInputError('REQUIRED', ['shortName']);
    const unit = await this.unitOf(em, fields.unitId);
    const clash = await em.findOne(Body, { unit, name, ...(bodyId ? { id: { $ne: bodyId } } : {}) });
    if (clash) throw new UserInputError('NAME_TAKEN', ['name']);
    const superior = fields.superiorId ? await this.superiorOf(em, bodyId, fields.superiorId) : null;
    return { name, shortName, kind: fields.kind, unit, superior };
  }

  /** The superior, refusing a chain that would come back to the body. */
  private async superiorOf(em: EntityManager, bodyId: string | null, superiorId: string): Promise<Body> {
    const superior = await em.findOne(Body, { id: superiorId });
    if (!superior) throw new UserInputError('UNKNOWN_BODY', ['superiorId']);
    const rows = await em.execute<{ id: string }[]>(
      `with recursive chain as (select id, superior_id from body where id = ? union select b.id, b.superior_id from body b join chain on b.id = chain.superior_id)
       select id from chain`,
      [superior.id],
    );
    if (bodyId && rows.some((row) => row.id === bodyId)) {
      throw new UserInputError('SUPERIOR_CYCLE', ['superiorId']);
    }
    return superior;
  }
}
