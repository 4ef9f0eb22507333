/** What an account may do, and over what (its scope); labelled for GraphQL in auth/roles.enums.ts. */
export enum Role {
  CITIZEN = 'CITIZEN',
  INSTITUTION_STAFF = 'INSTITUTION_STAFF',
  ASSESSOR = 'ASSESSOR',
  PROVINCE_ADMIN = 'PROVINCE_ADMIN',
  EDUCATION_DEPARTMENT = 'EDUCATION_DEPARTMENT',
  HOME_AFFAIRS_DEPARTMENT = 'HOME_AFFAIRS_DEPARTMENT',
}
