import { registerLabelledEnum } from '../graphql/labels';

export enum UnitLevel {
  Province = 'PROVINCE',
  District = 'DISTRICT',
  Commune = 'COMMUNE',
  Hamlet = 'HAMLET',
}

/** Where a level sits: a unit's parent is always of a higher level (a lower rank). */
export const UNIT_LEVEL_RANK: Record<UnitLevel, number> = {
  [UnitLevel.Province]: 0,
  [UnitLevel.District]: 1,
  [UnitLevel.Commune]: 2,
  [UnitLevel.Hamlet]: 3,
};

export enum InstitutionKind {
  Library = 'LIBRARY',
  Museum = 'MUSEUM',
  CulturalCentre = 'CULTURAL_CENTRE',
  CultureSportsLearningCentre = 'CULTURE_SPORTS_LEARNING_CENTRE',
  CommunityLearningCentre = 'COMMUNITY_LEARNING_CENTRE',
  ContinuingEducationCentre = 'CONTINUING_EDUCATION_CENTRE',
  School = 'SCHOOL',
  Club = 'CLUB',
  Other = 'OTHER',
}

export enum InstitutionStatus {
  Active = 'ACTIVE',
  TemporarilyClosed = 'TEMPORARILY_CLOSED',
  Closed = 'CLOSED',
}

export enum AccessibilityFeature {
  StepFreeAccess = 'STEP_FREE_ACCESS',
  AccessibleToilet = 'ACCESSIBLE_TOILET',
  LargePrint = 'LARGE_PRINT',
  Braille = 'BRAILLE',
  SignLanguage = 'SIGN_LANGUAGE',
  HearingLoop = 'HEARING_LOOP',
}

export enum ProgrammeKind {
  Course = 'COURSE',
  Workshop = 'WORKSHOP',
  Exhibition = 'EXHIBITION',
  Talk = 'TALK',
  ReadingSession = 'READING_SESSION',
  ClubMeeting = 'CLUB_MEETING',
  OnlineCourse = 'ONLINE_COURSE',
}

export enum Topic {
  DigitalSkills = 'DIGITAL_SKILLS',
  ForeignLanguage = 'FOREIGN_LANGUAGE',
  Law = 'LAW',
  LifeSkills = 'LIFE_SKILLS',
  Vocational = 'VOCATIONAL',
  Health = 'HEALTH',
  CultureHistory = 'CULTURE_HISTORY',
  Agriculture = 'AGRICULTURE',
  PoliticsCivics = 'POLITICS_CIVICS',
  Other = 'OTHER',
}

export enum Audience {
  Everyone = 'EVERYONE',
  Children = 'CHILDREN',
  Youth = 'YOUTH',
  Adults = 'ADULTS',
  OlderPeople = 'OLDER_PEOPLE',
  Families = 'FAMILIES',
  Farmers = 'FARMERS',
  Workers = 'WORKERS',
  Officials = 'OFFICIALS',
}

export enum ProgrammeFormat {
  InPerson = 'IN_PERSON',
  Online = 'ONLINE',
  Hybrid = 'HYBRID',
}

export enum ProgrammeStatus {
  Draft = 'DRAFT',
  Published = 'PUBLISHED',
  Cancelled = 'CANCELLED',
}

export enum SessionStatus {
  Scheduled = 'SCHEDULED',
  Cancelled = 'CANCELLED',
}

export enum RecurrenceFrequency {
  Weekly = 'WEEKLY',
  Monthly = 'MONTHLY',
}

registerLabelledEnum(UnitLevel, 'UnitLevel', 'Level of an administrative unit.', {
  [UnitLevel.Province]: { vi: 'Tỉnh', en: 'Province' },
  [UnitLevel.District]: { vi: 'Huyện', en: 'District', description: 'District (abolished on 1 July 2025; kept for history)' },
  [UnitLevel.Commune]: { vi: 'Xã, phường, thị trấn', en: 'Commune, ward or town' },
  [UnitLevel.Hamlet]: { vi: 'Ấp, khu phố', en: 'Hamlet or residential quarter' },
});

registerLabelledEnum(InstitutionKind, 'InstitutionKind', 'What kind of institution (thiết chế) it is.', {
  [InstitutionKind.Library]: { vi: 'Thư viện', en: 'Library' },
  [InstitutionKind.Museum]: { vi: 'Bảo tàng', en: 'Museum' },
  [InstitutionKind.CulturalCentre]: { vi: 'Trung tâm văn hóa', en: 'Cultural centre' },
  [InstitutionKind.CultureSportsLearningCentre]: { vi: 'Trung tâm Văn hóa - Thể thao và Học tập cộng đồng', en: 'Culture, sports and community learning centre' },
  [InstitutionKind.CommunityLearningCentre]: { vi: 'Trung tâm học tập cộng đồng', en: 'Community learning centre' },
  [InstitutionKind.ContinuingEducationCentre]: { vi: 'Trung tâm giáo dục thường xuyên', en: 'Continuing education centre' },
  [InstitutionKind.School]: { vi: 'Trường học', en: 'School' },
  [InstitutionKind.Club]: { vi: 'Câu lạc bộ', en: 'Club' },
  [InstitutionKind.Other]: { vi: 'Khác', en: 'Other' },
});

registerLabelledEnum(InstitutionStatus, 'InstitutionStatus', 'Whether an institution is open.', {
  [InstitutionStatus.Active]: { vi: 'Đang hoạt động', en: 'Open' },
  [InstitutionStatus.TemporarilyClosed]: { vi: 'Tạm ngừng hoạt động', en: 'Temporarily closed' },
  [InstitutionStatus.Closed]: { vi: 'Ngừng hoạt động', en: 'Closed' },
});

registerLabelledEnum(AccessibilityFeature, 'AccessibilityFeature', 'An accessibility feature of a place.', {
  [AccessibilityFeature.StepFreeAccess]: { vi: 'Lối đi không bậc thềm', en: 'Step-free access' },
  [AccessibilityFeature.AccessibleToilet]: { vi: 'Nhà vệ sinh cho người khuyết tật', en: 'Accessible toilet' },
  [AccessibilityFeature.LargePrint]: { vi: 'Tài liệu chữ to', en: 'Large print' },
  [AccessibilityFeature.Braille]: { vi: 'Tài liệu chữ nổi', en: 'Braille' },
  [AccessibilityFeature.SignLanguage]: { vi: 'Phiên dịch ngôn ngữ ký hiệu', en: 'Sign language interpreting' },
  [AccessibilityFeature.HearingLoop]: { vi: 'Vòng cảm ứng trợ thính', en: 'Hearing loop' },
});

registerLabelledEnum(ProgrammeKind, 'ProgrammeKind', 'What kind of programme an institution offers.', {
  [ProgrammeKind.Course]: { vi: 'Khóa học', en: 'Course' },
  [ProgrammeKind.Workshop]: { vi: 'Hội thảo thực hành', en: 'Workshop' },
  [ProgrammeKind.Exhibition]: { vi: 'Triển lãm', en: 'Exhibition' },
  [ProgrammeKind.Talk]: { vi: 'Buổi nói chuyện', en: 'Talk' },
  [ProgrammeKind.ReadingSession]: { vi: 'Buổi đọc sách', en: 'Reading session' },
  [ProgrammeKind.ClubMeeting]: { vi: 'Sinh hoạt câu lạc bộ', en: 'Club meeting' },
  [ProgrammeKind.OnlineCourse]: { vi: 'Khóa học trực tuyến', en: 'Online course' },
});

registerLabelledEnum(Topic, 'Topic', 'Subject area of learning.', {
  [Topic.DigitalSkills]: { vi: 'Kỹ năng số', en: 'Digital skills' },
  [Topic.ForeignLanguage]: { vi: 'Ngoại ngữ', en: 'Foreign language' },
  [Topic.Law]: { vi: 'Pháp luật', en: 'Law' },
  [Topic.LifeSkills]: { vi: 'Kỹ năng sống', en: 'Life skills' },
  [Topic.Vocational]: { vi: 'Nghề nghiệp', en: 'Vocational skills' },
  [Topic.Health]: { vi: 'Sức khỏe', en: 'Health' },
  [Topic.CultureHistory]: { vi: 'Văn hóa, lịch sử', en: 'Culture and history' },
  [Topic.Agriculture]: { vi: 'Nông nghiệp', en: 'Agriculture' },
  [Topic.PoliticsCivics]: { vi: 'Chính trị, công dân', en: 'Politics and civics' },
  [Topic.Other]: { vi: 'Khác', en: 'Other' },
});

registerLabelledEnum(Audience, 'Audience', 'Who a programme is meant for.', {
  [Audience.Everyone]: { vi: 'Mọi người', en: 'Everyone' },
  [Audience.Children]: { vi: 'Thiếu nhi', en: 'Children' },
  [Audience.Youth]: { vi: 'Thanh niên', en: 'Young people' },
  [Audience.Adults]: { vi: 'Người lớn', en: 'Adults' },
  [Audience.OlderPeople]: { vi: 'Người cao tuổi', en: 'Older people' },
  [Audience.Families]: { vi: 'Gia đình', en: 'Families' },
  [Audience.Farmers]: { vi: 'Nông dân', en: 'Farmers' },
  [Audience.Workers]: { vi: 'Công nhân, người lao động', en: 'Workers' },
  [Audience.Officials]: { vi: 'Cán bộ, công chức', en: 'Public officials' },
});

registerLabelledEnum(ProgrammeFormat, 'ProgrammeFormat', 'Where a programme takes place.', {
  [ProgrammeFormat.InPerson]: { vi: 'Trực tiếp', en: 'In person' },
  [ProgrammeFormat.Online]: { vi: 'Trực tuyến', en: 'Online' },
  [ProgrammeFormat.Hybrid]: { vi: 'Kết hợp', en: 'Hybrid' },
});

registerLabelledEnum(ProgrammeStatus, 'ProgrammeStatus', 'Where a programme is in its life.', {
  [ProgrammeStatus.Draft]: { vi: 'Bản nháp', en: 'Draft', description: 'Draft, seen only by the institution and administrators' },
  [ProgrammeStatus.Published]: { vi: 'Đã công bố', en: 'Published' },
  [ProgrammeStatus.Cancelled]: { vi: 'Đã hủy', en: 'Cancelled' },
});

registerLabelledEnum(SessionStatus, 'SessionStatus', 'Whether a session takes place.', {
  [SessionStatus.Scheduled]: { vi: 'Theo lịch', en: 'Scheduled' },
  [SessionStatus.Cancelled]: { vi: 'Đã hủy', en: 'Cancelled' },
});

registerLabelledEnum(RecurrenceFrequency, 'RecurrenceFrequency', 'How often a recurring programme meets.', {
  [RecurrenceFrequency.Weekly]: { vi: 'Hằng tuần', en: 'Weekly' },
  [RecurrenceFrequency.Monthly]: { vi: 'Hằng tháng', en: 'Monthly' },
});
