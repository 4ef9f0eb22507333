import type { RequestContext } from '../core/context';
import { newestFirstPage, type Seek } from '../infra/keyset';
import { Account } from './account.entity';
import { AccountNotice, AccountNoticeKind } from './account-notice.entity';

export interface SignInLockNotice {
  accountId: string;
  failedAttempts: number;
  clientAddress: string | null;
  lockedUntil: Date;
}

/** What the platform tells an account's owner about their account. */
export class AccountNoticeService {
  /**
   * Records that signing in to an account was locked. Written on a fork of its own, outside the
   * caller's transaction, because the failed sign-in that starts the lock rolls that one back.
   */
  async recordSignInLock(ctx: RequestContext, notice: SignInLockNotice): Promise<void> {
    const em = ctx.em.fork();
    em.create(AccountNotice, {
      account: em.getReference(Account, notice.accountId),
      kind: AccountNoticeKind.SIGN_IN_LOCKED,
      failedAttempts: notice.failedAttempts,
      clientAddress: notice.clientAddress,
      lockedUntil: notice.lockedUntil,
    });
    await em.flush();
  }

  /** One keyset page of an account's notices, newest first. */
  async page(ctx: RequestContext, accountId: string, seek: Seek): Promise<AccountNotice[]> {
    const page = newestFirstPage(seek);
    return page.inListOrder(await ctx.em.find(AccountNotice, { account: accountId, ...page.where }, { orderBy: page.orderBy, limit: seek.limit }));
  }

  count(ctx: RequestContext, accountId: string): Promise<number> {
    return ctx.em.count(AccountNotice, { account: accountId });
  }
}
