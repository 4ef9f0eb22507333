import { Migration } from '@mikro-orm/migrations';

/*
 * The default ruleset VN-2024 of docs titles.md, version 1, published and effective from
 * 2024-01-01. Every number is data here; a province changes them by publishing a new version,
 * never by editing this file or these rows.
 */

const RULESET_ID = '2f9a6c1e-7c1b-4d5e-9a42-0b7d2c024001';

type Source = 'AUTO' | 'ATTESTED' | 'AUTO_OR_ATTESTED';

interface Indicator {
  code: string;
  vi: string;
  en: string;
  source: Source;
  max?: number;
  metric?: string;
  params?: Record<string, unknown>;
  scoring?: { atLeast: number; points: number }[];
  level?: number;
  metAtLeast?: number;
  appliesTo?: string[];
}

interface Definition {
  kind: string;
  unitLevel?: string;
  basis: string;
  points?: { total: number; threshold: number; disadvantaged?: number; minimum?: number; minimumKind?: 'ABSOLUTE' | 'FRACTION_OF_MAXIMUM' };
  levels?: number;
  validityYears?: number;
  indicators: Indicator[];
}

const attested = (code: string, vi: string, en: string, max: number): Indicator => ({ code, vi, en, source: 'ATTESTED', max });
const attestedAt = (code: string, vi: string, en: string, level: number): Indicator => ({ code, vi, en, source: 'ATTESTED', level });

const citizenShare = (min: number, max: number, scoring: [number, number][]): Indicator => ({
  code: 'CITIZEN_SHARE',
  vi: 'Tỉ lệ người từ 15 tuổi trở lên đạt danh hiệu Công dân học tập',
  en: 'Share of people aged 15 or more who are Learning Citizens',
  source: 'AUTO',
  max,
  metric: 'CITIZEN_TITLE_SHARE',
  params: { ageMin: min },
  scoring: scoring.map(([atLeast, points]) => ({ atLeast, points })),
});

const familyShare = (max: number, scoring: [number, number][], vi: string, en: string): Indicator => ({
  code: 'FAMILY_SHARE',
  vi,
  en,
  source: 'AUTO',
  max,
  metric: 'FAMILY_TITLE_SHARE',
  params: {},
  scoring: scoring.map(([atLeast, points]) => ({ atLeast, points })),
});

/** Criteria 1, 2 and 4 of Circular 25/2023 (met / not met per level, by an assessor). */
function circular25Attested(level: number, centresAttested: boolean): Indicator[] {
  const indicators = [
    attestedAt(`LEADERSHIP_L${level}`, `Tiêu chí 1: Lãnh đạo, chỉ đạo (mức ${level})`, `Criterion 1: leadership and direction (level ${level})`, level),
    attestedAt(`RESOURCES_L${level}`, `Tiêu chí 2: Các điều kiện bảo đảm (mức ${level})`, `Criterion 2: resources (level ${level})`, level),
    attestedAt(`UNIVERSAL_EDUCATION_L${level}`, `Tiêu chí 4: Phổ cập giáo dục, xóa mù chữ (mức ${level})`, `Criterion 4: universal education and literacy (level ${level})`, level),
  ];
  if (centresAttested) {
    indicators.push(
      attestedAt(`CENTRES_L${level}`, `Tiêu chí 3: Hiệu quả hoạt động của các thiết chế giáo dục, văn hóa (mức ${level})`, `Criterion 3: performance of learning and cultural institutions (level ${level})`, level),
    );
  }
  return indicators;
}

const communeLevel = (level: number, sessions: number, families: number, hamlets: number, citizens: number): Indicator[] => [
  ...circular25Attested(level, false),
  {
    code: `CENTRES_L${level}`,
    vi: `Tiêu chí 3: Trung tâm học tập cộng đồng, thư viện, nhà văn hóa hoạt động hiệu quả (mức ${level}: ít nhất ${sessions} buổi học được xác nhận trong năm)`,
    en: `Criterion 3: community learning centre, library and cultural house perform (level ${level}: at least ${sessions} verified sessions in the year)`,
    source: 'AUTO_OR_ATTESTED',
    metric: 'SESSIONS_IN_UNIT',
    params: {},
    level,
    metAtLeast: sessions,
  },
  {
    code: `FAMILY_SHARE_L${level}`,
    vi: `Tiêu chí 5: Tỉ lệ hộ gia đình đạt Gia đình học tập (mức ${level})`,
    en: `Criterion 5: share of households that are Learning Families (level ${level})`,
    source: 'AUTO',
    metric: 'FAMILY_TITLE_SHARE',
    params: {},
    level,
    metAtLeast: families,
  },
  {
    code: `HAMLET_SHARE_L${level}`,
    vi: `Tiêu chí 5: Tỉ lệ thôn, ấp, khu phố đạt Cộng đồng học tập (mức ${level})`,
    en: `Criterion 5: share of hamlets that are Learning Communities (level ${level})`,
    source: 'AUTO',
    metric: 'COMMUNITY_TITLE_SHARE',
    params: { unitLevel: 'HAMLET' },
    level,
    metAtLeast: hamlets,
  },
  {
    code: `CITIZEN_SHARE_L${level}`,
    vi: `Tiêu chí 5: Tỉ lệ người từ 15 tuổi trở lên đạt Công dân học tập (mức ${level})`,
    en: `Criterion 5: share of residents aged 15 or more who are Learning Citizens (level ${level})`,
    source: 'AUTO',
    metric: 'CITIZEN_TITLE_SHARE',
    params: { ageMin: 15 },
    level,
    metAtLeast: citizens,
  },
];

const aboveCommuneLevel = (level: number, communes: number): Indicator[] => [
  ...circular25Attested(level, true),
  {
    code: `COMMUNE_SHARE_L${level}`,
    vi: `Tiêu chí 5: Tỉ lệ xã, phường đạt Cộng đồng học tập (mức ${level})`,
    en: `Criterion 5: share of communes that are Learning Communities (level ${level})`,
    source: 'AUTO',
    metric: 'COMMUNITY_TITLE_SHARE',
    params: { unitLevel: 'COMMUNE' },
    level,
    metAtLeast: communes,
  },
];

const DEFINITIONS: Definition[] = [
  {
    kind: 'LEARNING_CITIZEN',
    basis: 'Hội Khuyến học Việt Nam, Quyết định 244/QĐ-KHVN (28/7/2022), sửa đổi bởi 324/QĐ-KHVN; Chương trình 677/QĐ-TTg',
    points: { total: 100, threshold: 80, disadvantaged: 70, minimum: 5, minimumKind: 'ABSOLUTE' },
    indicators: [
      {
        code: 'READING',
        vi: 'Thường xuyên đọc sách, cập nhật thông tin',
        en: 'Keeps informed and reads',
        source: 'AUTO_OR_ATTESTED',
        max: 10,
        metric: 'VERIFIED_HOURS',
        params: { anyOf: [{ sources: ['RESOURCE_STUDY'] }, { sources: ['ATTENDANCE'], institutionKinds: ['LIBRARY'] }] },
        scoring: [
          { atLeast: 2, points: 5 },
          { atLeast: 5, points: 6 },
          { atLeast: 10, points: 8 },
          { atLeast: 20, points: 10 },
        ],
      },
      {
        code: 'LEARNING_PLAN',
        vi: 'Có kế hoạch học tập cá nhân',
        en: 'Has a personal learning plan',
        source: 'AUTO_OR_ATTESTED',
        max: 10,
        metric: 'LEARNING_PLAN_COMPLETION',
        params: {},
        scoring: [
          { atLeast: 0, points: 5 },
          { atLeast: 0.5, points: 8 },
          { atLeast: 1, points: 10 },
        ],
      },
      {
        code: 'COMMUNITY_ACTIVITIES',
        vi: 'Tham gia hoạt động tại trung tâm học tập cộng đồng, thư viện, nhà văn hóa, câu lạc bộ, hội thảo',
        en: 'Takes part in activities at community learning centres, libraries, cultural houses, clubs and seminars',
        source: 'AUTO_OR_ATTESTED',
        max: 10,
        metric: 'ATTENDED_SESSIONS',
        params: {},
        scoring: [
          { atLeast: 1, points: 5 },
          { atLeast: 2, points: 6 },
          { atLeast: 4, points: 8 },
          { atLeast: 6, points: 10 },
        ],
      },
      attested('ENCOURAGES_LEARNING', 'Động viên gia đình, đồng nghiệp cùng học tập', 'Encourages family and colleagues to learn', 10),
      {
        code: 'DIGITAL_SKILLS',
        vi: 'Sử dụng công nghệ thông tin đáp ứng yêu cầu công việc và cuộc sống',
        en: 'Uses IT as work and life require',
        source: 'AUTO_OR_ATTESTED',
        max: 10,
        metric: 'TOPIC_ACHIEVEMENT',
        params: { topic: 'DIGITAL_SKILLS', completionYears: 3 },
        scoring: [
          { atLeast: 1, points: 6 },
          { atLeast: 2, points: 10 },
        ],
      },
      {
        code: 'FOREIGN_LANGUAGE',
        vi: 'Sử dụng ngoại ngữ theo yêu cầu công việc',
        en: 'Uses a foreign language as the job requires',
        source: 'AUTO_OR_ATTESTED',
        max: 10,
        metric: 'TOPIC_ACHIEVEMENT',
        params: { topic: 'FOREIGN_LANGUAGE', completionYears: 3 },
        scoring: [
          { atLeast: 1, points: 6 },
          { atLeast: 2, points: 10 },
        ],
      },
      attested('NUMERACY', 'Vận dụng kiến thức tính toán để nâng cao hiệu quả công việc', 'Applies numeracy to improve work', 10),
      attested('CRITICAL_THINKING', 'Có tư duy phản biện trong công việc và đời sống cộng đồng', 'Critical thinking at work and in community life', 10),
      attested('RELATIONS', 'Quan hệ thân thiện, giải quyết mâu thuẫn', 'Friendly relations, resolves conflicts', 10),
      attested('COOPERATION', 'Hợp tác và chia sẻ', 'Cooperates and shares', 10),
    ],
  },
  {
    kind: 'LEARNING_FAMILY',
    basis: 'Hội Khuyến học Việt Nam, Quyết định 448/QĐ-KHVN (2015); Chương trình 387/QĐ-TTg',
    points: { total: 100, threshold: 80, minimum: 0.5, minimumKind: 'FRACTION_OF_MAXIMUM' },
    indicators: [
      attested('CHILDREN_SCHOOLING', 'Trẻ em trong độ tuổi đi học được đến trường, hoàn thành phổ cập giáo dục', 'School-age children attend and complete universal education', 10),
      attested('CHILDREN_RESULTS', 'Kết quả học tập và rèn luyện của trẻ em', "Children's results and conduct", 10),
      attested('CHILDREN_BEHAVIOUR', 'Trẻ em ngoan, lễ phép', "Children's behaviour", 10),
      attested('ADULT_LITERACY', 'Người từ 19 đến 60 tuổi biết chữ', 'Adults aged 19–60 are literate', 10),
      {
        code: 'ADULT_ACTIVITY',
        vi: 'Mọi thành viên từ 19 đến 60 tuổi có ít nhất một hoạt động học tập được xác nhận trong năm',
        en: 'Every member aged 19–60 has at least one verified learning activity in the year',
        source: 'AUTO',
        max: 10,
        metric: 'MEMBER_ACTIVITY_SHARE',
        params: { ageMin: 19, ageMax: 60 },
        scoring: [
          { atLeast: 0.5, points: 5 },
          { atLeast: 1, points: 10 },
        ],
      },
      citizenShare(15, 10, [
        [0.25, 5],
        [0.5, 10],
      ]),
      attested('HOME_CONDITIONS', 'Điều kiện học tập tại gia đình', 'Learning conditions at home', 20),
      attested('FAMILY_EFFECTS', 'Hiệu quả của việc học tập đối với đời sống gia đình', 'Effects of learning on family life', 20),
    ],
  },
  {
    kind: 'LEARNING_UNIT',
    basis: 'Thông tư 24/2023/TT-BGDĐT (đơn vị cấp huyện, tỉnh quản lý); 448/QĐ-KHVN (đơn vị cấp xã quản lý)',
    levels: 2,
    validityYears: 3,
    indicators: [
      attestedAt('CONDITIONS', 'Điều kiện: kế hoạch, nội quy, kinh phí, trang thiết bị học tập', 'Conditions: plan, internal rules, budget, equipment', 1),
      {
        code: 'MEMBER_RESULTS',
        vi: 'Ít nhất 90% thành viên hoàn thành các chương trình bắt buộc trong năm',
        en: 'At least 90 % of members completed the programmes marked mandatory for the year',
        source: 'AUTO_OR_ATTESTED',
        metric: 'MANDATORY_PROGRAMME_COMPLETION_SHARE',
        params: {},
        level: 1,
        metAtLeast: 0.9,
      },
      {
        code: 'MEMBER_CITIZENS_L1',
        vi: 'Ít nhất 90% thành viên đạt Công dân học tập',
        en: 'At least 90 % of members are Learning Citizens',
        source: 'AUTO',
        metric: 'CITIZEN_TITLE_SHARE',
        params: {},
        level: 1,
        metAtLeast: 0.9,
      },
      {
        code: 'LEARNER_CITIZENS_L1',
        vi: 'Trường học: ít nhất 95% người học đạt Công dân học tập',
        en: 'Schools: at least 95 % of learners are Learning Citizens',
        source: 'AUTO',
        metric: 'CITIZEN_TITLE_SHARE',
        params: { memberRoles: ['LEARNER'] },
        level: 1,
        metAtLeast: 0.95,
        appliesTo: ['SCHOOL'],
      },
      attestedAt('EMULATION_TITLE', 'Đạt danh hiệu thi đua tập thể', 'Holds a collective emulation title', 1),
      {
        code: 'MEMBER_CITIZENS_L2',
        vi: 'Ít nhất 95% thành viên đạt Công dân học tập',
        en: 'At least 95 % of members are Learning Citizens',
        source: 'AUTO',
        metric: 'CITIZEN_TITLE_SHARE',
        params: {},
        level: 2,
        metAtLeast: 0.95,
      },
      {
        code: 'LEARNER_CITIZENS_L2',
        vi: 'Trường học: ít nhất 97% người học đạt Công dân học tập',
        en: 'Schools: at least 97 % of learners are Learning Citizens',
        source: 'AUTO',
        metric: 'CITIZEN_TITLE_SHARE',
        params: { memberRoles: ['LEARNER'] },
        level: 2,
        metAtLeast: 0.97,
        appliesTo: ['SCHOOL'],
      },
    ],
  },
  {
    kind: 'LEARNING_CLAN',
    basis: 'Hội Khuyến học Việt Nam, Quyết định 448/QĐ-KHVN (2015); Chương trình 387/QĐ-TTg',
    points: { total: 100, threshold: 80, minimum: 0.5, minimumKind: 'FRACTION_OF_MAXIMUM' },
    indicators: [
      familyShare(
        30,
        [
          [0.3, 10],
          [0.5, 20],
          [0.7, 30],
        ],
        'Tỉ lệ hộ thành viên đạt Gia đình học tập',
        'Share of member households that are Learning Families',
      ),
      citizenShare(15, 20, [
        [0.25, 10],
        [0.4, 20],
      ]),
      attested('STUDY_PROMOTION', 'Có ban hoặc quỹ khuyến học của dòng họ', 'Clan study-promotion board or fund', 25),
      attested('CHILDREN_ACHIEVEMENTS', 'Con cháu trong dòng họ đi học và thành tích học tập', "Children's schooling and achievements", 25),
    ],
  },
  {
    kind: 'LEARNING_COMMUNITY',
    unitLevel: 'HAMLET',
    basis: 'Hội Khuyến học Việt Nam, Quyết định 448/QĐ-KHVN (2015)',
    points: { total: 100, threshold: 80, minimum: 0.5, minimumKind: 'FRACTION_OF_MAXIMUM' },
    indicators: [
      familyShare(
        40,
        [
          [0.5, 20],
          [0.6, 30],
          [0.7, 40],
        ],
        'Tỉ lệ hộ gia đình đạt Gia đình học tập',
        'Share of households that are Learning Families',
      ),
      citizenShare(15, 20, [
        [0.25, 10],
        [0.4, 20],
      ]),
      {
        code: 'LEARNING_ACTIVITY',
        vi: 'Buổi học được xác nhận tại thôn, ấp hoặc trung tâm học tập cộng đồng của xã, có người của thôn, ấp tham dự',
        en: "Verified sessions held in the hamlet or its commune's community learning centre with an attendee from the hamlet",
        source: 'AUTO',
        max: 20,
        metric: 'SESSIONS_IN_UNIT',
        params: { parentInstitutionKinds: ['COMMUNITY_LEARNING_CENTRE'], attendeeFromUnit: true },
        scoring: [
          { atLeast: 6, points: 10 },
          { atLeast: 12, points: 20 },
        ],
      },
      attested('LEADERSHIP', 'Lãnh đạo, chỉ đạo và tuyên truyền', 'Leadership and propaganda', 20),
    ],
  },
  {
    kind: 'LEARNING_COMMUNITY',
    unitLevel: 'COMMUNE',
    basis: 'Thông tư 25/2023/TT-BGDĐT; mục tiêu 387/QĐ-TTg và 677/QĐ-TTg (mức 1: năm 2025, mức 2: năm 2030)',
    levels: 2,
    indicators: [...communeLevel(1, 24, 0.7, 0.65, 0.4), ...communeLevel(2, 48, 0.8, 0.75, 0.7)],
  },
  {
    kind: 'LEARNING_COMMUNITY',
    unitLevel: 'DISTRICT',
    basis: 'Thông tư 25/2023/TT-BGDĐT (cấp huyện, trước 1/7/2025)',
    levels: 2,
    indicators: [...aboveCommuneLevel(1, 0.7), ...aboveCommuneLevel(2, 0.9)],
  },
  {
    kind: 'LEARNING_COMMUNITY',
    unitLevel: 'PROVINCE',
    basis: 'Thông tư 25/2023/TT-BGDĐT',
    levels: 2,
    indicators: [...aboveCommuneLevel(1, 0.7), ...aboveCommuneLevel(2, 0.9)],
  },
];

export class Migration20261128193500_titles_vn_2024 extends Migration {
  override async up(): Promise<void> {
    const knex = this.getKnex();
    // Inserted as a draft, then published: the read-only triggers refuse rows added to a published version.
    this.addSql(
      knex.raw(
        `insert into title_ruleset (id, created_at, updated_at, code, version, status, effective_from, description)
         values (?, now(), now(), 'VN-2024', 1, 'DRAFT', '2024-01-01', ?)`,
        [
          RULESET_ID,
          'Bộ tiêu chí mặc định (tạm thời) theo tiêu chí của Hội Khuyến học Việt Nam, Thông tư 24/2023 và 25/2023 của Bộ GD&ĐT và mục tiêu của 387/QĐ-TTg, 677/QĐ-TTg; phần chưa công bố là lựa chọn của tỉnh.',
        ],
      ),
    );
    DEFINITIONS.forEach((definition, position) => {
      const definitionId = `2f9a6c1e-7c1b-4d5e-9a42-0b7d2c0241${String(position).padStart(2, '0')}`;
      const points = definition.points;
      this.addSql(
        knex.raw(
          `insert into title_definition (id, created_at, updated_at, ruleset_id, kind, unit_level, position, basis, pass_rule, total_points, pass_threshold,
             disadvantaged_threshold, indicator_minimum, indicator_minimum_kind, checklist_levels, recognition_validity_years)
           values (?, now(), now(), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          [
            definitionId,
            RULESET_ID,
            definition.kind,
            definition.unitLevel ?? null,
            position + 1,
            definition.basis,
            points ? 'POINTS' : 'CHECKLIST',
            points?.total ?? null,
            points?.threshold ?? null,
            points?.disadvantaged ?? null,
            points?.minimum ?? null,
            points?.minimumKind ?? null,
            definition.levels ?? null,
            definition.validityYears ?? null,
          ],
        ),
      );
      definition.indicators.forEach((indicator, index) => {
        this.addSql(
          knex.raw(
            `insert into title_indicator (id, created_at, updated_at, definition_id, position, code, label_vi, label_en, source, max_score, metric, metric_params, scoring, level, met_at_least, applies_to)
             values (gen_random_uuid(), now(), now(), ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?, ?::text[])`,
            [
              definitionId,
              index + 1,
              indicator.code,
              indicator.vi,
              indicator.en,
              indicator.source,
              indicator.max ?? null,
              indicator.metric ?? null,
              indicator.params ? JSON.stringify(indicator.params) : null,
              indicator.scoring ? JSON.stringify(indicator.scoring) : null,
              indicator.level ?? null,
              indicator.metAtLeast ?? null,
              indicator.appliesTo ? `{${indicator.appliesTo.join(',')}}` : null,
            ],
          ),
        );
      });
    });
    this.addSql(knex.raw(`update title_ruleset set status = 'PUBLISHED', published_at = now() where id = ?`, [RULESET_ID]));
  }

  override async down(): Promise<void> {
    // A published version is read-only: the trigger is lifted for the time of the removal.
    this.addSql(`alter table title_ruleset disable trigger title_ruleset_read_only`);
    this.addSql(`delete from title_ruleset where id = '${RULESET_ID}'`);
    this.addSql(`alter table title_ruleset enable trigger title_ruleset_read_only`);
  }
}
