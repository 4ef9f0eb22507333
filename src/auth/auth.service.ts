import bcrypt from 'bcryptjs';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Config } from '../core/config';
import type { RequestContext } from '../core/context';
import { BadInputError, ForbiddenError, NotFoundError, UserInputError } from '../core/errors';
import { AdministrativeUnit } from '../catalogue/units/unit.entity';
import { COMMUNITY_LEARNING_CENTRE_KINDS } from '../catalogue/catalogue.enums';
import { pgArray } from '../infra/sql';
import { Institution } from '../catalogue/institutions/institution.entity';
import { Account, RefreshToken, RoleGrant } from './account.entity';
import type { Actor, RoleScope } from '../core/actor';
import { governsUnit, isProvinceAdmin } from '../core/actor';
import { checkPasswordStrength, parseLogin, type Login } from './credentials';
import { Role } from '../core/roles';
import { hashOpaqueToken, newOpaqueToken, signAccessToken, verifyAccessToken } from './tokens';
import type { SignInGuard } from './sign-in-limits';
import type { AccountNoticeService } from './account-notice.service';

export interface RegisterInput {
  login: string;
  password: string;
  displayName: string;
}

export interface SignInInput {
  login: string;
  password: string;
}

export interface GrantRoleInput {
  accountId: string;
  role: Role;
  institutionId: string | null;
  unitId: string | null;
}

export interface Session {
  account: Account;
  accessToken: string;
  accessTokenExpiresAt: Date;
  refreshToken: string;
}

export class AuthService {
  /** Compared against when no account matches, so a wrong login takes as long as a wrong password: made at the cost of real hashes. */
  private unusedHash: Promise<string> | null = null;

  constructor(
    private readonly config: Config,
    private readonly signInGuard: SignInGuard,
    private readonly notices: AccountNoticeService,
  ) {}

  /** Transactional. Creates a citizen account; a login already taken is a UserError. */
  async register(ctx: RequestContext, input: RegisterInput): Promise<Session> {
    const account = await this.createCheckedAccount(ctx.em, input, Role.CITIZEN);
    return this.openSession(ctx.em, account);
  }

  /**
   * Transactional. Signs in with email or phone; the same answers whether the login or the
   * password is wrong, and the same limits on failures (SignInGuard) whether the login exists or not.
   * The failure that locks an existing account leaves a notice for its owner.
   */
  async signIn(ctx: RequestContext, input: SignInInput): Promise<Session> {
    const login = parseLogin(input.login, ['login']);
    const attempt = await this.signInGuard.begin(login, ctx.clientAddress ?? null);
    const account = await this.findByLogin(ctx.em, login);
    const matches = await bcrypt.compare(input.password, account?.passwordHash ?? (await this.hashComparedWithoutAccount()));
    if (!account || !matches || account.disabledAt) {
      const lock = account ? this.signInGuard.lockStartedBy(attempt, ctx.now) : null;
      if (account && lock) await this.notices.recordSignInLock(ctx, { accountId: account.id, clientAddress: attempt.address, ...lock });
      throw new UserInputError('INVALID_CREDENTIALS', ['password']);
    }
    await this.signInGuard.succeeded(attempt);
    return this.openSession(ctx.em, account);
  }

  /**
   * Transactional. Swaps a refresh token for a new pair. A token used twice means it leaked: every
   * refresh token of the account is revoked and the person signs in again.
   */
  async refresh(ctx: RequestContext, token: string): Promise<Session> {
    const stored = await ctx.em.findOne(RefreshToken, { tokenHash: hashOpaqueToken(token) }, { populate: ['account'] });
    if (!stored || stored.expiresAt <= new Date() || stored.account.disabledAt) {
      throw new UserInputError('INVALID_REFRESH_TOKEN', ['refreshToken']);
    }
    if (stored.revokedAt) {
      // On a fork, outside the mutation's transaction: the error below rolls that transaction back.
      await ctx.em.fork().nativeUpdate(RefreshToken, { account: stored.account.id, revokedAt: null }, { revokedAt: new Date() });
      throw new UserInputError('INVALID_REFRESH_TOKEN', ['refreshToken']);
    }
    stored.revokedAt = new Date();
    return this.openSession(ctx.em, stored.account);
  }

  /** Transactional, idempotent. Revokes one refresh token. */
  async signOut(ctx: RequestContext, token: string): Promise<void> {
    await ctx.em.nativeUpdate(RefreshToken, { tokenHash: hashOpaqueToken(token), revokedAt: null }, { revokedAt: new Date() });
  }

  /** The account a valid access token names, without asking the database whether it still may act. */
  accountIdFromToken(token: string | null): string | null {
    return token ? verifyAccessToken(this.config.jwtSecret, token) : null;
  }

  /** The actor of an account with its grants fresh from the database, or null for a missing or disabled account. */
  async loadActor(em: EntityManager, accountId: string): Promise<Actor | null> {
    const rows: { role: Role | null; institution_id: string | null; unit_id: string | null; path: string | null; centre_path: string | null }[] = await em.execute(
      `select g.role, g.institution_id, g.unit_id, u.path, cu.path as centre_path
         from account a
         left join role_grant g on g.account_id = a.id
         left join administrative_unit u on u.id = g.unit_id
         left join institution i on i.id = g.institution_id and i.kind = any(?::text[])
         left join administrative_unit cu on cu.id = i.unit_id
        where a.id = ? and a.disabled_at is null`,
      [pgArray(COMMUNITY_LEARNING_CENTRE_KINDS), accountId],
    );
    if (!rows.length) return null;
    const grants: RoleScope[] = rows
      .filter((row) => row.role !== null)
      .map((row) => ({ role: row.role as Role, institutionId: row.institution_id, unitId: row.unit_id, unitPath: row.path, centreUnitPath: row.centre_path }));
    return { accountId, grants };
  }

  /**
   * Transactional, idempotent. Gives an account a role with its scope. Province admins grant any
   * role; assessors grant staff roles for institutions of their subtree.
   */
  async grantRole(ctx: RequestContext, input: GrantRoleInput): Promise<RoleGrant> {
    const account = await ctx.em.findOne(Account, { id: input.accountId });
    if (!account) throw new NotFoundError('The account');
    const scope = await this.resolveScope(ctx, input);
    const existing = await ctx.em.findOne(RoleGrant, { account, role: input.role, institution: scope.institution, unit: scope.unit });
    if (existing) return existing;
    const grant = ctx.em.create(RoleGrant, {
      account,
      role: input.role,
      institution: scope.institution,
      unit: scope.unit,
      grantedBy: ctx.em.getReference(Account, ctx.actor?.accountId ?? account.id),
    });
    await ctx.em.flush();
    return grant;
  }

  /** Transactional, idempotent. Takes a role grant away, under the same rules as granting it. */
  async revokeRole(ctx: RequestContext, grantId: string): Promise<void> {
    const grant = await ctx.em.findOne(RoleGrant, { id: grantId });
    if (!grant) return;
    await this.resolveScope(ctx, {
      accountId: grant.account.id,
      role: grant.role,
      institutionId: grant.institution?.id ?? null,
      unitId: grant.unit?.id ?? null,
    });
    await ctx.em.removeAndFlush(grant);
  }

  /** Idempotent. Deletes refresh tokens expired or revoked more than a week ago; returns how many. */
  async purgeRefreshTokens(em: EntityManager, now: Date): Promise<number> {
    const cutoff = new Date(now.getTime() - 7 * 86_400_000);
    return em.nativeDelete(RefreshToken, { $or: [{ expiresAt: { $lt: cutoff } }, { revokedAt: { $lt: cutoff } }] });
  }

  /** The account with exactly this email or phone number: how an official finds whom to grant a role. */
  async findByExactLogin(ctx: RequestContext, login: string): Promise<Account | null> {
    let parsed: Login;
    try {
      parsed = parseLogin(login, ['login']);
    } catch (error) {
      if (error instanceof UserInputError) throw new BadInputError(error.message);
      throw error;
    }
    return this.findByLogin(ctx.em, parsed);
  }

  /** The staff grants of several institutions, oldest first. */
  async staffGrantsOf(em: EntityManager, institutionIds: readonly string[]): Promise<RoleGrant[]> {
    return em.find(RoleGrant, { institution: { $in: [...institutionIds] }, role: Role.INSTITUTION_STAFF }, { orderBy: { createdAt: 'asc', id: 'asc' } });
  }

  async grantsOf(em: EntityManager, accountIds: readonly string[]): Promise<RoleGrant[]> {
    return em.find(RoleGrant, { account: { $in: [...accountIds] } }, { orderBy: { createdAt: 'asc' } });
  }

  /** Creates a province administrator (the CLI's first account); refuses a login already taken. */
  createProvinceAdmin(em: EntityManager, input: RegisterInput): Promise<Account> {
    return this.createCheckedAccount(em, input, Role.PROVINCE_ADMIN);
  }

  /** The checks a new account passes, whoever creates it: a valid login not yet taken, a strong password, a name. */
  private async createCheckedAccount(em: EntityManager, input: RegisterInput, role: Role): Promise<Account> {
    const login = parseLogin(input.login, ['login']);
    checkPasswordStrength(input.password, ['password']);
    const displayName = input.displayName.trim();
    if (!displayName) throw new UserInputError('REQUIRED', ['displayName']);
    if (await this.findByLogin(em, login)) {
      throw new UserInputError('LOGIN_TAKEN', ['login']);
    }
    return this.createAccount(em, login, input.password, displayName, role);
  }

  async createAccount(em: EntityManager, login: Login, password: string, displayName: string, role: Role): Promise<Account> {
    const account = em.create(Account, {
      email: login.email,
      phone: login.phone,
      displayName,
      passwordHash: await bcrypt.hash(password, this.config.passwordHashCost),
    });
    em.create(RoleGrant, { account, role });
    await em.flush();
    return account;
  }

  private async resolveScope(
    ctx: RequestContext,
    input: GrantRoleInput,
  ): Promise<{ institution: Institution | null; unit: AdministrativeUnit | null }> {
    switch (input.role) {
      case Role.INSTITUTION_STAFF: {
        if (!input.institutionId) throw new UserInputError('SCOPE_REQUIRED', ['institutionId']);
        const institution = await ctx.em.findOne(Institution, { id: input.institutionId }, { populate: ['unit'] });
        if (!institution) throw new NotFoundError('The institution');
        if (!governsUnit(ctx.actor, institution.unit.path)) throw new ForbiddenError('You may grant roles only for institutions of your area');
        return { institution, unit: null };
      }
      case Role.ASSESSOR: {
        if (!input.unitId) throw new UserInputError('SCOPE_REQUIRED', ['unitId']);
        if (!isProvinceAdmin(ctx.actor)) throw new ForbiddenError('Only a province administrator grants assessor roles');
        const unit = await ctx.em.findOne(AdministrativeUnit, { id: input.unitId });
        if (!unit) throw new NotFoundError('The administrative unit');
        return { institution: null, unit };
      }
      case Role.CITIZEN:
      case Role.PROVINCE_ADMIN:
      case Role.EDUCATION_DEPARTMENT:
      case Role.HOME_AFFAIRS_DEPARTMENT:
        if (!isProvinceAdmin(ctx.actor)) throw new ForbiddenError('Only a province administrator grants this role');
        return { institution: null, unit: null };
    }
  }

  private hashComparedWithoutAccount(): Promise<string> {
    this.unusedHash ??= bcrypt.hash(newOpaqueToken().token, this.config.passwordHashCost);
    return this.unusedHash;
  }

  private findByLogin(em: EntityManager, login: Login): Promise<Account | null> {
    return em.findOne(Account, login.email ? { email: login.email } : { phone: login.phone });
  }

  private async openSession(em: EntityManager, account: Account): Promise<Session> {
    const refresh = newOpaqueToken();
    const expiresAt = new Date(Date.now() + this.config.refreshTokenTtlDays * 86_400_000);
    em.create(RefreshToken, { account, tokenHash: refresh.hash, expiresAt });
    await em.flush();
    return {
      account,
      accessToken: signAccessToken(this.config.jwtSecret, account.id, this.config.accessTokenTtlSeconds),
      accessTokenExpiresAt: new Date(Date.now() + this.config.accessTokenTtlSeconds * 1000),
      refreshToken: refresh.token,
    };
  }
}
