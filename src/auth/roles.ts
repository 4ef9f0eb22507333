import { registerLabelledEnum } from '../graphql/labels';

export enum Role {
  Citizen = 'CITIZEN',
  InstitutionStaff = 'INSTITUTION_STAFF',
  Assessor = 'ASSESSOR',
  ProvinceAdmin = 'PROVINCE_ADMIN',
}

registerLabelledEnum(Role, 'Role', 'What an account may do, and over what (its scope).', {
  [Role.Citizen]: { vi: 'Công dân', en: 'Citizen', description: 'A citizen: their own learning record' },
  [Role.InstitutionStaff]: { vi: 'Cán bộ thiết chế', en: 'Institution staff', description: 'Staff of one institution: its programmes, sessions and resources' },
  [Role.Assessor]: { vi: 'Cán bộ đánh giá', en: 'Assessor', description: 'An official of an administrative unit and everything under it' },
  [Role.ProvinceAdmin]: { vi: 'Quản trị cấp tỉnh', en: 'Province administrator', description: 'The province: units, rulesets, everything' },
});
