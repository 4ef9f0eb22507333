import { ReferenceKind, wrap, type EntityClass, type EntityManager, type EntityMetadata, type Primary } from '@mikro-orm/postgresql';

interface ColumnRead {
  property: string;
  column: string;
  convert: (em: EntityManager, value: unknown) => unknown;
}

/**
 * Entities made from raw rows for reading only: the catalogue's lists and by-id loaders, whose
 * entities GraphQL reads and nothing changes. `em.map` (and `em.find`) merge each row into the
 * unit of work — a snapshot for change tracking, a registered reference per relation, accessors
 * defined on each instance — which took a third of the API's CPU time in list requests.
 *
 * An instance made here is of the entity's class (`instanceof` and node types work) with its
 * properties as plain values, but it is not managed: never persist, flush or assign it to a
 * managed entity. When the request's EntityManager already manages the entity of a row, that
 * entity is used instead, so one request never holds two versions of a row it may change.
 */
export class ReadOnlyEntities<T extends { id: string }> {
  private static readonly byEntity = new Map<Function, ReadOnlyEntities<{ id: string }>>();

  /** The read-only instances of an entity class (one prototype per class, shared by every query). */
  static of<T extends { id: string }>(entity: EntityClass<T>): ReadOnlyEntities<T> {
    let entities = ReadOnlyEntities.byEntity.get(entity);
    if (!entities) {
      entities = new ReadOnlyEntities(entity);
      ReadOnlyEntities.byEntity.set(entity, entities);
    }
    return entities as unknown as ReadOnlyEntities<T>;
  }

  private prototype: T | null = null;

  private constructor(private readonly entity: EntityClass<T>) {}

  private columnsRead: ColumnRead[] | null = null;

  /**
   * The columns an instance is made from: its scalar and many-to-one properties, not the generated
   * ones only SQL reads. With a `prefix`, each is selected as prefix + column, so that the columns
   * of a joined table do not clash with those of the main one; read them back with the same prefix.
   */
  columns(em: EntityManager, alias: string, prefix = ''): string {
    return this.columnReads(em)
      .map((read) => (prefix ? `${alias}.${read.column} as ${prefix}${read.column}` : `${alias}.${read.column}`))
      .join(', ');
  }

  /** The managed entity of the row's id, when `em` has it loaded; else a new read-only instance of the row (its columns under `prefix`). */
  fromRow(em: EntityManager, row: Record<string, unknown>, prefix = ''): T {
    const id = String(row[`${prefix}id`]);
    const managed = em.getUnitOfWork().getById<T>(this.entity.name, id as Primary<T>);
    if (managed && wrap(managed, true).isInitialized()) return managed;
    const instance = Object.create(this.readOnlyPrototype()) as Record<string, unknown>;
    for (const read of this.columnReads(em)) instance[read.property] = read.convert(em, row[`${prefix}${read.column}`]);
    return instance as T;
  }

  /** How each property is read from its column, from the entity's metadata (once per class). */
  private columnReads(em: EntityManager): ColumnRead[] {
    if (!this.columnsRead) {
      const platform = em.getPlatform();
      const meta = em.getMetadata().get(this.entity.name);
      this.columnsRead = meta.props
        .filter((prop) => (prop.kind === ReferenceKind.SCALAR || prop.kind === ReferenceKind.MANY_TO_ONE) && !prop.generated && prop.persist !== false)
        .map((prop): ColumnRead => {
          const column = prop.fieldNames[0] as string;
          if (prop.kind === ReferenceKind.MANY_TO_ONE) {
            const target = ReadOnlyEntities.of((prop.targetMeta as EntityMetadata<{ id: string }>).class);
            return { property: prop.name, column, convert: (em, value) => (value === null ? null : target.reference(em, String(value))) };
          }
          const customType = prop.customType;
          // The driver returns timestamps and decimals as text; the entities hold Dates and numbers.
          if (customType) return { property: prop.name, column, convert: (_em, value) => (value === null ? null : customType.convertToJSValue(value, platform)) };
          if (prop.runtimeType === 'Date') return { property: prop.name, column, convert: (_em, value) => (value === null ? null : platform.parseDate(value as string)) };
          return { property: prop.name, column, convert: (_em, value) => value };
        });
    }
    return this.columnsRead;
  }

  /** A reference to the entity of this id, as MikroORM gives for a relation not loaded: only the id is set. */
  reference(em: EntityManager, id: string): T {
    const managed = em.getUnitOfWork().getById<T>(this.entity.name, id as Primary<T>);
    if (managed) return managed;
    const instance = Object.create(this.readOnlyPrototype()) as T;
    instance.id = id;
    return instance;
  }

  /**
   * The prototype of the instances: the entity's prototype, under a layer of plain writable
   * properties that shadows the accessors MikroORM defines on it (for change tracking of managed
   * entities), so setting a property of an instance just sets it. Made at first use, once
   * MikroORM has defined them.
   */
  private readOnlyPrototype(): T {
    if (!this.prototype) {
      const shadows: PropertyDescriptorMap = {};
      for (const name of Object.getOwnPropertyNames(this.entity.prototype)) {
        const descriptor = Object.getOwnPropertyDescriptor(this.entity.prototype, name);
        if (!name.startsWith('__') && (descriptor?.get || descriptor?.set)) shadows[name] = { value: undefined, writable: true, enumerable: false, configurable: true };
      }
      this.prototype = Object.create(this.entity.prototype, shadows) as T;
    }
    return this.prototype;
  }
}
