import { registerLabelledEnum } from '../graphql/labels';
import { AccountNoticeKind } from './account-notice.entity';

registerLabelledEnum(AccountNoticeKind, 'AccountNoticeKind', 'What a notice to an account\'s owner is about.', {
  [AccountNoticeKind.SIGN_IN_LOCKED]: {
    vi: 'Đăng nhập bị khoá',
    en: 'Sign-in locked',
    description: 'Signing in was locked for a while after too many failed attempts',
  },
});
