import { Arg, Ctx, Field, ID, ObjectType, Query, Resolver, registerEnumType } from 'type-graphql';
import type { RequestContext } from '../core/context';
import { BadInputError } from '../core/errors';
import { fromGlobalId } from './global-id';
import { labelledEnumNames, labelsOf } from '../core/labels';
import { nodeFetcher } from './node-registry';
import { Node } from './relay';

const MAX_NODES = 100;

@ObjectType({ description: 'A value of an enum with its label in the language of the request.' })
export class EnumLabel {
  @Field({ description: 'The enum value, e.g. LIBRARY.' })
  value!: string;

  @Field({ description: 'Label in the language of the request (Vietnamese by default, English with Accept-Language: en).' })
  label!: string;

  @Field({ description: 'Vietnamese label.' })
  vi!: string;

  @Field({ description: 'English label.' })
  en!: string;
}

/** The enums that have labels, named as their types are; kept for the deprecated `labels(enum:)`. */
export const LabelledEnum: Record<string, string> = {};

/** The enums that have labels, in SCREAMING_SNAKE_CASE like every other enum value: INSTITUTION_KIND names InstitutionKind. */
export const LabelledEnumeration: Record<string, string> = {};

/** "TitleRunPhase" → "TITLE_RUN_PHASE". */
function screamingSnake(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();
}

/** Must run after every domain registered its enums (the schema builder calls it). */
let registered = false;
export function registerLabelledEnumList(): void {
  if (registered) return;
  registered = true;
  const valuesConfig: Record<string, { description: string }> = {};
  const deprecatedConfig: Record<string, { description: string }> = {};
  for (const name of labelledEnumNames()) {
    const value = screamingSnake(name);
    LabelledEnumeration[value] = name;
    valuesConfig[value] = { description: `The enum ${name}.` };
    LabelledEnum[name] = name;
    deprecatedConfig[name] = { description: `The enum ${name}; use ${value} of LabelledEnumeration.` };
  }
  registerEnumType(LabelledEnumeration, { name: 'LabelledEnumeration', description: 'An enum whose values have Vietnamese and English labels.', valuesConfig });
  registerEnumType(LabelledEnum, {
    name: 'LabelledEnum',
    description: 'An enum whose values have Vietnamese and English labels, by the name of its type. Deprecated with `labels(enum:)`: use LabelledEnumeration and `labels(of:)`.',
    valuesConfig: deprecatedConfig,
  });
}

async function fetchNodes(ctx: RequestContext, globalIds: string[]): Promise<(object | null)[]> {
  const decoded = globalIds.map((globalId) => fromGlobalId(globalId));
  const byType = new Map<string, number[]>();
  decoded.forEach((id, index) => byType.set(id.typeName, [...(byType.get(id.typeName) ?? []), index]));
  const results: (object | null)[] = globalIds.map(() => null);
  await Promise.all(
    [...byType].map(async ([typeName, indexes]) => {
      const fetch = nodeFetcher(typeName);
      if (!fetch) return;
      const nodes = await fetch(ctx, indexes.map((index) => (decoded[index] as { id: string }).id));
      indexes.forEach((index, position) => (results[index] = nodes[position] ?? null));
    }),
  );
  return results;
}

@Resolver()
export class NodeResolver {
  @Query(() => Node, { nullable: true, description: 'Any object by its global id; null when it does not exist or you may not see it.' })
  async node(@Arg('id', () => ID, { description: 'Global id of the object, as any `id` field answers it.' }) id: string, @Ctx() ctx: RequestContext): Promise<object | null> {
    const [found] = await fetchNodes(ctx, [id]);
    return found ?? null;
  }

  @Query(() => [Node], {
    nullable: 'items',
    description: `Several objects by global id, in the same order (null where missing or hidden); at most ${MAX_NODES}.`,
    complexity: ({ args, childComplexity }) => 1 + (Array.isArray(args.ids) ? Math.min(args.ids.length, MAX_NODES) : 1) * childComplexity,
  })
  async nodes(@Arg('ids', () => [ID], { description: 'Global ids of the objects; the answer lists them in the same order, null where one is not found or not visible.' }) ids: string[], @Ctx() ctx: RequestContext): Promise<(object | null)[]> {
    if (ids.length > MAX_NODES) throw new BadInputError(`ids can have at most ${MAX_NODES} items, got ${ids.length}`);
    return fetchNodes(ctx, ids);
  }

  @Query(() => [EnumLabel], { description: 'Every value of an enum with its labels, for pickers and filters. Name the enum with `of`.' })
  labels(
    @Arg('of', () => LabelledEnumeration, { nullable: true, description: 'The enum whose values to label, e.g. INSTITUTION_KIND.' }) of: string | null,
    @Arg('enum', () => LabelledEnum, { nullable: true, description: 'The enum by its type name, e.g. InstitutionKind.', deprecationReason: 'Use `of`: its values are SCREAMING_SNAKE_CASE like every enum value.' })
    enumName: string | null,
    @Ctx() ctx: RequestContext,
  ): EnumLabel[] {
    const name = of ?? enumName;
    if (!name || (of && enumName && of !== enumName)) throw new BadInputError('labels needs the enum named once, with `of`');
    return (labelsOf(name) ?? []).map(([value, label]) => ({ value, label: label[ctx.locale], vi: label.vi, en: label.en }));
  }
}
