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

/** Names of the enums that have labels; a GraphQL enum so a client can only ask for real ones. */
export const LabelledEnum: Record<string, string> = {};

/** Must run after every domain registered its enums (the schema builder calls it). */
let registered = false;
export function registerLabelledEnumList(): void {
  if (registered) return;
  registered = true;
  for (const name of labelledEnumNames()) LabelledEnum[name] = name;
  registerEnumType(LabelledEnum, { name: 'LabelledEnum', description: 'An enum whose values have Vietnamese and English labels.' });
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
  async node(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<object | null> {
    const [found] = await fetchNodes(ctx, [id]);
    return found ?? null;
  }

  @Query(() => [Node], {
    nullable: 'items',
    description: `Several objects by global id, in the same order (null where missing or hidden); at most ${MAX_NODES}.`,
    complexity: ({ args, childComplexity }) => 1 + (Array.isArray(args.ids) ? Math.min(args.ids.length, MAX_NODES) : 1) * childComplexity,
  })
  async nodes(@Arg('ids', () => [ID]) ids: string[], @Ctx() ctx: RequestContext): Promise<(object | null)[]> {
    if (ids.length > MAX_NODES) throw new BadInputError(`ids can have at most ${MAX_NODES} items, got ${ids.length}`);
    return fetchNodes(ctx, ids);
  }

  @Query(() => [EnumLabel], { description: 'Every value of an enum with its labels, for pickers and filters.' })
  labels(@Arg('enum', () => LabelledEnum) enumName: string, @Ctx() ctx: RequestContext): EnumLabel[] {
    return (labelsOf(enumName) ?? []).map(([value, label]) => ({ value, label: label[ctx.locale], vi: label.vi, en: label.en }));
  }
}
