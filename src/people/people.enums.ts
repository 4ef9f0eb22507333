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

export enum OrganisationKind {
  AGENCY = 'AGENCY',
  SCHOOL = 'SCHOOL',
  ENTERPRISE = 'ENTERPRISE',
  COOPERATIVE = 'COOPERATIVE',
  OTHER = 'OTHER',
}

/** How a citizen belongs to an organisation. */
export enum OrganisationRole {
  STAFF = 'STAFF',
  LEARNER = 'LEARNER',
}

/** A member's place in a household: the head is the household's `head`, everyone else a member. */
export enum HouseholdRole {
  HEAD = 'HEAD',
  MEMBER = 'MEMBER',
}

registerLabelledEnum(OrganisationKind, 'OrganisationKind', 'What kind of organisation it is (for the Learning Unit title).', {
  [OrganisationKind.AGENCY]: { vi: 'Cơ quan', en: 'Agency' },
  [OrganisationKind.SCHOOL]: { vi: 'Trường học', en: 'School' },
  [OrganisationKind.ENTERPRISE]: { vi: 'Doanh nghiệp', en: 'Enterprise' },
  [OrganisationKind.COOPERATIVE]: { vi: 'Hợp tác xã', en: 'Cooperative' },
  [OrganisationKind.OTHER]: { vi: 'Tổ chức khác', en: 'Other organisation' },
});

registerLabelledEnum(OrganisationRole, 'OrganisationRole', 'How a citizen belongs to an organisation.', {
  [OrganisationRole.STAFF]: { vi: 'Cán bộ, người lao động', en: 'Staff' },
  [OrganisationRole.LEARNER]: { vi: 'Người học', en: 'Learner' },
});

registerLabelledEnum(HouseholdRole, 'HouseholdRole', 'A member’s place in a household.', {
  [HouseholdRole.HEAD]: { vi: 'Chủ hộ', en: 'Head of household' },
  [HouseholdRole.MEMBER]: { vi: 'Thành viên', en: 'Member' },
});
