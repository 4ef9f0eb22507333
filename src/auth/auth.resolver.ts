import { Arg, Authorized, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../core/context';
import { idOf } from '../graphql/global-id';
import { runMutation } from '../graphql/user-error';
import { AdministrativeUnitType } from '../catalogue/units/unit.types';
import { InstitutionType } from '../catalogue/institutions/institution.types';
import { institutionById } from '../catalogue/institutions/institution.loaders';
import { provinceToday, unitById } from '../catalogue/units/unit.loaders';
import type { Institution } from '../catalogue/institutions/institution.entity';
import type { AdministrativeUnit } from '../catalogue/units/unit.entity';
import { Account, RoleGrant } from './account.entity';
import { Role } from '../core/roles';
import { accountById, grantsByAccount } from './account.loaders';
import { isProvinceAdmin } from '../core/actor';
import type { Session } from './auth.service';
import {
  AccountType,
  AuthPayload,
  DonePayload,
  GrantRoleInput,
  GrantRolePayload,
  RefreshTokenInput,
  RegisterInput,
  RevokeRoleInput,
  RoleGrantType,
  SignInInput,
} from './auth.types';
import { labelOf } from '../core/labels';
import { registerNode } from '../graphql/node-registry';

registerNode('Account', Account, async (ctx, ids) => {
  const accounts = await accountById(ctx).loadMany(ids);
  return accounts.map((account, index) =>
    account instanceof Account && (isProvinceAdmin(ctx.actor) || ctx.actor?.accountId === ids[index]) ? account : null,
  );
});

/** Accounts just signed in by this request (no token yet): their own payload shows them their own data. */
const signedInByThisRequest = new WeakSet<Account>();

registerNode('RoleGrant', RoleGrant, async (ctx, ids) => {
  const grants = await ctx.em.find(RoleGrant, { id: { $in: ids } });
  const visible = new Map(grants.filter((grant) => ctx.actor?.accountId === grant.account.id || isProvinceAdmin(ctx.actor)).map((grant) => [grant.id, grant]));
  return ids.map((id) => visible.get(id) ?? null);
});

function sessionPayload(outcome: { result: Session | null; errors: AuthPayload['errors'] }): AuthPayload {
  if (outcome.result) signedInByThisRequest.add(outcome.result.account);
  return {
    account: outcome.result?.account ?? null,
    accessToken: outcome.result?.accessToken ?? null,
    accessTokenExpiresAt: outcome.result?.accessTokenExpiresAt ?? null,
    refreshToken: outcome.result?.refreshToken ?? null,
    errors: outcome.errors,
  };
}

@Resolver(() => AccountType)
export class AuthResolver {
  @Query(() => AccountType, { nullable: true, description: 'The signed-in account, or null without a valid token.' })
  async me(@Ctx() ctx: RequestContext): Promise<Account | null> {
    return ctx.actor ? accountById(ctx).load(ctx.actor.accountId) : null;
  }

  @Authorized(Role.ASSESSOR, Role.PROVINCE_ADMIN)
  @Query(() => AccountType, {
    nullable: true,
    description: 'The account with exactly this email address or mobile number, to grant it a role (assessors and province administrators); no partial matches, so accounts cannot be listed.',
  })
  async accountByLogin(@Arg('login', { description: 'Email address or mobile number.' }) login: string, @Ctx() ctx: RequestContext): Promise<Account | null> {
    return ctx.services.auth.findByExactLogin(ctx, login);
  }

  @Mutation(() => AuthPayload, { description: 'Creates a citizen account and signs it in.' })
  async register(@Arg('input') input: RegisterInput, @Ctx() ctx: RequestContext): Promise<AuthPayload> {
    return sessionPayload(await runMutation(ctx, (tx) => ctx.services.auth.register(tx, input)));
  }

  @Mutation(() => AuthPayload, { description: 'Signs in with an email address or a mobile number and a password.' })
  async signIn(@Arg('input') input: SignInInput, @Ctx() ctx: RequestContext): Promise<AuthPayload> {
    return sessionPayload(await runMutation(ctx, (tx) => ctx.services.auth.signIn(tx, input)));
  }

  @Mutation(() => AuthPayload, { description: 'Swaps a refresh token for a new access and refresh token. Each refresh token works once.' })
  async refreshSession(@Arg('input') input: RefreshTokenInput, @Ctx() ctx: RequestContext): Promise<AuthPayload> {
    return sessionPayload(await runMutation(ctx, (tx) => ctx.services.auth.refresh(tx, input.refreshToken)));
  }

  @Mutation(() => DonePayload, { description: 'Revokes a refresh token (signs out on that device).' })
  async signOut(@Arg('input') input: RefreshTokenInput, @Ctx() ctx: RequestContext): Promise<DonePayload> {
    const outcome = await runMutation(ctx, (tx) => ctx.services.auth.signOut(tx, input.refreshToken));
    return { done: outcome.errors.length === 0, errors: outcome.errors };
  }

  @Authorized()
  @Mutation(() => GrantRolePayload, { description: 'Gives an account a role. Province administrators grant any role; assessors grant staff roles for institutions of their area.' })
  async grantRole(@Arg('input') input: GrantRoleInput, @Ctx() ctx: RequestContext): Promise<GrantRolePayload> {
    const outcome = await runMutation(ctx, (tx) =>
      ctx.services.auth.grantRole(tx, {
        accountId: idOf('Account', input.accountId),
        role: input.role,
        institutionId: input.institutionId ? idOf('Institution', input.institutionId) : null,
        unitId: input.unitId ? idOf('AdministrativeUnit', input.unitId) : null,
      }),
    );
    return { grant: outcome.result, errors: outcome.errors };
  }

  @Authorized()
  @Mutation(() => DonePayload, { description: 'Takes a role away from an account, under the same rules as granting it.' })
  async revokeRole(@Arg('input') input: RevokeRoleInput, @Ctx() ctx: RequestContext): Promise<DonePayload> {
    const outcome = await runMutation(ctx, (tx) => ctx.services.auth.revokeRole(tx, idOf('RoleGrant', input.grantId)));
    return { done: outcome.errors.length === 0, errors: outcome.errors };
  }

  @FieldResolver(() => String, { nullable: true, description: 'Email address; visible to the account itself and province administrators.' })
  email(@Root() account: Account, @Ctx() ctx: RequestContext): string | null {
    return canSeeContact(ctx, account) ? account.email : null;
  }

  @FieldResolver(() => String, { nullable: true, description: 'Mobile number; visible to the account itself and province administrators.' })
  phone(@Root() account: Account, @Ctx() ctx: RequestContext): string | null {
    return canSeeContact(ctx, account) ? account.phone : null;
  }

  @FieldResolver(() => [RoleGrantType], { description: 'Roles of the account with their scopes; visible to the account itself and province administrators.' })
  async roles(@Root() account: Account, @Ctx() ctx: RequestContext): Promise<RoleGrant[]> {
    return canSeeContact(ctx, account) ? grantsByAccount(ctx).load(account.id) : [];
  }
}

function canSeeContact(ctx: RequestContext, account: Account): boolean {
  return ctx.actor?.accountId === account.id || isProvinceAdmin(ctx.actor) || signedInByThisRequest.has(account);
}

@Resolver(() => RoleGrantType)
export class RoleGrantResolver {
  @FieldResolver(() => String, { description: 'The role, in the language of the request.' })
  roleLabel(@Root() grant: RoleGrant, @Ctx() ctx: RequestContext): string {
    return labelOf('Role', grant.role, ctx.locale);
  }

  @FieldResolver(() => AccountType, { nullable: true, description: 'The account that has the role.' })
  async account(@Root() grant: RoleGrant, @Ctx() ctx: RequestContext): Promise<Account | null> {
    return accountById(ctx).load(grant.account.id);
  }

  @FieldResolver(() => InstitutionType, { nullable: true, description: 'The institution of a staff role.' })
  async institution(@Root() grant: RoleGrant, @Ctx() ctx: RequestContext): Promise<Institution | null> {
    return grant.institution ? institutionById(ctx).load(grant.institution.id) : null;
  }

  @FieldResolver(() => AdministrativeUnitType, { nullable: true, description: 'The unit whose subtree an assessor role covers; for a province admin role, the province it administers (the one valid today).' })
  async unit(@Root() grant: RoleGrant, @Ctx() ctx: RequestContext): Promise<AdministrativeUnit | null> {
    // A province admin's grant names no unit: the role covers the whole platform, which is the province's.
    if (grant.role === Role.PROVINCE_ADMIN) return provinceToday(ctx);
    return grant.unit ? unitById(ctx).load(grant.unit.id) : null;
  }
}
