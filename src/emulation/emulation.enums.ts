import type { LabelTable } from '../core/labels';
import { registerLabelledEnum } from '../graphql/labels';

/** Who made a contribution: a subject of the platform, or someone recorded as an external contributor. */
export enum ContributorKind {
  CITIZEN = 'CITIZEN',
  HOUSEHOLD = 'HOUSEHOLD',
  CLAN = 'CLAN',
  ORGANISATION = 'ORGANISATION',
  EXTERNAL = 'EXTERNAL',
}

/** What an external contributor is (III.1 g of the plan). */
export enum ExternalContributorKind {
  INTERNATIONAL_ORGANISATION = 'INTERNATIONAL_ORGANISATION',
  NGO = 'NGO',
  ASSOCIATION = 'ASSOCIATION',
  BUSINESS_PERSON = 'BUSINESS_PERSON',
  SCIENTIST = 'SCIENTIST',
  OVERSEAS_VIETNAMESE = 'OVERSEAS_VIETNAMESE',
  OTHER = 'OTHER',
}

export enum ContributionKind {
  MONEY = 'MONEY',
  GOODS = 'GOODS',
  FACILITIES = 'FACILITIES',
  VOLUNTEER_TEACHING_HOURS = 'VOLUNTEER_TEACHING_HOURS',
  EXPERTISE = 'EXPERTISE',
}

/** Who received a contribution. */
export enum RecipientKind {
  UNIT = 'UNIT',
  INSTITUTION = 'INSTITUTION',
  /** A study-promotion fund, kept by a body (the Study Promotion Association of a level). */
  FUND = 'FUND',
}

export enum ContributionStatus {
  RECORDED = 'RECORDED',
  VERIFIED = 'VERIFIED',
}

/** Who decides a form of commendation. */
export enum DecidingAuthority {
  PRIME_MINISTER = 'PRIME_MINISTER',
  MINISTRY = 'MINISTRY',
  PROVINCE_CHAIRMAN = 'PROVINCE_CHAIRMAN',
  HEAD_OF_BODY = 'HEAD_OF_BODY',
}

export enum RoundKind {
  ANNUAL = 'ANNUAL',
  INTERIM_REVIEW = 'INTERIM_REVIEW',
  FINAL_REVIEW = 'FINAL_REVIEW',
}

/** What a line of the honour roll records. */
export enum HonourRollEntryKind {
  COMMENDATION = 'COMMENDATION',
  TITLE = 'TITLE',
}

/** Who a line of the honour roll names: a nominee commended, or a subject holding a title. */
export enum HonourRollSubjectKind {
  UNIT = 'UNIT',
  ORGANISATION = 'ORGANISATION',
  INSTITUTION = 'INSTITUTION',
  BODY = 'BODY',
  CLAN = 'CLAN',
  HOUSEHOLD = 'HOUSEHOLD',
  CITIZEN = 'CITIZEN',
}

/** Who is nominated. */
export enum NomineeKind {
  UNIT = 'UNIT',
  ORGANISATION = 'ORGANISATION',
  INSTITUTION = 'INSTITUTION',
  BODY = 'BODY',
  HOUSEHOLD = 'HOUSEHOLD',
  CITIZEN = 'CITIZEN',
  EXTERNAL = 'EXTERNAL',
}

/** The classes the plan's quotas count: collectives (tập thể), households, individuals (cá nhân). */
export enum NomineeClass {
  COLLECTIVE = 'COLLECTIVE',
  HOUSEHOLD = 'HOUSEHOLD',
  INDIVIDUAL = 'INDIVIDUAL',
}

export function classOfNominee(kind: NomineeKind): NomineeClass {
  switch (kind) {
    case NomineeKind.UNIT:
    case NomineeKind.ORGANISATION:
    case NomineeKind.INSTITUTION:
    case NomineeKind.BODY:
      return NomineeClass.COLLECTIVE;
    case NomineeKind.HOUSEHOLD:
      return NomineeClass.HOUSEHOLD;
    case NomineeKind.CITIZEN:
    case NomineeKind.EXTERNAL:
      return NomineeClass.INDIVIDUAL;
  }
}

export enum NominationStatus {
  DRAFT = 'DRAFT',
  SUBMITTED = 'SUBMITTED',
  CONSOLIDATED = 'CONSOLIDATED',
  NOT_SHORTLISTED = 'NOT_SHORTLISTED',
  APPRAISED = 'APPRAISED',
  DECIDED = 'DECIDED',
  RETURNED = 'RETURNED',
  REJECTED = 'REJECTED',
  REVOKED = 'REVOKED',
}

const CONTRIBUTOR_KIND_LABELS: LabelTable<ContributorKind> = {
  [ContributorKind.CITIZEN]: { vi: 'Công dân', en: 'Citizen' },
  [ContributorKind.HOUSEHOLD]: { vi: 'Hộ gia đình', en: 'Household' },
  [ContributorKind.CLAN]: { vi: 'Dòng họ', en: 'Clan' },
  [ContributorKind.ORGANISATION]: { vi: 'Cơ quan, tổ chức, doanh nghiệp', en: 'Organisation' },
  [ContributorKind.EXTERNAL]: { vi: 'Tổ chức, cá nhân ngoài nền tảng', en: 'External contributor' },
};
registerLabelledEnum(ContributorKind, 'ContributorKind', 'Who made a contribution.', CONTRIBUTOR_KIND_LABELS);

registerLabelledEnum(ExternalContributorKind, 'ExternalContributorKind', 'What an external contributor is.', {
  [ExternalContributorKind.INTERNATIONAL_ORGANISATION]: { vi: 'Tổ chức quốc tế', en: 'International organisation' },
  [ExternalContributorKind.NGO]: { vi: 'Tổ chức phi chính phủ', en: 'Non-governmental organisation' },
  [ExternalContributorKind.ASSOCIATION]: { vi: 'Hội, hiệp hội', en: 'Association' },
  [ExternalContributorKind.BUSINESS_PERSON]: { vi: 'Doanh nhân', en: 'Business person' },
  [ExternalContributorKind.SCIENTIST]: { vi: 'Nhà khoa học', en: 'Scientist' },
  [ExternalContributorKind.OVERSEAS_VIETNAMESE]: { vi: 'Người Việt Nam ở nước ngoài', en: 'Overseas Vietnamese' },
  [ExternalContributorKind.OTHER]: { vi: 'Khác', en: 'Other' },
});

registerLabelledEnum(ContributionKind, 'ContributionKind', 'What was contributed.', {
  [ContributionKind.MONEY]: { vi: 'Tiền', en: 'Money' },
  [ContributionKind.GOODS]: { vi: 'Hiện vật', en: 'Goods' },
  [ContributionKind.FACILITIES]: { vi: 'Cơ sở vật chất', en: 'Facilities' },
  [ContributionKind.VOLUNTEER_TEACHING_HOURS]: { vi: 'Giờ dạy tình nguyện', en: 'Volunteer teaching hours' },
  [ContributionKind.EXPERTISE]: { vi: 'Trí tuệ, chuyên môn', en: 'Expertise' },
});

registerLabelledEnum(RecipientKind, 'ContributionRecipientKind', 'Who received a contribution.', {
  [RecipientKind.UNIT]: { vi: 'Địa phương', en: 'Administrative unit' },
  [RecipientKind.INSTITUTION]: { vi: 'Thiết chế', en: 'Institution' },
  [RecipientKind.FUND]: { vi: 'Quỹ khuyến học', en: 'Study-promotion fund' },
});

registerLabelledEnum(ContributionStatus, 'ContributionStatus', 'Whether a contribution is verified.', {
  [ContributionStatus.RECORDED]: { vi: 'Đã ghi nhận', en: 'Recorded', description: 'Recorded, awaiting verification; not counted in totals' },
  [ContributionStatus.VERIFIED]: { vi: 'Đã xác nhận', en: 'Verified', description: "Verified by an assessor of the recipient's area or staff of the recipient" },
});

registerLabelledEnum(DecidingAuthority, 'DecidingAuthority', 'Who decides a form of commendation.', {
  [DecidingAuthority.PRIME_MINISTER]: { vi: 'Thủ tướng Chính phủ', en: 'The Prime Minister' },
  [DecidingAuthority.MINISTRY]: { vi: 'Bộ trưởng, thủ trưởng cơ quan Trung ương', en: 'A minister or the head of a central organisation' },
  [DecidingAuthority.PROVINCE_CHAIRMAN]: { vi: 'Chủ tịch UBND tỉnh', en: "The Chairman of the Provincial People's Committee" },
  [DecidingAuthority.HEAD_OF_BODY]: { vi: 'Thủ trưởng cơ quan, đơn vị', en: 'The head of a body' },
});

registerLabelledEnum(RoundKind, 'CommendationRoundKind', 'Which commendation round.', {
  [RoundKind.ANNUAL]: { vi: 'Khen thưởng hằng năm', en: 'Annual commendation' },
  [RoundKind.INTERIM_REVIEW]: { vi: 'Sơ kết 2023–2025', en: 'Interim review 2023–2025' },
  [RoundKind.FINAL_REVIEW]: { vi: 'Tổng kết 2023–2030', en: 'Final review 2023–2030' },
});

const NOMINEE_KIND_LABELS: LabelTable<NomineeKind> = {
  [NomineeKind.UNIT]: { vi: 'Địa phương', en: 'Administrative unit' },
  [NomineeKind.ORGANISATION]: { vi: 'Cơ quan, tổ chức, doanh nghiệp', en: 'Organisation' },
  [NomineeKind.INSTITUTION]: { vi: 'Thiết chế', en: 'Institution' },
  [NomineeKind.BODY]: { vi: 'Cơ quan, ban, ngành, đoàn thể', en: 'Body' },
  [NomineeKind.HOUSEHOLD]: { vi: 'Hộ gia đình', en: 'Household' },
  [NomineeKind.CITIZEN]: { vi: 'Cá nhân (công dân)', en: 'Individual (citizen)' },
  [NomineeKind.EXTERNAL]: { vi: 'Cá nhân, tổ chức ngoài nền tảng', en: 'External contributor' },
};
registerLabelledEnum(NomineeKind, 'NomineeKind', 'Who is nominated.', NOMINEE_KIND_LABELS);

registerLabelledEnum(HonourRollEntryKind, 'HonourRollEntryKind', 'What a line of the honour roll records.', {
  [HonourRollEntryKind.COMMENDATION]: { vi: 'Khen thưởng', en: 'Commendation' },
  [HonourRollEntryKind.TITLE]: { vi: 'Danh hiệu', en: 'Title' },
});

// The nominees the roll may name (never an external contributor: none consents through the platform), and clans holding a title.
registerLabelledEnum(HonourRollSubjectKind, 'HonourRollSubjectKind', 'Who a line of the honour roll names.', {
  [HonourRollSubjectKind.UNIT]: NOMINEE_KIND_LABELS[NomineeKind.UNIT],
  [HonourRollSubjectKind.ORGANISATION]: NOMINEE_KIND_LABELS[NomineeKind.ORGANISATION],
  [HonourRollSubjectKind.INSTITUTION]: NOMINEE_KIND_LABELS[NomineeKind.INSTITUTION],
  [HonourRollSubjectKind.BODY]: NOMINEE_KIND_LABELS[NomineeKind.BODY],
  [HonourRollSubjectKind.CLAN]: CONTRIBUTOR_KIND_LABELS[ContributorKind.CLAN],
  [HonourRollSubjectKind.HOUSEHOLD]: NOMINEE_KIND_LABELS[NomineeKind.HOUSEHOLD],
  [HonourRollSubjectKind.CITIZEN]: NOMINEE_KIND_LABELS[NomineeKind.CITIZEN],
});

registerLabelledEnum(NomineeClass, 'NomineeClass', 'The class a quota counts.', {
  [NomineeClass.COLLECTIVE]: { vi: 'Tập thể', en: 'Collective' },
  [NomineeClass.HOUSEHOLD]: { vi: 'Hộ gia đình', en: 'Household' },
  [NomineeClass.INDIVIDUAL]: { vi: 'Cá nhân', en: 'Individual' },
});

registerLabelledEnum(NominationStatus, 'NominationStatus', 'Where a nomination is in its workflow.', {
  [NominationStatus.DRAFT]: { vi: 'Dự thảo', en: 'Draft' },
  [NominationStatus.SUBMITTED]: { vi: 'Đã trình', en: 'Submitted', description: 'Submitted by the proposing body to the Department of Education' },
  [NominationStatus.CONSOLIDATED]: { vi: 'Đã tổng hợp', en: 'Consolidated', description: 'On the Department of Education’s shortlist, sent for appraisal' },
  [NominationStatus.NOT_SHORTLISTED]: { vi: 'Không được tổng hợp', en: 'Not shortlisted', description: 'Left out of the shortlist, with a reason' },
  [NominationStatus.APPRAISED]: { vi: 'Đã thẩm định', en: 'Appraised', description: 'Appraised by the Department of Home Affairs (Emulation and Commendation Board)' },
  [NominationStatus.DECIDED]: { vi: 'Đã quyết định khen thưởng', en: 'Decided', description: 'Commended by decision; never changed, only revoked with a reason' },
  [NominationStatus.RETURNED]: { vi: 'Trả lại', en: 'Returned', description: 'Returned to the proposer with a reason; it may be changed and submitted again' },
  [NominationStatus.REJECTED]: { vi: 'Không chấp thuận', en: 'Rejected', description: 'Rejected with a reason' },
  [NominationStatus.REVOKED]: { vi: 'Đã thu hồi', en: 'Revoked', description: 'A decided commendation revoked with a reason' },
});
