import { Entity, Enum, Index, ManyToOne, Property } from '@mikro-orm/core';
import { BaseEntity } from '../../infra/base.entity';
import { Audience, ProgrammeFormat, ProgrammeKind, ProgrammeStatus, Topic } from '../catalogue.enums';
import { Institution } from '../institutions/institution.entity';

@Entity({ tableName: 'programme' })
@Index({ properties: ['institution', 'status'] })
@Index({ name: 'programme_search_index', expression: 'create index "programme_search_index" on "programme" using gin ("search_text" gin_trgm_ops)' })
@Index({ name: 'programme_topics_index', expression: 'create index "programme_topics_index" on "programme" using gin ("topics")' })
export class Programme extends BaseEntity<
  'description' | 'audiences' | 'language' | 'feeVnd' | 'status' | 'publishedAt' | 'cancelledAt' | 'cancellationReason' | 'searchText'
> {
  @ManyToOne(() => Institution)
  institution!: Institution;

  @Property({ type: 'string', length: 300 })
  title!: string;

  @Property({ type: 'text', nullable: true })
  description: string | null = null;

  @Enum({ items: () => ProgrammeKind })
  kind!: ProgrammeKind;

  @Enum({ items: () => Topic, array: true })
  topics!: Topic[];

  @Enum({ items: () => Audience, array: true, default: [] })
  audiences: Audience[] = [];

  @Enum({ items: () => ProgrammeFormat })
  format!: ProgrammeFormat;

  /** BCP 47 language tag of the teaching language. */
  @Property({ type: 'string', length: 16, default: 'vi' })
  language: string = 'vi';

  /** Fee in Vietnamese đồng; 0 is free. */
  @Property({ type: 'integer', default: 0 })
  feeVnd: number = 0;

  @Enum({ items: () => ProgrammeStatus, default: ProgrammeStatus.DRAFT })
  status: ProgrammeStatus = ProgrammeStatus.DRAFT;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  publishedAt: Date | null = null;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  cancelledAt: Date | null = null;

  @Property({ type: 'string', length: 1000, nullable: true })
  cancellationReason: string | null = null;

  @Property({
    type: 'text',
    generated: "(immutable_unaccent(lower(title || ' ' || coalesce(description, '')))) stored",
    hidden: true,
  })
  searchText?: string;
}
