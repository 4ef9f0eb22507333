import { explainIndicator, type IndicatorText } from '../../src/titles/progress/explanation';
import { ScoreSource } from '../../src/titles/engine/engine.enums';
import { MetricName } from '../../src/titles/engine/metrics';

/* A clan's share of Learning Families whose households lie in two communes, one with its 2025 recognition recorded. */
const FAMILY_SHARE: IndicatorText = {
  code: 'FAMILY_SHARE',
  labelVi: 'Tỷ lệ Gia đình học tập',
  labelEn: 'Share of Learning Families',
  maxScore: 30,
  metric: MetricName.FAMILY_TITLE_SHARE,
  metricParams: null,
  scoring: [{ atLeast: 0.5, points: 20 }],
  level: null,
};
const score = (held: number, counted: number, countedRecognised: number) => ({
  code: 'FAMILY_SHARE',
  source: ScoreSource.AUTO,
  score: 20,
  value: held / counted,
  holders: { held, counted, countedRecognised },
});

it('names both bases when some counted households are recognised and the others provisional', () => {
  expect(explainIndicator(FAMILY_SHARE, score(3, 5, 4), 2025, 'en')).toBe(
    '3 of 5 households hold Gia đình học tập in 2025 (60 %): recognitions counted for the 4 of the 5 where the recognition is recorded, provisional results for the others: 20 of 30 points',
  );
  expect(explainIndicator(FAMILY_SHARE, score(3, 5, 4), 2025, 'vi')).toBe(
    '3/5 hộ đạt Gia đình học tập năm 2025 (60 %): tính theo quyết định công nhận với 4/5 hộ nơi đã có quyết định, theo kết quả tạm tính với số còn lại: 20/30 điểm',
  );
});

it('keeps the share alone for rows computed before the counts were recorded', () => {
  expect(explainIndicator(FAMILY_SHARE, { code: 'FAMILY_SHARE', source: ScoreSource.AUTO, score: 20, value: 0.6 }, 2025, 'en')).toBe('60 % of households are Learning Families: 20 of 30 points');
});
