import { registerLabelledEnum } from '../graphql/labels';

export enum TitleKind {
  LEARNING_CITIZEN = 'LEARNING_CITIZEN',
  LEARNING_FAMILY = 'LEARNING_FAMILY',
  LEARNING_CLAN = 'LEARNING_CLAN',
  LEARNING_COMMUNITY = 'LEARNING_COMMUNITY',
  LEARNING_UNIT = 'LEARNING_UNIT',
  /**
   * Not a title: the yearly emulation checklist of a collective in the province's plan (III.1 a–c,
   * đ), for the province, a district (historic), a commune (unit level) and an organisation (no
   * level). Evaluated by the same rulesets and runs; never recognised by a title decision.
   */
  COLLECTIVE_EMULATION = 'COLLECTIVE_EMULATION',
}

export enum RulesetStatus {
  DRAFT = 'DRAFT',
  PUBLISHED = 'PUBLISHED',
}

export enum IndicatorSource {
  AUTO = 'AUTO',
  ATTESTED = 'ATTESTED',
  AUTO_OR_ATTESTED = 'AUTO_OR_ATTESTED',
}

export enum PassRuleKind {
  POINTS = 'POINTS',
  CHECKLIST = 'CHECKLIST',
}

export enum IndicatorMinimumKind {
  ABSOLUTE = 'ABSOLUTE',
  FRACTION_OF_MAXIMUM = 'FRACTION_OF_MAXIMUM',
}

registerLabelledEnum(TitleKind, 'TitleKind', 'A learning title of the movement ("mô hình học tập").', {
  [TitleKind.LEARNING_CITIZEN]: { vi: 'Công dân học tập', en: 'Learning Citizen', description: 'Learning Citizen: a citizen aged 15 or more' },
  [TitleKind.LEARNING_FAMILY]: { vi: 'Gia đình học tập', en: 'Learning Family', description: 'Learning Family: a household' },
  [TitleKind.LEARNING_CLAN]: { vi: 'Dòng họ học tập', en: 'Learning Clan', description: 'Learning Clan: a clan (dòng họ)' },
  [TitleKind.LEARNING_COMMUNITY]: {
    vi: 'Cộng đồng học tập',
    en: 'Learning Community',
    description: 'Learning Community: a hamlet, a commune, a district (historic) or the province',
  },
  [TitleKind.LEARNING_UNIT]: { vi: 'Đơn vị học tập', en: 'Learning Unit', description: 'Learning Unit: an organisation (agency, school, enterprise, cooperative)' },
  [TitleKind.COLLECTIVE_EMULATION]: {
    vi: 'Tiêu chí thi đua của tập thể',
    en: 'Emulation criteria of a collective',
    description: "Not a title: the yearly emulation checklist of the province's plan (III.1) for the province, a district (historic), a commune or an organisation; never recognised by a title decision",
  },
});

registerLabelledEnum(RulesetStatus, 'RulesetStatus', 'Whether a ruleset version is still being edited or is in force (and read-only).', {
  [RulesetStatus.DRAFT]: { vi: 'Bản nháp', en: 'Draft', description: 'Being prepared by a province administrator; seen only by them' },
  [RulesetStatus.PUBLISHED]: { vi: 'Đã ban hành', en: 'Published', description: 'Published: read-only, used from its effective date' },
});

registerLabelledEnum(IndicatorSource, 'IndicatorSource', 'Where the score of an indicator comes from.', {
  [IndicatorSource.AUTO]: { vi: 'Tự động', en: 'Automatic', description: 'Computed from data in the platform with a metric and a scoring table' },
  [IndicatorSource.ATTESTED]: { vi: 'Cán bộ đánh giá', en: 'Attested', description: 'Entered by an assessor for the subject and year' },
  [IndicatorSource.AUTO_OR_ATTESTED]: {
    vi: 'Tự động hoặc cán bộ đánh giá',
    en: 'Automatic or attested',
    description: "Computed, but an assessor's entry for the year overrides it",
  },
});

registerLabelledEnum(PassRuleKind, 'PassRuleKind', 'How a title definition decides that a subject meets the criteria.', {
  [PassRuleKind.POINTS]: { vi: 'Chấm điểm', en: 'Points', description: 'Points: the total reaches a threshold, and no indicator or criterion is below its minimum' },
  [PassRuleKind.CHECKLIST]: { vi: 'Tiêu chí theo mức', en: 'Checklist with levels', description: 'Checklist: level n is reached when every indicator of levels 1 to n is met' },
});

registerLabelledEnum(IndicatorMinimumKind, 'IndicatorMinimumKind', 'How the per-indicator (or per-criterion) minimum of a points rule is written.', {
  [IndicatorMinimumKind.ABSOLUTE]: { vi: 'Số điểm', en: 'Points', description: 'A number of points, the same for every indicator (or criterion)' },
  [IndicatorMinimumKind.FRACTION_OF_MAXIMUM]: {
    vi: 'Tỉ lệ điểm tối đa',
    en: 'Fraction of the maximum',
    description: "A fraction (0–1] of each indicator's (or criterion's) maximum score",
  },
});
