import { Migration } from '@mikro-orm/migrations';

/*
 * VN-2024 version 3: version 2 row for row, plus the yearly emulation checklists of collectives of
 * the province's plan (III.1 a–c, đ) as COLLECTIVE_EMULATION definitions: the province, a district
 * (historic), a commune, an organisation. Each is a checklist of one level: items the platform
 * knows are AUTO (the collective's own Learning Community or Learning Unit title, recognised
 * initiatives, verified contributions), the others are an assessor's met / not met. Effective from
 * 2026-01-01 like version 2 and published after it, so it is the version in force from then on;
 * 2025 and before keep their versions, which have no emulation checklist.
 */

const V2 = '2f9a6c1e-7c1b-4d5e-9a42-0b7d2c024002';
const V3 = '2f9a6c1e-7c1b-4d5e-9a42-0b7d2c024003';
/** Version 2's definitions end in 0242NN; version 3's in 0243NN. */
const definitionOfV3 = (column: string) => `replace(${column}::text, '0b7d2c0242', '0b7d2c0243')::uuid`;

interface Item {
  code: string;
  vi: string;
  en: string;
  source: 'AUTO' | 'ATTESTED' | 'AUTO_OR_ATTESTED';
  metric?: string;
  params?: Record<string, unknown>;
  metAtLeast?: number;
}

interface Checklist {
  unitLevel: string | null;
  basis: string;
  items: Item[];
}

const attested = (code: string, vi: string, en: string): Item => ({ code, vi, en, source: 'ATTESTED' });

const INITIATIVES: Item = {
  code: 'INITIATIVES',
  vi: 'Có ít nhất 1 sáng kiến, giải pháp hiệu quả được Hội đồng thi đua - khen thưởng công nhận trong năm',
  en: 'At least one initiative or effective solution recognised by an emulation council in the year',
  source: 'AUTO',
  metric: 'RECOGNISED_INITIATIVES',
  params: {},
  metAtLeast: 1,
};

/** III.1 a–c: the province, a district (historic), a commune. */
function unitChecklist(unitLevel: string, item: string, levelVi: string, levelEn: string): Checklist {
  return {
    unitLevel,
    basis: `Kế hoạch xây dựng xã hội học tập của tỉnh giai đoạn 2023–2030, mục III.1 ${item} (tiêu chí thi đua ${levelVi})`,
    items: [
      attested('POLICIES', 'Ban hành và tổ chức thực hiện văn bản chỉ đạo, kế hoạch xây dựng xã hội học tập của năm', "Issued and carried out the year's directives and plans for building a learning society"),
      attested('PROPAGANDA', 'Tuyên truyền, nâng cao nhận thức về học tập suốt đời và xây dựng xã hội học tập', 'Propaganda and awareness of lifelong learning and the learning society'),
      INITIATIVES,
      {
        code: 'COMMUNITY_TITLE',
        vi: `Được công nhận Cộng đồng học tập ${levelVi}`,
        en: `Recognised as a Learning Community (${levelEn})`,
        source: 'AUTO',
        metric: 'OWN_TITLE',
        params: {},
        metAtLeast: 1,
      },
    ],
  };
}

const CHECKLISTS: Checklist[] = [
  {
    unitLevel: null,
    basis: 'Kế hoạch xây dựng xã hội học tập của tỉnh giai đoạn 2023–2030, mục III.1 đ (tiêu chí thi đua của cơ quan, tổ chức, doanh nghiệp)',
    items: [
      attested('INTERNAL_RULES', 'Có quy chế nội bộ về học tập của cán bộ, người lao động', "Has internal rules on its staff's learning"),
      attested('STAFF_SUPPORT', 'Hỗ trợ thời gian, kinh phí cho cán bộ, người lao động đi học', 'Supports staff who study with time or money'),
      INITIATIVES,
      {
        code: 'CONTRIBUTIONS',
        vi: 'Có đóng góp cho xây dựng xã hội học tập được xác nhận trong năm',
        en: 'A verified contribution to the learning society in the year',
        source: 'AUTO',
        metric: 'VERIFIED_CONTRIBUTIONS',
        params: { measure: 'COUNT' },
        metAtLeast: 1,
      },
      {
        code: 'LEARNING_UNIT',
        vi: 'Được công nhận Đơn vị học tập (hoặc các đơn vị thành viên được công nhận, do cán bộ đánh giá xác nhận)',
        en: 'Recognised as a Learning Unit (or its member units are, as an assessor attests)',
        source: 'AUTO_OR_ATTESTED',
        metric: 'OWN_TITLE',
        params: {},
        metAtLeast: 1,
      },
    ],
  },
  unitChecklist('COMMUNE', 'c', 'cấp xã', 'commune'),
  unitChecklist('DISTRICT', 'b', 'cấp huyện', 'district'),
  unitChecklist('PROVINCE', 'a', 'cấp tỉnh', 'province'),
];

export class Migration20261206220000_titles_vn_2024_v3 extends Migration {
  override async up(): Promise<void> {
    const knex = this.getKnex();
    // Built as a draft, then published: the read-only triggers refuse rows added to a published version.
    this.addSql(
      knex.raw(
        `insert into title_ruleset (id, created_at, updated_at, code, version, status, effective_from, description, based_on_id)
         values (?, now(), now(), 'VN-2024', 3, 'DRAFT', '2026-01-01', ?, ?)`,
        [
          V3,
          'Phiên bản 3 của bộ tiêu chí mặc định: phiên bản 2 và tiêu chí thi đua hằng năm của tập thể (tỉnh, huyện, xã, cơ quan, tổ chức, doanh nghiệp) theo mục III.1 của kế hoạch.',
          V2,
        ],
      ),
    );
    this.addSql(
      knex.raw(
        `insert into title_definition (id, created_at, updated_at, ruleset_id, kind, unit_level, position, basis, pass_rule, total_points, pass_threshold,
           disadvantaged_threshold, indicator_minimum, indicator_minimum_kind, checklist_levels, recognition_validity_years, criteria, criterion_minimum, criterion_minimum_kind)
         select ${definitionOfV3('id')}, now(), now(), ?, kind, unit_level, position, basis, pass_rule, total_points, pass_threshold,
                disadvantaged_threshold, indicator_minimum, indicator_minimum_kind, checklist_levels, recognition_validity_years, criteria, criterion_minimum, criterion_minimum_kind
           from title_definition where ruleset_id = ?`,
        [V3, V2],
      ),
    );
    this.addSql(
      knex.raw(
        `insert into title_indicator (id, created_at, updated_at, definition_id, position, code, label_vi, label_en, source, max_score, metric, metric_params, scoring, level, met_at_least, applies_to)
         select gen_random_uuid(), now(), now(), ${definitionOfV3('i.definition_id')}, i.position, i.code, i.label_vi, i.label_en, i.source, i.max_score, i.metric, i.metric_params, i.scoring, i.level, i.met_at_least, i.applies_to
           from title_indicator i join title_definition d on d.id = i.definition_id where d.ruleset_id = ?`,
        [V2],
      ),
    );
    CHECKLISTS.forEach((checklist, index) => {
      // After version 2's eight definitions (positions 1–8, ids 024300–024307).
      const definitionId = `2f9a6c1e-7c1b-4d5e-9a42-0b7d2c0243${String(8 + index).padStart(2, '0')}`;
      this.addSql(
        knex.raw(
          `insert into title_definition (id, created_at, updated_at, ruleset_id, kind, unit_level, position, basis, pass_rule, checklist_levels)
           values (?, now(), now(), ?, 'COLLECTIVE_EMULATION', ?, ?, ?, 'CHECKLIST', 1)`,
          [definitionId, V3, checklist.unitLevel, 9 + index, checklist.basis],
        ),
      );
      checklist.items.forEach((item, position) => {
        this.addSql(
          knex.raw(
            `insert into title_indicator (id, created_at, updated_at, definition_id, position, code, label_vi, label_en, source, metric, metric_params, level, met_at_least)
             values (gen_random_uuid(), now(), now(), ?, ?, ?, ?, ?, ?, ?, ?::jsonb, 1, ?)`,
            [definitionId, position + 1, item.code, item.vi, item.en, item.source, item.metric ?? null, item.params ? JSON.stringify(item.params) : null, item.metAtLeast ?? null],
          ),
        );
      });
    });
    // clock_timestamp(), not now(): migrations applied together share one transaction, and version 3 must be the later published on the tie of their effective day.
    this.addSql(knex.raw(`update title_ruleset set status = 'PUBLISHED', published_at = clock_timestamp() where id = ?`, [V3]));
  }

  override async down(): Promise<void> {
    // A published version is read-only: the trigger is lifted for the time of the removal.
    this.addSql(`alter table title_ruleset disable trigger title_ruleset_read_only`);
    this.addSql(`delete from title_ruleset where id = '${V3}'`);
    this.addSql(`alter table title_ruleset enable trigger title_ruleset_read_only`);
  }
}
