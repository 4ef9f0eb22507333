import { registerEnumType } from 'type-graphql';
import { USER_ERROR_CODES, type UserErrorCode } from '../core/user-error-codes';

/**
 * The codes of `UserError` as a GraphQL enum, each value described from the registry, so a front
 * end's generated types can switch over every code exhaustively.
 */
export const UserErrorCodeEnum = Object.fromEntries(Object.keys(USER_ERROR_CODES).map((code) => [code, code])) as { [K in UserErrorCode]: K };

registerEnumType(UserErrorCodeEnum, {
  name: 'UserErrorCode',
  description: 'Why an input was refused; new codes may be added in later versions, so keep a default branch.',
  valuesConfig: Object.fromEntries(Object.entries(USER_ERROR_CODES).map(([code, meaning]) => [code, { description: meaning }])),
});
