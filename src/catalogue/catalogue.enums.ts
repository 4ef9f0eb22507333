import { registerLabelledEnum } from '../graphql/labels';

export enum UnitLevel {
  PROVINCE = 'PROVINCE',
  DISTRICT = 'DISTRICT',
  COMMUNE = 'COMMUNE',
  HAMLET = 'HAMLET',
}

/** Where a level sits: a unit's parent is always of a higher level (a lower rank). */
export const UNIT_LEVEL_RANK: Record<UnitLevel, number> = {
  [UnitLevel.PROVINCE]: 0,
  [UnitLevel.DISTRICT]: 1,
  [UnitLevel.COMMUNE]: 2,
  [UnitLevel.HAMLET]: 3,
};

export enum InstitutionKind {
  LIBRARY = 'LIBRARY',
  MUSEUM = 'MUSEUM',
  CULTURAL_CENTRE = 'CULTURAL_CENTRE',
  CULTURE_SPORTS_LEARNING_CENTRE = 'CULTURE_SPORTS_LEARNING_CENTRE',
  COMMUNITY_LEARNING_CENTRE = 'COMMUNITY_LEARNING_CENTRE',
  CONTINUING_EDUCATION_CENTRE = 'CONTINUING_EDUCATION_CENTRE',
  SCHOOL = 'SCHOOL',
  CLUB = 'CLUB',
  OTHER = 'OTHER',
}

/** The kinds whose staff serve the residents of their unit as a community learning centre (the combined centres of Decision 1315 included). */
export const COMMUNITY_LEARNING_CENTRE_KINDS: readonly InstitutionKind[] = [InstitutionKind.COMMUNITY_LEARNING_CENTRE, InstitutionKind.CULTURE_SPORTS_LEARNING_CENTRE];

export enum InstitutionStatus {
  ACTIVE = 'ACTIVE',
  TEMPORARILY_CLOSED = 'TEMPORARILY_CLOSED',
  CLOSED = 'CLOSED',
}

export enum AccessibilityFeature {
  STEP_FREE_ACCESS = 'STEP_FREE_ACCESS',
  ACCESSIBLE_TOILET = 'ACCESSIBLE_TOILET',
  LARGE_PRINT = 'LARGE_PRINT',
  BRAILLE = 'BRAILLE',
  SIGN_LANGUAGE = 'SIGN_LANGUAGE',
  HEARING_LOOP = 'HEARING_LOOP',
}

export enum ProgrammeKind {
  COURSE = 'COURSE',
  WORKSHOP = 'WORKSHOP',
  EXHIBITION = 'EXHIBITION',
  TALK = 'TALK',
  READING_SESSION = 'READING_SESSION',
  CLUB_MEETING = 'CLUB_MEETING',
  ONLINE_COURSE = 'ONLINE_COURSE',
}

export enum Topic {
  DIGITAL_SKILLS = 'DIGITAL_SKILLS',
  FOREIGN_LANGUAGE = 'FOREIGN_LANGUAGE',
  LAW = 'LAW',
  LIFE_SKILLS = 'LIFE_SKILLS',
  VOCATIONAL = 'VOCATIONAL',
  HEALTH = 'HEALTH',
  CULTURE_HISTORY = 'CULTURE_HISTORY',
  AGRICULTURE = 'AGRICULTURE',
  POLITICS_CIVICS = 'POLITICS_CIVICS',
  OTHER = 'OTHER',
}

export enum Audience {
  EVERYONE = 'EVERYONE',
  CHILDREN = 'CHILDREN',
  YOUTH = 'YOUTH',
  ADULTS = 'ADULTS',
  OLDER_PEOPLE = 'OLDER_PEOPLE',
  FAMILIES = 'FAMILIES',
  FARMERS = 'FARMERS',
  WORKERS = 'WORKERS',
  OFFICIALS = 'OFFICIALS',
}

export enum ProgrammeFormat {
  IN_PERSON = 'IN_PERSON',
  ONLINE = 'ONLINE',
  HYBRID = 'HYBRID',
}

export enum ProgrammeStatus {
  DRAFT = 'DRAFT',
  PUBLISHED = 'PUBLISHED',
  CANCELLED = 'CANCELLED',
}

export enum SessionStatus {
  SCHEDULED = 'SCHEDULED',
  CANCELLED = 'CANCELLED',
}

export enum RecurrenceFrequency {
  WEEKLY = 'WEEKLY',
  MONTHLY = 'MONTHLY',
}

registerLabelledEnum(UnitLevel, 'UnitLevel', 'Level of an administrative unit.', {
  [UnitLevel.PROVINCE]: { vi: 'Tỉnh', en: 'Province' },
  [UnitLevel.DISTRICT]: { vi: 'Huyện', en: 'District', description: 'District (abolished on 1 July 2025; kept for history)' },
  [UnitLevel.COMMUNE]: { vi: 'Xã, phường, thị trấn', en: 'Commune, ward or town' },
  [UnitLevel.HAMLET]: { vi: 'Ấp, khu phố', en: 'Hamlet or residential quarter' },
});

registerLabelledEnum(InstitutionKind, 'InstitutionKind', 'What kind of institution (thiết chế) it is.', {
  [InstitutionKind.LIBRARY]: { vi: 'Thư viện', en: 'Library' },
  [InstitutionKind.MUSEUM]: { vi: 'Bảo tàng', en: 'Museum' },
  [InstitutionKind.CULTURAL_CENTRE]: { vi: 'Trung tâm văn hóa', en: 'Cultural centre' },
  [InstitutionKind.CULTURE_SPORTS_LEARNING_CENTRE]: { vi: 'Trung tâm Văn hóa - Thể thao và Học tập cộng đồng', en: 'Culture, sports and community learning centre' },
  [InstitutionKind.COMMUNITY_LEARNING_CENTRE]: { vi: 'Trung tâm học tập cộng đồng', en: 'Community learning centre' },
  [InstitutionKind.CONTINUING_EDUCATION_CENTRE]: { vi: 'Trung tâm giáo dục thường xuyên', en: 'Continuing education centre' },
  [InstitutionKind.SCHOOL]: { vi: 'Trường học', en: 'School' },
  [InstitutionKind.CLUB]: { vi: 'Câu lạc bộ', en: 'Club' },
  [InstitutionKind.OTHER]: { vi: 'Khác', en: 'Other' },
});

registerLabelledEnum(InstitutionStatus, 'InstitutionStatus', 'Whether an institution is open.', {
  [InstitutionStatus.ACTIVE]: { vi: 'Đang hoạt động', en: 'Open' },
  [InstitutionStatus.TEMPORARILY_CLOSED]: { vi: 'Tạm ngừng hoạt động', en: 'Temporarily closed' },
  [InstitutionStatus.CLOSED]: { vi: 'Ngừng hoạt động', en: 'Closed' },
});

registerLabelledEnum(AccessibilityFeature, 'AccessibilityFeature', 'An accessibility feature of a place.', {
  [AccessibilityFeature.STEP_FREE_ACCESS]: { vi: 'Lối đi không bậc thềm', en: 'Step-free access' },
  [AccessibilityFeature.ACCESSIBLE_TOILET]: { vi: 'Nhà vệ sinh cho người khuyết tật', en: 'Accessible toilet' },
  [AccessibilityFeature.LARGE_PRINT]: { vi: 'Tài liệu chữ to', en: 'Large print' },
  [AccessibilityFeature.BRAILLE]: { vi: 'Tài liệu chữ nổi', en: 'Braille' },
  [AccessibilityFeature.SIGN_LANGUAGE]: { vi: 'Phiên dịch ngôn ngữ ký hiệu', en: 'Sign language interpreting' },
  [AccessibilityFeature.HEARING_LOOP]: { vi: 'Vòng cảm ứng trợ thính', en: 'Hearing loop' },
});

registerLabelledEnum(ProgrammeKind, 'ProgrammeKind', 'What kind of programme an institution offers.', {
  [ProgrammeKind.COURSE]: { vi: 'Khóa học', en: 'Course' },
  [ProgrammeKind.WORKSHOP]: { vi: 'Hội thảo thực hành', en: 'Workshop' },
  [ProgrammeKind.EXHIBITION]: { vi: 'Triển lãm', en: 'Exhibition' },
  [ProgrammeKind.TALK]: { vi: 'Buổi nói chuyện', en: 'Talk' },
  [ProgrammeKind.READING_SESSION]: { vi: 'Buổi đọc sách', en: 'Reading session' },
  [ProgrammeKind.CLUB_MEETING]: { vi: 'Sinh hoạt câu lạc bộ', en: 'Club meeting' },
  [ProgrammeKind.ONLINE_COURSE]: { vi: 'Khóa học trực tuyến', en: 'Online course' },
});

registerLabelledEnum(Topic, 'Topic', 'Subject area of learning.', {
  [Topic.DIGITAL_SKILLS]: { vi: 'Kỹ năng số', en: 'Digital skills' },
  [Topic.FOREIGN_LANGUAGE]: { vi: 'Ngoại ngữ', en: 'Foreign language' },
  [Topic.LAW]: { vi: 'Pháp luật', en: 'Law' },
  [Topic.LIFE_SKILLS]: { vi: 'Kỹ năng sống', en: 'Life skills' },
  [Topic.VOCATIONAL]: { vi: 'Nghề nghiệp', en: 'Vocational skills' },
  [Topic.HEALTH]: { vi: 'Sức khỏe', en: 'Health' },
  [Topic.CULTURE_HISTORY]: { vi: 'Văn hóa, lịch sử', en: 'Culture and history' },
  [Topic.AGRICULTURE]: { vi: 'Nông nghiệp', en: 'Agriculture' },
  [Topic.POLITICS_CIVICS]: { vi: 'Chính trị, công dân', en: 'Politics and civics' },
  [Topic.OTHER]: { vi: 'Khác', en: 'Other' },
});

registerLabelledEnum(Audience, 'Audience', 'Who a programme is meant for.', {
  [Audience.EVERYONE]: { vi: 'Mọi người', en: 'Everyone' },
  [Audience.CHILDREN]: { vi: 'Thiếu nhi', en: 'Children' },
  [Audience.YOUTH]: { vi: 'Thanh niên', en: 'Young people' },
  [Audience.ADULTS]: { vi: 'Người lớn', en: 'Adults' },
  [Audience.OLDER_PEOPLE]: { vi: 'Người cao tuổi', en: 'Older people' },
  [Audience.FAMILIES]: { vi: 'Gia đình', en: 'Families' },
  [Audience.FARMERS]: { vi: 'Nông dân', en: 'Farmers' },
  [Audience.WORKERS]: { vi: 'Công nhân, người lao động', en: 'Workers' },
  [Audience.OFFICIALS]: { vi: 'Cán bộ, công chức', en: 'Public officials' },
});

registerLabelledEnum(ProgrammeFormat, 'ProgrammeFormat', 'Where a programme takes place.', {
  [ProgrammeFormat.IN_PERSON]: { vi: 'Trực tiếp', en: 'In person' },
  [ProgrammeFormat.ONLINE]: { vi: 'Trực tuyến', en: 'Online' },
  [ProgrammeFormat.HYBRID]: { vi: 'Kết hợp', en: 'Hybrid' },
});

registerLabelledEnum(ProgrammeStatus, 'ProgrammeStatus', 'Where a programme is in its life.', {
  [ProgrammeStatus.DRAFT]: { vi: 'Bản nháp', en: 'Draft', description: 'Draft, seen only by the institution and administrators' },
  [ProgrammeStatus.PUBLISHED]: { vi: 'Đã công bố', en: 'Published' },
  [ProgrammeStatus.CANCELLED]: { vi: 'Đã hủy', en: 'Cancelled' },
});

registerLabelledEnum(SessionStatus, 'SessionStatus', 'Whether a session takes place.', {
  [SessionStatus.SCHEDULED]: { vi: 'Theo lịch', en: 'Scheduled' },
  [SessionStatus.CANCELLED]: { vi: 'Đã hủy', en: 'Cancelled' },
});

registerLabelledEnum(RecurrenceFrequency, 'RecurrenceFrequency', 'How often a recurring programme meets.', {
  [RecurrenceFrequency.WEEKLY]: { vi: 'Hằng tuần', en: 'Weekly' },
  [RecurrenceFrequency.MONTHLY]: { vi: 'Hằng tháng', en: 'Monthly' },
});
