import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../core/context';
import { labelOf } from '../../core/labels';
import { SourceHours, TopicHours } from './my-learning.types';

@Resolver(() => TopicHours)
export class TopicHoursResolver {
  @FieldResolver(() => String, { description: 'The topic, in the language of the request.' })
  topicLabel(@Root() row: TopicHours, @Ctx() ctx: RequestContext): string {
    return labelOf('Topic', row.topic, ctx.locale);
  }
}

@Resolver(() => SourceHours)
export class SourceHoursResolver {
  @FieldResolver(() => String, { description: 'The source, in the language of the request.' })
  sourceLabel(@Root() row: SourceHours, @Ctx() ctx: RequestContext): string {
    return labelOf('LogSource', row.source, ctx.locale);
  }
}
