import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { MaxLength } from 'class-validator';
import { Node } from '../graphql/relay';
import { UserError } from '../graphql/user-error';
import { Role } from '../core/roles';
// Registers Role with its labels before the fields below name it.
import './roles.enums';

@ObjectType('Account', { simpleResolvers: true, implements: Node, description: 'A person who signs in: a citizen, staff of an institution or an official.' })
export class AccountType extends Node {
  @Field({ description: 'The name shown to others.' })
  displayName!: string;

  @Field(() => String, { nullable: true, description: 'Email address; visible to the account itself and province administrators.' })
  email!: string | null;

  @Field(() => String, { nullable: true, description: 'Mobile number, 0 followed by 9 digits; visible to the account itself and province administrators.' })
  phone!: string | null;

  @Field({ description: 'When the account was created.' })
  createdAt!: Date;
}

@ObjectType('RoleGrant', { simpleResolvers: true, implements: Node, description: 'One role of an account, with the institution or unit it is limited to.' })
export class RoleGrantType extends Node {
  @Field(() => Role, { description: 'The role.' })
  role!: Role;
}

@InputType({ description: 'A new citizen account.' })
export class RegisterInput {
  @Field({ description: 'Email address or Vietnamese mobile number (0xxxxxxxxx or +84xxxxxxxxx).' })
  @MaxLength(254)
  login!: string;

  @Field({ description: 'At least 8 characters.' })
  @MaxLength(128)
  password!: string;

  @Field({ description: 'The name to show, e.g. "Nguyễn Văn An".' })
  @MaxLength(200)
  displayName!: string;
}

@InputType({ description: 'Credentials to sign in with.' })
export class SignInInput {
  @Field({ description: 'Email address or mobile number.' })
  @MaxLength(254)
  login!: string;

  @Field({ description: 'The password.' })
  @MaxLength(128)
  password!: string;
}

@InputType({ description: 'A refresh token to swap for a new pair, or to revoke.' })
export class RefreshTokenInput {
  @Field({ description: 'The refresh token from the last sign-in or refresh.' })
  @MaxLength(200)
  refreshToken!: string;
}

@InputType({ description: 'A role to give an account.' })
export class GrantRoleInput {
  @Field(() => ID, { description: 'The account.' })
  accountId!: string;

  @Field(() => Role, { description: 'The role.' })
  role!: Role;

  @Field(() => ID, { nullable: true, description: 'The institution, for INSTITUTION_STAFF.' })
  institutionId?: string | null;

  @Field(() => ID, { nullable: true, description: 'The administrative unit whose subtree an ASSESSOR covers.' })
  unitId?: string | null;
}

@InputType({ description: 'A role grant to take away.' })
export class RevokeRoleInput {
  @Field(() => ID, { description: 'The role grant.' })
  grantId!: string;
}

@ObjectType({ simpleResolvers: true, description: 'Tokens of a signed-in session, or the errors that prevented it.' })
export class AuthPayload {
  @Field(() => AccountType, { nullable: true, description: 'The signed-in account.' })
  account!: object | null;

  @Field(() => String, { nullable: true, description: 'Bearer token for the Authorization header; short-lived.' })
  accessToken!: string | null;

  @Field(() => Date, { nullable: true, description: 'When the access token expires; refresh before then.' })
  accessTokenExpiresAt!: Date | null;

  @Field(() => String, { nullable: true, description: 'Swap it for a new pair with `refreshSession`; it works once.' })
  refreshToken!: string | null;

  @Field(() => [UserError], { description: 'Why nothing happened, when something was wrong.' })
  errors!: UserError[];
}

@ObjectType({ simpleResolvers: true, description: 'Result of granting a role.' })
export class GrantRolePayload {
  @Field(() => RoleGrantType, { nullable: true, description: 'The grant (the existing one when it was already there).' })
  grant!: object | null;

  @Field(() => [UserError], { description: 'Why nothing happened, when something was wrong.' })
  errors!: UserError[];
}

@ObjectType({ simpleResolvers: true, description: 'Result of a mutation that returns nothing but errors.' })
export class DonePayload {
  @Field({ description: 'True when the change was made (or was already so).' })
  done!: boolean;

  @Field(() => [UserError], { description: 'Why nothing happened, when something was wrong.' })
  errors!: UserError[];
}
