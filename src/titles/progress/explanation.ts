import { labelOf } from '../../core/labels';
import type { Locale } from '../../core/locale';
import { ScoreSource } from '../engine/engine.enums';
import { HOLDER_SHARE_TITLE, MetricName } from '../engine/metrics';
import type { HolderCount, IndicatorScore } from './progress.entity';
import type { ScoringBand } from '../rulesets/ruleset.entity';

/** What the texts need to know of an indicator of the ruleset. */
export interface IndicatorText {
  code: string;
  labelVi: string;
  labelEn: string;
  maxScore: number;
  metric: string | null;
  metricParams: Record<string, unknown> | null;
  scoring: ScoringBand[] | null;
  /** CHECKLIST: the level it belongs to; null for a points rule. */
  level: number | null;
}

/** What the texts need to know of a criterion of the ruleset, with its maximum and minimum under the pass rule. */
export interface CriterionText {
  code: string;
  labelVi: string;
  labelEn: string;
  indicatorCodes: string[];
  maxScore: number;
  /** The least its sum may be; null when the rule sets no minimum per criterion. */
  minimum: number | null;
}

/** A criterion's sum in a progress row or an award, and a line saying it. */
export interface CriterionSum {
  code: string;
  label: string;
  score: number;
  maxScore: number;
  minimum: number | null;
  /** Whether the sum reaches the minimum; null without one. */
  meetsMinimum: boolean | null;
  explanation: string;
}

const number = (value: number, locale: Locale) => value.toLocaleString(locale === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: 2 });
const pick = (locale: Locale, vi: string, en: string) => (locale === 'vi' ? vi : en);
/** A share as a percentage ("89,9 %"); a share over no one reads as 0 %. */
const percent = (value: number | null, locale: Locale) => `${number(Math.round((value ?? 0) * 1000) / 10, locale)} %`;
const label = (indicator: IndicatorText, locale: Locale) => pick(locale, indicator.labelVi, indicator.labelEn);

function topicOf(indicator: IndicatorText, locale: Locale): string {
  const topic = String(indicator.metricParams?.topic ?? '');
  return topic ? labelOf('Topic', topic, locale).toLowerCase() : '';
}

/** What a share of holders counts, in words. */
const HOLDER_SHARE_ITEMS: Partial<Record<string, { vi: string; en: string }>> = {
  [MetricName.CITIZEN_TITLE_SHARE]: { vi: 'người', en: 'people' },
  [MetricName.FAMILY_TITLE_SHARE]: { vi: 'hộ', en: 'households' },
  [MetricName.COMMUNITY_TITLE_SHARE]: { vi: 'đơn vị trực thuộc', en: 'units below' },
};

/**
 * A share of holders with what was counted (titles.md): "3 of 5 households recognised as Gia đình
 * học tập in 2025" where the year's recognition is recorded, the provisional results where it is
 * not, and both named when the counted items lie on either side.
 */
function holderShareText(metric: string, holders: HolderCount, year: number, locale: Locale): string | null {
  const items = HOLDER_SHARE_ITEMS[metric];
  const held = HOLDER_SHARE_TITLE[metric];
  if (!items || !held) return null;
  // The movement's titles are proper names: English texts keep them in Vietnamese, as the decisions write them.
  const title = labelOf('TitleKind', held, 'vi');
  const count = pick(locale, `${number(holders.held, locale)}/${number(holders.counted, locale)} ${items.vi}`, `${number(holders.held, locale)} of ${number(holders.counted, locale)} ${items.en}`);
  const share = percent(holders.counted ? holders.held / holders.counted : 0, locale);
  if (holders.counted > 0 && holders.countedRecognised === holders.counted) {
    return pick(locale, `${count} được công nhận ${title} năm ${year} (${share})`, `${count} recognised as ${title} in ${year} (${share})`);
  }
  if (holders.countedRecognised === 0) {
    return pick(
      locale,
      `${count} đạt tiêu chí ${title} năm ${year}, tạm tính vì chưa có quyết định công nhận (${share})`,
      `${count} meet the criteria of ${title} in ${year}, provisional while the recognition is not recorded (${share})`,
    );
  }
  const recognised = pick(locale, `${number(holders.countedRecognised, locale)}/${number(holders.counted, locale)}`, `${number(holders.countedRecognised, locale)} of the ${number(holders.counted, locale)}`);
  return pick(
    locale,
    `${count} đạt ${title} năm ${year} (${share}): tính theo quyết định công nhận với ${recognised} ${items.vi} nơi đã có quyết định, theo kết quả tạm tính với số còn lại`,
    `${count} hold ${title} in ${year} (${share}): recognitions counted for the ${recognised} where the recognition is recorded, provisional results for the others`,
  );
}

/** The metric's value in words: "12,5 giờ tự học đã xác nhận trong năm" / "12.5 verified self-study hours this year". */
function valueText(indicator: IndicatorText, score: IndicatorScore, year: number, locale: Locale): string {
  const { value } = score;
  const v = value ?? 0;
  const holders = score.holders && indicator.metric ? holderShareText(indicator.metric, score.holders, year, locale) : null;
  if (holders) return holders;
  switch (indicator.metric) {
    case MetricName.VERIFIED_HOURS:
      return pick(locale, `${number(v, locale)} giờ học đã xác nhận trong năm`, `${number(v, locale)} verified hours of learning this year`);
    case MetricName.ATTENDED_SESSIONS:
      return pick(locale, `${number(v, locale)} buổi sinh hoạt đã xác nhận tại các thiết chế trong năm`, `${number(v, locale)} verified sessions attended at institutions this year`);
    case MetricName.TOPIC_ACHIEVEMENT: {
      const topic = topicOf(indicator, locale);
      const years = Number(indicator.metricParams?.completionYears ?? 1);
      if (v >= 2) return pick(locale, `Đã hoàn thành hoặc có chứng chỉ ${topic} (đã xác nhận) trong ${years} năm gần đây`, `A verified completion or certificate in ${topic} within the last ${years} years`);
      if (v >= 1) return pick(locale, `Có hoạt động học ${topic} đã xác nhận trong năm`, `Verified ${topic} learning this year`);
      return pick(locale, `Chưa có hoạt động học ${topic} đã xác nhận trong năm`, `No verified ${topic} learning this year`);
    }
    case MetricName.LEARNING_PLAN_COMPLETION:
      if (value === null) return pick(locale, 'Chưa có kế hoạch học tập của năm', 'No learning plan for the year');
      return pick(locale, `Đã đạt ${number(Math.round(v * 100), locale)} % mục tiêu của kế hoạch học tập`, `${number(Math.round(v * 100), locale)} % of the learning plan's goals met`);
    case MetricName.MEMBER_ACTIVITY_SHARE:
      return pick(locale, `${percent(value, locale)} thành viên có hoạt động học tập đã xác nhận trong năm`, `${percent(value, locale)} of members with verified learning this year`);
    case MetricName.CITIZEN_TITLE_SHARE:
      return pick(locale, `${percent(value, locale)} người đạt Công dân học tập`, `${percent(value, locale)} of people are Learning Citizens`);
    case MetricName.FAMILY_TITLE_SHARE:
      return pick(locale, `${percent(value, locale)} hộ đạt Gia đình học tập`, `${percent(value, locale)} of households are Learning Families`);
    case MetricName.COMMUNITY_TITLE_SHARE:
      return pick(locale, `${percent(value, locale)} đơn vị trực thuộc đạt Cộng đồng học tập`, `${percent(value, locale)} of the units below are Learning Communities`);
    case MetricName.MANDATORY_PROGRAMME_COMPLETION_SHARE:
      return pick(locale, `${percent(value, locale)} thành viên hoàn thành các chương trình bắt buộc`, `${percent(value, locale)} of members completed the mandatory programmes`);
    case MetricName.SESSIONS_IN_UNIT:
      return pick(locale, `${number(v, locale)} buổi học đã xác nhận trong năm`, `${number(v, locale)} verified sessions this year`);
    case MetricName.OWN_TITLE:
      return v >= 1
        ? pick(locale, 'Đã đạt danh hiệu học tập của năm', 'Holds its learning title for the year')
        : pick(locale, 'Chưa đạt danh hiệu học tập của năm', 'Does not hold its learning title for the year');
    case MetricName.RECOGNISED_INITIATIVES:
      return pick(locale, `${number(v, locale)} sáng kiến, giải pháp được công nhận trong năm`, `${number(v, locale)} initiatives recognised this year`);
    case MetricName.VERIFIED_CONTRIBUTIONS:
      switch (indicator.metricParams?.measure) {
        case 'VALUE_MILLION_VND':
          return pick(locale, `${number(v, locale)} triệu đồng đóng góp đã xác nhận trong năm`, `${number(v, locale)} million đồng of verified contributions this year`);
        case 'HOURS':
          return pick(locale, `${number(v, locale)} giờ đóng góp đã xác nhận trong năm`, `${number(v, locale)} hours of verified contributions this year`);
        default:
          return pick(locale, `${number(v, locale)} đóng góp đã xác nhận trong năm`, `${number(v, locale)} verified contributions this year`);
      }
    case null:
    default:
      return pick(locale, `Giá trị ${number(v, locale)}`, `Value ${number(v, locale)}`);
  }
}


/** One line a citizen can read on where an indicator's score comes from, for the year evaluated. */
export function explainIndicator(indicator: IndicatorText, score: IndicatorScore, year: number, locale: Locale): string {
  const points = (s: number) =>
    indicator.level !== null
      ? pick(locale, s >= 1 ? `đạt (mức ${indicator.level})` : `chưa đạt (mức ${indicator.level})`, s >= 1 ? `met (level ${indicator.level})` : `not met (level ${indicator.level})`)
      : pick(locale, `${number(s, locale)}/${number(indicator.maxScore, locale)} điểm`, `${number(s, locale)} of ${number(indicator.maxScore, locale)} points`);
  switch (score.source) {
    case ScoreSource.NOT_APPLICABLE:
      return pick(locale, 'Không áp dụng cho loại đơn vị này', 'Does not apply to this kind of organisation');
    case ScoreSource.MISSING:
      return pick(locale, `Chờ cán bộ đánh giá (tối đa ${number(indicator.maxScore, locale)} điểm)`, `Awaiting an assessor's entry (up to ${number(indicator.maxScore, locale)} points)`);
    case ScoreSource.ATTESTED:
      return `${pick(locale, 'Cán bộ đánh giá', 'Attested by an assessor')}: ${points(score.score ?? 0)}`;
    case ScoreSource.AUTO:
      return `${valueText(indicator, score, year, locale)}: ${points(score.score ?? 0)}`;
  }
}

/** What it takes to reach the next band of the scoring table, or null at the top. */
function nextStep(indicator: IndicatorText, score: IndicatorScore, locale: Locale): string | null {
  const current = score.score ?? 0;
  const band = [...(indicator.scoring ?? [])].sort((a, b) => a.atLeast - b.atLeast).find((b) => b.points > current);
  if (!band) return null;
  const gap = Math.max(0, band.atLeast - (score.value ?? 0));
  const to = pick(locale, ` (${number(band.points, locale)} điểm)`, ` (${number(band.points, locale)} points)`);
  switch (indicator.metric) {
    case MetricName.VERIFIED_HOURS:
      return pick(locale, `thêm ${number(gap, locale)} giờ học đã xác nhận`, `${number(gap, locale)} more verified hours`) + to;
    case MetricName.ATTENDED_SESSIONS:
      return pick(locale, `thêm ${number(gap, locale)} buổi sinh hoạt đã xác nhận tại các thiết chế`, `${number(gap, locale)} more verified sessions at institutions`) + to;
    case MetricName.TOPIC_ACHIEVEMENT: {
      const topic = topicOf(indicator, locale);
      return (band.atLeast >= 2
        ? pick(locale, `hoàn thành hoặc có chứng chỉ ${topic} được xác nhận`, `a verified completion or certificate in ${topic}`)
        : pick(locale, `một hoạt động học ${topic} được xác nhận trong năm`, `a verified ${topic} activity this year`)) + to;
    }
    case MetricName.LEARNING_PLAN_COMPLETION:
      return (score.value === null
        ? pick(locale, 'lập kế hoạch học tập của năm', 'a learning plan for the year')
        : pick(locale, `đạt ${number(band.atLeast * 100, locale)} % mục tiêu của kế hoạch`, `${number(band.atLeast * 100, locale)} % of the plan's goals met`)) + to;
    case null:
    default:
      return null;
  }
}

/** The sum of each criterion over the scores of its indicators (missing and not applicable count 0): "Adults' learning: 20 of 30 points, needs at least 15". */
export function criterionSums(criteria: CriterionText[], scores: IndicatorScore[], locale: Locale): CriterionSum[] {
  return criteria.map((criterion) => {
    const score = scores.filter((s) => criterion.indicatorCodes.includes(s.code)).reduce((sum, s) => sum + (s.score ?? 0), 0);
    const name = pick(locale, criterion.labelVi, criterion.labelEn);
    const sum = pick(locale, `${number(score, locale)}/${number(criterion.maxScore, locale)} điểm`, `${number(score, locale)} of ${number(criterion.maxScore, locale)} points`);
    const need = criterion.minimum === null ? '' : pick(locale, `, cần ít nhất ${number(criterion.minimum, locale)}`, `, needs at least ${number(criterion.minimum, locale)}`);
    return {
      code: criterion.code,
      label: name,
      score,
      maxScore: criterion.maxScore,
      minimum: criterion.minimum,
      meetsMinimum: criterion.minimum === null ? null : score >= criterion.minimum,
      explanation: `${name}: ${sum}${need}`,
    };
  });
}

/** "What is missing to pass", one line each: criteria and indicators below their minimum, missing entries, and the points short. */
export function explainMissing(
  indicators: IndicatorText[],
  scores: IndicatorScore[],
  rule: { threshold: number | null; minimumOf: (indicator: IndicatorText) => number | null; criteria: CriterionSum[] },
  total: number,
  locale: Locale,
): string[] {
  const lines = rule.criteria.filter((criterion) => criterion.meetsMinimum === false).map((criterion) => criterion.explanation);
  indicators.forEach((indicator, index) => {
    const score = scores[index];
    if (!score) return;
    if (score.source === ScoreSource.MISSING) {
      lines.push(`${label(indicator, locale)}: ${pick(locale, 'chờ cán bộ đánh giá', "awaiting an assessor's entry")}`);
      return;
    }
    if (indicator.level !== null) {
      if (score.source !== ScoreSource.NOT_APPLICABLE && (score.score ?? 0) < 1) lines.push(`${label(indicator, locale)}: ${pick(locale, 'chưa đạt', 'not met yet')}`);
      return;
    }
    const minimum = rule.minimumOf(indicator);
    if (minimum !== null && (score.score ?? 0) < minimum) {
      const step = score.source === ScoreSource.AUTO ? nextStep(indicator, score, locale) : null;
      const need = pick(locale, `cần ít nhất ${number(minimum, locale)} điểm`, `needs at least ${number(minimum, locale)} points`);
      lines.push(`${label(indicator, locale)}: ${need}${step ? `; ${step}` : ''}`);
    }
  });
  if (rule.threshold !== null && total < rule.threshold) {
    const short = rule.threshold - total;
    lines.push(pick(locale, `Cần thêm ${number(short, locale)} điểm để đạt ${number(rule.threshold, locale)} điểm`, `${number(short, locale)} more points to reach ${number(rule.threshold, locale)}`));
  }
  return lines;
}
