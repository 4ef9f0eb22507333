import { registerLabelledEnum } from '../../graphql/labels';

/** What a title is about; each kind of subject has exactly one title kind (see titleKindOf). */
export enum SubjectKind {
  CITIZEN = 'CITIZEN',
  HOUSEHOLD = 'HOUSEHOLD',
  CLAN = 'CLAN',
  ORGANISATION = 'ORGANISATION',
  UNIT = 'UNIT',
}

export enum ProgressStatus {
  MEETS_CRITERIA = 'MEETS_CRITERIA',
  NOT_YET = 'NOT_YET',
  AWAITING_ASSESSMENT = 'AWAITING_ASSESSMENT',
}

/** Where the score of one indicator of a progress row came from. */
export enum ScoreSource {
  AUTO = 'AUTO',
  ATTESTED = 'ATTESTED',
  MISSING = 'MISSING',
  NOT_APPLICABLE = 'NOT_APPLICABLE',
}

export enum RunStatus {
  QUEUED = 'QUEUED',
  RUNNING = 'RUNNING',
  SUCCEEDED = 'SUCCEEDED',
  FAILED = 'FAILED',
}

export enum RunTrigger {
  SCHEDULED = 'SCHEDULED',
  ON_DEMAND = 'ON_DEMAND',
}

/**
 * The levels a run evaluates, bottom-up: each reads the level below (titles.md, order of evaluation).
 */
export enum RunPhase {
  CITIZENS = 'CITIZENS',
  HOUSEHOLDS = 'HOUSEHOLDS',
  ORGANISATIONS = 'ORGANISATIONS',
  CLANS = 'CLANS',
  HAMLETS = 'HAMLETS',
  COMMUNES = 'COMMUNES',
  DISTRICTS = 'DISTRICTS',
  PROVINCES = 'PROVINCES',
  /** The emulation checklists of collectives (III.1), after every title they read. */
  EMULATION_ORGANISATIONS = 'EMULATION_ORGANISATIONS',
  EMULATION_COMMUNES = 'EMULATION_COMMUNES',
  EMULATION_DISTRICTS = 'EMULATION_DISTRICTS',
  EMULATION_PROVINCES = 'EMULATION_PROVINCES',
}

/** Where one phase of a run stands. */
export enum RunPhaseStatus {
  PENDING = 'PENDING',
  RUNNING = 'RUNNING',
  DONE = 'DONE',
}

registerLabelledEnum(SubjectKind, 'TitleSubjectKind', 'The kind of subject a title is about.', {
  [SubjectKind.CITIZEN]: { vi: 'Công dân', en: 'Citizen' },
  [SubjectKind.HOUSEHOLD]: { vi: 'Hộ gia đình', en: 'Household' },
  [SubjectKind.CLAN]: { vi: 'Dòng họ', en: 'Clan' },
  [SubjectKind.ORGANISATION]: { vi: 'Cơ quan, đơn vị', en: 'Organisation' },
  [SubjectKind.UNIT]: { vi: 'Đơn vị hành chính', en: 'Administrative unit' },
});

registerLabelledEnum(ProgressStatus, 'ProgressStatus', 'Where a subject stands against the criteria of a title for a year.', {
  [ProgressStatus.MEETS_CRITERIA]: { vi: 'Đạt tiêu chí', en: 'Meets the criteria', description: 'The pass rule holds' },
  [ProgressStatus.NOT_YET]: { vi: 'Chưa đạt', en: 'Not yet', description: 'The pass rule does not hold, even with every missing assessment at its maximum' },
  [ProgressStatus.AWAITING_ASSESSMENT]: {
    vi: 'Chờ đánh giá',
    en: 'Awaiting assessment',
    description: 'Some attested indicators have no entry yet, and the pass rule would hold with them at their maximum',
  },
});

registerLabelledEnum(ScoreSource, 'ScoreSource', 'Where the score of an indicator came from.', {
  [ScoreSource.AUTO]: { vi: 'Tự động', en: 'Automatic', description: 'Computed from verified data in the platform' },
  [ScoreSource.ATTESTED]: { vi: 'Cán bộ đánh giá', en: 'Attested', description: "An assessor's entry for the year" },
  [ScoreSource.MISSING]: { vi: 'Chưa đánh giá', en: 'Missing', description: 'An attested indicator with no entry yet' },
  [ScoreSource.NOT_APPLICABLE]: { vi: 'Không áp dụng', en: 'Not applicable', description: 'The indicator does not apply to this kind of organisation' },
});

registerLabelledEnum(RunStatus, 'TitleRunStatus', 'Where a recalculation of titles stands.', {
  [RunStatus.QUEUED]: { vi: 'Đang chờ', en: 'Queued' },
  [RunStatus.RUNNING]: { vi: 'Đang tính', en: 'Running' },
  [RunStatus.SUCCEEDED]: { vi: 'Hoàn thành', en: 'Succeeded' },
  [RunStatus.FAILED]: { vi: 'Thất bại', en: 'Failed', description: 'Failed after its retries; the error says why' },
});

registerLabelledEnum(RunTrigger, 'TitleRunTrigger', 'What started a recalculation.', {
  [RunTrigger.SCHEDULED]: { vi: 'Định kỳ hằng tháng', en: 'Monthly schedule' },
  [RunTrigger.ON_DEMAND]: { vi: 'Theo yêu cầu', en: 'On demand' },
});

registerLabelledEnum(RunPhase, 'TitleRunPhase', 'A level a recalculation evaluates, in order.', {
  [RunPhase.CITIZENS]: { vi: 'Công dân', en: 'Citizens' },
  [RunPhase.HOUSEHOLDS]: { vi: 'Hộ gia đình', en: 'Households' },
  [RunPhase.ORGANISATIONS]: { vi: 'Cơ quan, đơn vị', en: 'Organisations' },
  [RunPhase.CLANS]: { vi: 'Dòng họ', en: 'Clans' },
  [RunPhase.HAMLETS]: { vi: 'Thôn, ấp, khu phố', en: 'Hamlets' },
  [RunPhase.COMMUNES]: { vi: 'Xã, phường', en: 'Communes' },
  [RunPhase.DISTRICTS]: { vi: 'Quận, huyện', en: 'Districts' },
  [RunPhase.PROVINCES]: { vi: 'Tỉnh', en: 'Province' },
  [RunPhase.EMULATION_ORGANISATIONS]: { vi: 'Thi đua: cơ quan, doanh nghiệp', en: 'Emulation: organisations' },
  [RunPhase.EMULATION_COMMUNES]: { vi: 'Thi đua: xã, phường', en: 'Emulation: communes' },
  [RunPhase.EMULATION_DISTRICTS]: { vi: 'Thi đua: quận, huyện', en: 'Emulation: districts' },
  [RunPhase.EMULATION_PROVINCES]: { vi: 'Thi đua: tỉnh', en: 'Emulation: province' },
});

registerLabelledEnum(RunPhaseStatus, 'TitleRunPhaseStatus', 'Where one phase of a recalculation stands.', {
  [RunPhaseStatus.PENDING]: { vi: 'Chưa tính', en: 'Pending' },
  [RunPhaseStatus.RUNNING]: { vi: 'Đang tính', en: 'Running' },
  [RunPhaseStatus.DONE]: { vi: 'Đã xong', en: 'Done' },
});
