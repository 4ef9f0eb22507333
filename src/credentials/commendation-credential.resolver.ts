import { Arg, Authorized, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../core/context';
import type { Nomination } from '../emulation/nominations/nomination.entity';
import { NominationType } from '../emulation/nominations/nomination.types';
import { idOf } from '../graphql/global-id';
import { runMutation } from '../graphql/user-error';
import type { AwardCredential } from './award-credential.entity';
import { AwardCredentialType, IssueCommendationCredentialInput, IssueCommendationCredentialPayload } from './credential.types';

/** The credential loader per nomination, for `Nomination.credentials`: one statement for a page of nominations. */
function credentialsOfNomination(ctx: RequestContext) {
  return ctx.loaders.get<Nomination, AwardCredential[]>('awardCredential.ofNomination', async (nominations) => {
    const credentials = await ctx.services.credentials.issuance.ofCommendations(ctx, nominations);
    return nominations.map((nomination) => credentials.filter((credential) => credential.nomination?.id === nomination.id));
  });
}

@Resolver(() => NominationType)
export class CommendationCredentialResolver {
  @Authorized()
  @Mutation(() => IssueCommendationCredentialPayload, { description: 'Issues a decided commendation as an Open Badges 3.0 credential signed by the body that gave it (the Chairman\'s certificate by the province\'s People\'s Committee, a Giấy khen by the body that proposed it); returns the one already issued with the body\'s active key. Forms the Prime Minister or a ministry decides are not issued here. For the holder and whoever reads the nomination.' })
  async issueCommendationCredential(@Arg('input') input: IssueCommendationCredentialInput, @Ctx() ctx: RequestContext): Promise<IssueCommendationCredentialPayload> {
    const nominationId = idOf('Nomination', input.nominationId);
    const outcome = await runMutation(ctx, (tx) => ctx.services.credentials.issuance.issueCommendation(tx, nominationId));
    return { credential: outcome.result, errors: outcome.errors };
  }

  @FieldResolver(() => [AwardCredentialType], { description: 'The credentials issued for the decided commendation, newest first (a new one after each key rotation): for the holder and the nomination\'s readers; empty for anyone else.' })
  credentials(@Root() nomination: Nomination, @Ctx() ctx: RequestContext): Promise<AwardCredential[]> {
    return credentialsOfNomination(ctx).load(nomination);
  }
}
