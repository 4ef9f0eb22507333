import { Check, Entity, Enum, Index, ManyToOne, Property } from '@mikro-orm/core';
import { BaseEntity } from '../../infra/base.entity';
import { AccessibilityFeature, InstitutionKind, InstitutionStatus } from '../catalogue.enums';
import { AdministrativeUnit } from '../units/unit.entity';

@Entity({ tableName: 'institution' })
@Index({ properties: ['unit'] })
@Index({ name: 'institution_search_index', expression: 'create index "institution_search_index" on "institution" using gin ("search_text" gin_trgm_ops)' })
@Index({ name: 'institution_earth_point_index', expression: 'create index "institution_earth_point_index" on "institution" using gist ("earth_point")' })
@Index({ name: 'institution_name_order_index', expression: 'create index "institution_name_order_index" on "institution" ("name", "id")' })
@Check({ name: 'institution_location_pair', expression: '(latitude is null) = (longitude is null)' })
@Check({ name: 'institution_location_range', expression: 'latitude >= -90::double precision and latitude <= 90::double precision and longitude >= -180::double precision and longitude <= 180::double precision' })
export class Institution extends BaseEntity<
  'description' | 'address' | 'latitude' | 'longitude' | 'openingHours' | 'phone' | 'email' | 'website' | 'accessibility' | 'status' | 'searchText' | 'earthPoint'
> {
  @Property({ type: 'string', length: 300 })
  name!: string;

  @Enum({ items: () => InstitutionKind })
  kind!: InstitutionKind;

  @Property({ type: 'text', nullable: true })
  description: string | null = null;

  @Property({ type: 'string', length: 500, nullable: true })
  address: string | null = null;

  @ManyToOne(() => AdministrativeUnit)
  unit!: AdministrativeUnit;

  @Property({ type: 'double', nullable: true })
  latitude: number | null = null;

  @Property({ type: 'double', nullable: true })
  longitude: number | null = null;

  /** Free text as the institution writes it ("Thứ 2 – Thứ 6: 7:30–17:00"). */
  @Property({ type: 'string', length: 1000, nullable: true })
  openingHours: string | null = null;

  @Property({ type: 'string', length: 32, nullable: true })
  phone: string | null = null;

  @Property({ type: 'string', length: 254, nullable: true })
  email: string | null = null;

  @Property({ type: 'string', length: 500, nullable: true })
  website: string | null = null;

  @Enum({ items: () => AccessibilityFeature, array: true, default: [] })
  accessibility: AccessibilityFeature[] = [];

  @Enum({ items: () => InstitutionStatus, default: InstitutionStatus.ACTIVE })
  status: InstitutionStatus = InstitutionStatus.ACTIVE;

  @Property({
    type: 'text',
    generated: "(immutable_unaccent(lower(name || ' ' || coalesce(address, ''::character varying) || ' ' || coalesce(description, '')))) stored",
    hidden: true,
  })
  searchText?: string;

  /**
   * The location as earthdistance's point (`ll_to_earth`), stored so that radius queries read it
   * instead of computing it for every candidate row; null without a location. Lazy: only the
   * catalogue's geographic SQL (geo.ts) reads it.
   */
  @Property({
    type: 'string',
    columnType: 'cube',
    generated: '(ll_to_earth(latitude, longitude)) stored',
    nullable: true,
    lazy: true,
    hidden: true,
  })
  earthPoint?: string | null;
}
