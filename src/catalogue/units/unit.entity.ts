import { Entity, Enum, Index, ManyToOne, Property } from '@mikro-orm/core';
import { BaseEntity } from '../../infra/base.entity';
import { UnitLevel } from '../catalogue.enums';

/**
 * A province, district, commune or hamlet. Codes are reused across the 2025 reform, so a unit is
 * identified by its code and its validity period together, never by the code alone.
 */
@Entity({ tableName: 'administrative_unit' })
@Index({ properties: ['code'] })
@Index({ name: 'administrative_unit_path_index', expression: 'create index "administrative_unit_path_index" on "administrative_unit" ("path" text_pattern_ops)' })
@Index({ name: 'administrative_unit_search_index', expression: 'create index "administrative_unit_search_index" on "administrative_unit" using gin ("search_text" gin_trgm_ops)' })
export class AdministrativeUnit extends BaseEntity<'parent' | 'validFrom' | 'validTo' | 'successor' | 'successorCode' | 'disadvantaged' | 'searchText'> {
  @Property({ type: 'string', length: 32 })
  code!: string;

  @Property({ type: 'string', length: 200 })
  name!: string;

  @Enum({ items: () => UnitLevel })
  level!: UnitLevel;

  @ManyToOne(() => AdministrativeUnit, { nullable: true })
  parent: AdministrativeUnit | null = null;

  /** `/rootId/…/ownId/`: a unit's subtree is every unit whose path starts with its own. */
  @Property({ type: 'text' })
  path!: string;

  @Property({ type: 'string', columnType: 'date', nullable: true })
  validFrom: string | null = null;

  @Property({ type: 'string', columnType: 'date', nullable: true })
  validTo: string | null = null;

  /** The unit that took this one over; resolved from `successorCode` once that unit is known. */
  @ManyToOne(() => AdministrativeUnit, { nullable: true })
  successor: AdministrativeUnit | null = null;

  @Property({ type: 'string', length: 32, nullable: true })
  successorCode: string | null = null;

  /** Remote, especially difficult or ethnic-minority area: lowers the Learning Citizen threshold. */
  @Property({ type: 'boolean', default: false })
  disadvantaged: boolean = false;

  @Property({ type: 'text', generated: '(immutable_unaccent(lower(name))) stored', hidden: true })
  searchText?: string;
}
