import { createHash } from 'node:crypto';

/** The contexts of an OpenBadgeCredential: the VC data model 2.0, then Open Badges 3.0. */
export const OPEN_BADGE_CONTEXTS = ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'];

export interface FrozenScore {
  code: string;
  label: string;
  score: number | null;
  maxScore: number | null;
}

/** What an award's credential says, gathered by the service. */
export interface BadgeFacts {
  credentialId: string;
  issuer: { did: string; name: string };
  achievement: {
    id: string;
    /** The title in Vietnamese, e.g. "Công dân học tập". */
    titleName: string;
    titleKind: string;
    year: number;
    rulesetCode: string;
    rulesetVersion: number;
    total: number;
    threshold: number | null;
    scores: FrozenScore[];
  };
  holder: { name: string; salt: string };
  decision: { number: string; date: string; issuer: string };
  validFrom: Date;
  validUntil: Date;
  status: { url: string; index: number };
}

/** The IdentityObject way of naming the holder without the name (or any ID number) in clear: `sha256$` of the name and a salt. */
export function identityHash(name: string, salt: string): string {
  return `sha256$${createHash('sha256').update(name.normalize('NFC') + salt).digest('hex')}`;
}

const format = (value: number) => String(Number(value.toFixed(2)));

function criteriaNarrative(facts: BadgeFacts['achievement']): string {
  const lines = facts.scores.map((score) => `- ${score.label} (${score.code}): ${score.score === null ? 'không có' : format(score.score)}${score.maxScore === null ? '' : `/${format(score.maxScore)}`}`);
  return [
    `Đạt danh hiệu "${facts.titleName}" năm ${facts.year} theo bộ tiêu chí ${facts.rulesetCode} (phiên bản ${facts.rulesetVersion}).`,
    `Tổng điểm khi công nhận: ${format(facts.total)}${facts.threshold === null ? '' : ` (cần ${format(facts.threshold)})`}.`,
    'Điểm từng chỉ tiêu khi công nhận:',
    ...lines,
  ].join('\n');
}

/** The unsigned OpenBadgeCredential (Open Badges 3.0 on the VC data model 2.0) of an award. */
export function openBadgeCredential(facts: BadgeFacts): Record<string, unknown> {
  const { achievement } = facts;
  const totalId = `${achievement.id}#total`;
  const name = `${achievement.titleName} năm ${achievement.year}`;
  return {
    '@context': OPEN_BADGE_CONTEXTS,
    id: `urn:uuid:${facts.credentialId}`,
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    name,
    issuer: { id: facts.issuer.did, type: ['Profile'], name: facts.issuer.name },
    validFrom: facts.validFrom.toISOString(),
    validUntil: facts.validUntil.toISOString(),
    awardedDate: facts.validFrom.toISOString(),
    credentialSubject: {
      type: ['AchievementSubject'],
      identifier: [{ type: 'IdentityObject', identityType: 'name', hashed: true, identityHash: identityHash(facts.holder.name, facts.holder.salt), salt: facts.holder.salt }],
      achievement: {
        id: achievement.id,
        type: ['Achievement'],
        achievementType: 'Award',
        name: achievement.titleName,
        description: `Danh hiệu "${achievement.titleName}" của phong trào xây dựng xã hội học tập (Quyết định 1315/QĐ-TTg), công nhận theo bộ tiêu chí ${achievement.rulesetCode} phiên bản ${achievement.rulesetVersion}.`,
        criteria: { narrative: criteriaNarrative(achievement) },
        inLanguage: 'vi',
        version: `${achievement.rulesetCode} v${achievement.rulesetVersion}`,
        tag: [achievement.titleKind],
        resultDescription: [
          { id: totalId, type: ['ResultDescription'], name: 'Tổng điểm', resultType: 'RawScore', ...(achievement.threshold === null ? {} : { requiredValue: format(achievement.threshold) }) },
          ...achievement.scores.map((score) => ({ id: `${achievement.id}#${score.code}`, type: ['ResultDescription'], name: score.label, resultType: 'RawScore' })),
        ],
      },
      result: [
        { type: ['Result'], resultDescription: totalId, value: format(achievement.total) },
        ...achievement.scores.flatMap((score) => (score.score === null ? [] : [{ type: ['Result'], resultDescription: `${achievement.id}#${score.code}`, value: format(score.score) }])),
      ],
    },
    evidence: [
      {
        id: `urn:decision:${encodeURIComponent(facts.decision.number)}:${facts.decision.date}`,
        type: ['Evidence'],
        name: `Quyết định số ${facts.decision.number} ngày ${facts.decision.date}`,
        description: `Quyết định công nhận của ${facts.decision.issuer}`,
        genre: 'Quyết định công nhận',
        narrative: `Số quyết định: ${facts.decision.number}; ngày quyết định: ${facts.decision.date}; cơ quan ban hành: ${facts.decision.issuer}.`,
      },
    ],
    credentialStatus: {
      id: `${facts.status.url}#${facts.status.index}`,
      type: 'BitstringStatusListEntry',
      statusPurpose: 'revocation',
      statusListIndex: String(facts.status.index),
      statusListCredential: facts.status.url,
    },
  };
}
