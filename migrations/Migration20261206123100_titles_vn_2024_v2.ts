import { Migration } from '@mikro-orm/migrations';

/*
 * VN-2024 version 2 (titles.md): version 1 with the family, clan and hamlet definitions corrected.
 * Their indicators are grouped into criteria and the pass rule's minimum ("no criterion below
 * half of its maximum") applies to each criterion's sum, not to every indicator: a family whose
 * adults score 10 + 10 + 0 of 30 meets that criterion. Everything else is copied from version 1,
 * row for row. Effective from 2026-01-01: the current year is assessed with it; 2025 and before
 * stay with version 1, and awards keep the version they were made with.
 */

const V1 = '2f9a6c1e-7c1b-4d5e-9a42-0b7d2c024001';
const V2 = '2f9a6c1e-7c1b-4d5e-9a42-0b7d2c024002';
/** Version 1's definitions end in 0241NN; version 2's in 0242NN. */
const definitionOfV2 = (column: string) => `replace(${column}::text, '0b7d2c0241', '0b7d2c0242')::uuid`;

interface Criterion {
  code: string;
  labelVi: string;
  labelEn: string;
  indicatorCodes: string[];
}

const criterion = (code: string, labelVi: string, labelEn: string, ...indicatorCodes: string[]): Criterion => ({ code, labelVi, labelEn, indicatorCodes });

const CRITERIA: { kind: string; unitLevel: string | null; criteria: Criterion[] }[] = [
  {
    kind: 'LEARNING_FAMILY',
    unitLevel: null,
    criteria: [
      criterion('CHILDREN', 'Trẻ em học tập', "Children's learning", 'CHILDREN_SCHOOLING', 'CHILDREN_RESULTS', 'CHILDREN_BEHAVIOUR'),
      criterion('ADULTS', 'Người lớn học tập', "Adults' learning", 'ADULT_LITERACY', 'ADULT_ACTIVITY', 'CITIZEN_SHARE'),
      criterion('CONDITIONS', 'Điều kiện học tập', 'Learning conditions', 'HOME_CONDITIONS'),
      criterion('EFFECTS', 'Hiệu quả học tập', 'Effects of learning', 'FAMILY_EFFECTS'),
    ],
  },
  {
    kind: 'LEARNING_CLAN',
    unitLevel: null,
    criteria: [
      criterion('FAMILIES', 'Hộ gia đình học tập', 'Learning families', 'FAMILY_SHARE'),
      criterion('CITIZENS', 'Công dân học tập', 'Learning citizens', 'CITIZEN_SHARE'),
      criterion('STUDY_PROMOTION', 'Khuyến học của dòng họ', "The clan's study promotion", 'STUDY_PROMOTION'),
      criterion('CHILDREN', 'Con cháu học tập', "Children's learning", 'CHILDREN_ACHIEVEMENTS'),
    ],
  },
  {
    kind: 'LEARNING_COMMUNITY',
    unitLevel: 'HAMLET',
    criteria: [
      criterion('FAMILIES', 'Hộ gia đình học tập', 'Learning families', 'FAMILY_SHARE'),
      criterion('CITIZENS', 'Công dân học tập', 'Learning citizens', 'CITIZEN_SHARE'),
      criterion('ACTIVITY', 'Hoạt động học tập', 'Learning activity', 'LEARNING_ACTIVITY'),
      criterion('LEADERSHIP', 'Lãnh đạo, chỉ đạo', 'Leadership', 'LEADERSHIP'),
    ],
  },
];

export class Migration20261206123100_titles_vn_2024_v2 extends Migration {
  override async up(): Promise<void> {
    const knex = this.getKnex();
    // Built as a draft, then published: the read-only triggers refuse rows added to a published version.
    this.addSql(
      knex.raw(
        `insert into title_ruleset (id, created_at, updated_at, code, version, status, effective_from, description, based_on_id)
         values (?, now(), now(), 'VN-2024', 2, 'DRAFT', '2026-01-01', ?, ?)`,
        [
          V2,
          'Phiên bản 2 của bộ tiêu chí mặc định: Gia đình, Dòng họ, Cộng đồng học tập (thôn, ấp) chấm theo tiêu chí gồm các chỉ số; không tiêu chí nào dưới một nửa điểm tối đa của tiêu chí. Còn lại như phiên bản 1.',
          V1,
        ],
      ),
    );
    this.addSql(
      knex.raw(
        `insert into title_definition (id, created_at, updated_at, ruleset_id, kind, unit_level, position, basis, pass_rule, total_points, pass_threshold,
           disadvantaged_threshold, indicator_minimum, indicator_minimum_kind, checklist_levels, recognition_validity_years, criteria, criterion_minimum, criterion_minimum_kind)
         select ${definitionOfV2('id')}, now(), now(), ?, kind, unit_level, position, basis, pass_rule, total_points, pass_threshold,
                disadvantaged_threshold, indicator_minimum, indicator_minimum_kind, checklist_levels, recognition_validity_years, criteria, criterion_minimum, criterion_minimum_kind
           from title_definition where ruleset_id = ?`,
        [V2, V1],
      ),
    );
    this.addSql(
      knex.raw(
        `insert into title_indicator (id, created_at, updated_at, definition_id, position, code, label_vi, label_en, source, max_score, metric, metric_params, scoring, level, met_at_least, applies_to)
         select gen_random_uuid(), now(), now(), ${definitionOfV2('i.definition_id')}, i.position, i.code, i.label_vi, i.label_en, i.source, i.max_score, i.metric, i.metric_params, i.scoring, i.level, i.met_at_least, i.applies_to
           from title_indicator i join title_definition d on d.id = i.definition_id where d.ruleset_id = ?`,
        [V1],
      ),
    );
    for (const { kind, unitLevel, criteria } of CRITERIA) {
      this.addSql(
        knex.raw(
          `update title_definition set criteria = ?::jsonb, indicator_minimum = null, indicator_minimum_kind = null, criterion_minimum = 0.5, criterion_minimum_kind = 'FRACTION_OF_MAXIMUM'
            where ruleset_id = ? and kind = ? and unit_level is not distinct from ?`,
          [JSON.stringify(criteria), V2, kind, unitLevel],
        ),
      );
    }
    this.addSql(knex.raw(`update title_ruleset set status = 'PUBLISHED', published_at = now() where id = ?`, [V2]));
  }

  override async down(): Promise<void> {
    // A published version is read-only: the trigger is lifted for the time of the removal.
    this.addSql(`alter table title_ruleset disable trigger title_ruleset_read_only`);
    this.addSql(`delete from title_ruleset where id = '${V2}'`);
    this.addSql(`alter table title_ruleset enable trigger title_ruleset_read_only`);
  }
}
