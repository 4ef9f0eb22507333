import { Role } from '../core/roles';
import { registerLabelledEnum } from '../graphql/labels';

registerLabelledEnum(Role, 'Role', 'What an account may do, and over what (its scope).', {
  [Role.CITIZEN]: { vi: 'Công dân', en: 'Citizen', description: 'A citizen: their own learning record' },
  [Role.INSTITUTION_STAFF]: { vi: 'Cán bộ thiết chế', en: 'Institution staff', description: 'Staff of one institution: its programmes, sessions and resources' },
  [Role.ASSESSOR]: { vi: 'Cán bộ đánh giá', en: 'Assessor', description: 'An official of an administrative unit and everything under it' },
  [Role.PROVINCE_ADMIN]: { vi: 'Quản trị cấp tỉnh', en: 'Province administrator', description: 'The province: units, rulesets, everything' },
  [Role.EDUCATION_DEPARTMENT]: { vi: 'Sở Giáo dục và Đào tạo', en: 'Department of Education and Training', description: 'Province-wide: receives, accepts and returns the bodies’ reports; consolidates commendation proposals' },
  [Role.HOME_AFFAIRS_DEPARTMENT]: { vi: 'Sở Nội vụ (Ban Thi đua - Khen thưởng)', en: 'Department of Home Affairs (Emulation and Commendation Board)', description: 'Province-wide: appraises commendation proposals' },
});
