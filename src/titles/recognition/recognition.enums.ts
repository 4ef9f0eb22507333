import { registerLabelledEnum } from '../../graphql/labels';

/** The administrative level of the authority that issues a recognition decision. */
export enum DecisionLevel {
  COMMUNE = 'COMMUNE',
  DISTRICT = 'DISTRICT',
  PROVINCE = 'PROVINCE',
}

/** An award is recorded once and never edited; revocation is the only change, with who, when and why. */
export enum AwardStatus {
  AWARDED = 'AWARDED',
  REVOKED = 'REVOKED',
}

registerLabelledEnum(DecisionLevel, 'TitleDecisionLevel', 'The administrative level of the authority that issued a recognition decision.', {
  [DecisionLevel.COMMUNE]: { vi: 'Cấp xã', en: 'Commune', description: 'The people’s committee of a commune, ward or town (UBND cấp xã)' },
  [DecisionLevel.DISTRICT]: { vi: 'Cấp huyện', en: 'District', description: 'The people’s committee of a district (until 30 June 2025)' },
  [DecisionLevel.PROVINCE]: { vi: 'Cấp tỉnh', en: 'Province', description: 'The people’s committee of the province' },
});

registerLabelledEnum(AwardStatus, 'TitleAwardStatus', 'Whether a recognition stands or was revoked.', {
  [AwardStatus.AWARDED]: { vi: 'Đã công nhận', en: 'Awarded', description: 'Recognised by the decision; see validUntil for how long' },
  [AwardStatus.REVOKED]: { vi: 'Đã thu hồi', en: 'Revoked', description: 'Revoked, with the reason, by whom and when' },
});
