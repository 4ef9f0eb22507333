import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../core/context';
import { labelOf } from '../core/labels';
import type { Locale } from '../core/locale';
import { VIETNAM_OFFSET_MS } from '../core/time';
import { registerNode } from '../graphql/node-registry';
import { keysetConnection, PageArgs, type Connection } from '../graphql/relay';
import type { Account } from './account.entity';
import { AccountNotice, AccountNoticeKind } from './account-notice.entity';
import { AccountNoticeConnection, AccountNoticeType } from './account-notice.types';
import { AccountType } from './auth.types';

registerNode('AccountNotice', AccountNotice, async (ctx, ids) => {
  const accountId = ctx.actor?.accountId;
  if (!accountId) return ids.map(() => null);
  const notices = new Map((await ctx.em.find(AccountNotice, { id: { $in: ids }, account: accountId })).map((notice) => [notice.id, notice]));
  return ids.map((id) => notices.get(id) ?? null);
});

@Resolver(() => AccountType)
export class AccountNoticesResolver {
  @FieldResolver(() => AccountNoticeConnection, {
    nullable: true,
    description: 'What the platform told the owner about the account (locks of signing in), newest first; null for anyone but the owner.',
  })
  async notices(@Root() account: Account, @Args() page: PageArgs, @Ctx() ctx: RequestContext): Promise<Connection<AccountNotice> | null> {
    if (ctx.actor?.accountId !== account.id) return null;
    return keysetConnection({
      args: page,
      codec: ctx.services.cursors,
      scope: 'accountNotices',
      fetch: (seek) => ctx.services.accountNotices.page(ctx, account.id, seek),
      keyOf: (notice) => [notice.createdAt.toISOString(), notice.id],
      edge: (notice, cursor) => ({ cursor, node: notice }),
      count: () => ctx.services.accountNotices.count(ctx, account.id),
    });
  }
}

@Resolver(() => AccountNoticeType)
export class AccountNoticeResolver {
  @FieldResolver(() => String, { description: 'What the notice is about, in the language of the request.' })
  kindLabel(@Root() notice: AccountNotice, @Ctx() ctx: RequestContext): string {
    return labelOf('AccountNoticeKind', notice.kind, ctx.locale);
  }

  @FieldResolver(() => String, { description: 'The notice in words, in the language of the request; times in Vietnam time.' })
  message(@Root() notice: AccountNotice, @Ctx() ctx: RequestContext): string {
    switch (notice.kind) {
      case AccountNoticeKind.SIGN_IN_LOCKED:
        return signInLockedMessage(notice, ctx.locale);
    }
  }
}

function signInLockedMessage(notice: AccountNotice, locale: Locale): string {
  const at = vietnamTime(notice.createdAt);
  const until = vietnamTime(notice.lockedUntil);
  if (locale === 'vi') {
    const from = notice.clientAddress ? ` từ địa chỉ ${notice.clientAddress}` : '';
    return `Đăng nhập vào tài khoản của bạn đã bị khoá lúc ${at} (giờ Việt Nam) sau ${notice.failedAttempts} lần thử sai${from}; đăng nhập lại được từ ${until}.`;
  }
  const from = notice.clientAddress ? ` from ${notice.clientAddress}` : '';
  return `Sign-in to your account was locked at ${at} (Vietnam time) after ${notice.failedAttempts} failed attempts${from}; signing in works again from ${until}.`;
}

/** `2026-12-06 04:30`, in Asia/Ho_Chi_Minh. */
function vietnamTime(date: Date): string {
  const iso = new Date(date.getTime() + VIETNAM_OFFSET_MS).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
}
