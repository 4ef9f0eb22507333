import { registerLabelledEnum } from '../graphql/labels';

/** What a report period asks for: the year's report, or a review of several years. */
export enum ReportPeriodKind {
  ANNUAL = 'ANNUAL',
  INTERIM_REVIEW = 'INTERIM_REVIEW',
  FINAL_REVIEW = 'FINAL_REVIEW',
}

export enum ReportPeriodStatus {
  OPEN = 'OPEN',
  CLOSED = 'CLOSED',
}

/** Where one version of a body's report stands. */
export enum ReportStatus {
  DRAFT = 'DRAFT',
  SUBMITTED = 'SUBMITTED',
  RETURNED = 'RETURNED',
  ACCEPTED = 'ACCEPTED',
}

/** What a figure's value counts. */
export enum FigureUnit {
  PERSON = 'PERSON',
  SUBJECT = 'SUBJECT',
  PERCENT = 'PERCENT',
  HOUR = 'HOUR',
  COUNT = 'COUNT',
}

/** A property of the people counted that a figure is broken down by. */
export enum FigureDimension {
  OCCUPATIONAL_GROUP = 'OCCUPATIONAL_GROUP',
  GENDER = 'GENDER',
  AGE_BAND = 'AGE_BAND',
  ETHNIC_MINORITY = 'ETHNIC_MINORITY',
  DISABILITY = 'DISABILITY',
  DISADVANTAGED_AREA = 'DISADVANTAGED_AREA',
  TOPIC = 'TOPIC',
  INSTITUTION_KIND = 'INSTITUTION_KIND',
  USAGE_KIND = 'USAGE_KIND',
}

registerLabelledEnum(ReportPeriodKind, 'ReportPeriodKind', 'What a report period asks for.', {
  [ReportPeriodKind.ANNUAL]: { vi: 'Báo cáo năm', en: 'Annual report', description: "The year's report, due before 10 December" },
  [ReportPeriodKind.INTERIM_REVIEW]: { vi: 'Sơ kết', en: 'Interim review', description: 'The interim review of the plan (2023–2025)' },
  [ReportPeriodKind.FINAL_REVIEW]: { vi: 'Tổng kết', en: 'Final review', description: 'The final review of the plan (2023–2030)' },
});

registerLabelledEnum(ReportPeriodStatus, 'ReportPeriodStatus', 'Whether reports are still received for a period.', {
  [ReportPeriodStatus.OPEN]: { vi: 'Đang nhận báo cáo', en: 'Open' },
  [ReportPeriodStatus.CLOSED]: { vi: 'Đã đóng', en: 'Closed' },
});

registerLabelledEnum(ReportStatus, 'ReportStatus', "Where a version of a body's report stands.", {
  [ReportStatus.DRAFT]: { vi: 'Dự thảo', en: 'Draft', description: 'Being prepared by the body; figures are live' },
  [ReportStatus.SUBMITTED]: { vi: 'Đã gửi', en: 'Submitted', description: 'Sent to the Department of Education; figures frozen' },
  [ReportStatus.RETURNED]: { vi: 'Trả lại', en: 'Returned', description: 'Sent back by the Department with a reason; a new version corrects it' },
  [ReportStatus.ACCEPTED]: { vi: 'Đã tiếp nhận', en: 'Accepted', description: 'Accepted by the Department of Education' },
});

registerLabelledEnum(FigureUnit, 'FigureUnit', "What a figure's value counts.", {
  [FigureUnit.PERSON]: { vi: 'người', en: 'people' },
  [FigureUnit.SUBJECT]: { vi: 'đối tượng', en: 'subjects', description: 'Households, clans, hamlets, communes or organisations' },
  [FigureUnit.PERCENT]: { vi: '%', en: '%' },
  [FigureUnit.HOUR]: { vi: 'giờ', en: 'hours' },
  [FigureUnit.COUNT]: { vi: 'lượt', en: 'count' },
});

registerLabelledEnum(FigureDimension, 'FigureDimension', 'A property a figure is broken down by.', {
  [FigureDimension.OCCUPATIONAL_GROUP]: { vi: 'Nhóm đối tượng', en: 'Occupational group' },
  [FigureDimension.GENDER]: { vi: 'Giới tính', en: 'Gender' },
  [FigureDimension.AGE_BAND]: { vi: 'Nhóm tuổi', en: 'Age band' },
  [FigureDimension.ETHNIC_MINORITY]: { vi: 'Dân tộc thiểu số', en: 'Ethnic minority' },
  [FigureDimension.DISABILITY]: { vi: 'Người khuyết tật', en: 'Disability' },
  [FigureDimension.DISADVANTAGED_AREA]: { vi: 'Vùng khó khăn', en: 'Disadvantaged area' },
  [FigureDimension.TOPIC]: { vi: 'Lĩnh vực', en: 'Topic' },
  [FigureDimension.INSTITUTION_KIND]: { vi: 'Loại thiết chế', en: 'Institution kind' },
  [FigureDimension.USAGE_KIND]: { vi: 'Hình thức sử dụng', en: 'Kind of use' },
});
