import { registerLabelledEnum } from '../graphql/labels';

export enum Gender {
  FEMALE = 'FEMALE',
  MALE = 'MALE',
  OTHER = 'OTHER',
}

/** The Learning Citizen groups of titles.md, used for reporting. */
export enum OccupationalGroup {
  FARMER = 'FARMER',
  WORKER = 'WORKER',
  OFFICIAL = 'OFFICIAL',
  LEARNER = 'LEARNER',
}

registerLabelledEnum(Gender, 'Gender', 'Gender as the citizen declares it.', {
  [Gender.FEMALE]: { vi: 'Nữ', en: 'Female' },
  [Gender.MALE]: { vi: 'Nam', en: 'Male' },
  [Gender.OTHER]: { vi: 'Khác', en: 'Other' },
});

registerLabelledEnum(OccupationalGroup, 'OccupationalGroup', 'Occupational group of the Learning Citizen title (for reporting).', {
  [OccupationalGroup.FARMER]: { vi: 'Nông dân, lao động nông thôn', en: 'Farmer or rural worker' },
  [OccupationalGroup.WORKER]: { vi: 'Công nhân, thợ, lao động tự do', en: 'Worker, craftsman or freelancer' },
  [OccupationalGroup.OFFICIAL]: { vi: 'Cán bộ, công chức, viên chức, doanh nhân', en: 'Official, civil servant or business person' },
  [OccupationalGroup.LEARNER]: { vi: 'Người học trong nhà trường', en: 'Learner at a school' },
});
