import { createHash } from 'node:crypto';

/** The contexts of an OpenBadgeCredential: the VC data model 2.0, then Open Badges 3.0. */
export const OPEN_BADGE_CONTEXTS = ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'];

export interface FrozenScore {
  code: string;
  label: string;
  score: number | null;
  maxScore: number | null;
}

/** What a title award's achievement says, gathered by the service. */
export interface TitleAchievementFacts {
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
}

/** What a decided commendation's achievement says. */
export interface CommendationAchievementFacts {
  id: string;
  /** The form in Vietnamese, e.g. "Giấy khen". */
  formName: string;
  formCode: string;
  /** The round in Vietnamese, e.g. "Sơ kết 2023–2025". */
  roundName: string;
  /** The achievements the nomination gave. */
  achievements: string;
}

interface ResultFacts {
  id: string;
  name: string;
  value: string | null;
  requiredValue: string | null;
}

/** The Achievement of a credential, whatever it certifies. */
export interface AchievementFacts {
  id: string;
  name: string;
  description: string;
  narrative: string;
  version: string | null;
  tag: string[];
  results: ResultFacts[];
}

/** What a credential says, gathered by the service. */
export interface BadgeFacts {
  credentialId: string;
  /** The credential's name, e.g. "Công dân học tập năm 2025". */
  name: string;
  issuer: { did: string; name: string };
  achievement: AchievementFacts;
  holder: { name: string; salt: string };
  decision: { number: string; date: string; issuer: string; genre: string };
  validFrom: Date;
  validUntil: Date | null;
  status: { url: string; index: number };
}

/** The IdentityObject way of naming the holder without the name (or any ID number) in clear: `sha256$` of the name and a salt. */
export function identityHash(name: string, salt: string): string {
  return `sha256$${createHash('sha256').update(name.normalize('NFC') + salt).digest('hex')}`;
}

const format = (value: number) => String(Number(value.toFixed(2)));

/** A recognised title: the ruleset version and the scores frozen when it was recognised. */
export function titleAchievement(facts: TitleAchievementFacts): AchievementFacts {
  const lines = facts.scores.map((score) => `- ${score.label} (${score.code}): ${score.score === null ? 'không có' : format(score.score)}${score.maxScore === null ? '' : `/${format(score.maxScore)}`}`);
  return {
    id: facts.id,
    name: facts.titleName,
    description: `Danh hiệu "${facts.titleName}" của phong trào xây dựng xã hội học tập (Quyết định 1315/QĐ-TTg), công nhận theo bộ tiêu chí ${facts.rulesetCode} phiên bản ${facts.rulesetVersion}.`,
    narrative: [
      `Đạt danh hiệu "${facts.titleName}" năm ${facts.year} theo bộ tiêu chí ${facts.rulesetCode} (phiên bản ${facts.rulesetVersion}).`,
      `Tổng điểm khi công nhận: ${format(facts.total)}${facts.threshold === null ? '' : ` (cần ${format(facts.threshold)})`}.`,
      'Điểm từng chỉ tiêu khi công nhận:',
      ...lines,
    ].join('\n'),
    version: `${facts.rulesetCode} v${facts.rulesetVersion}`,
    tag: [facts.titleKind],
    results: [
      { id: `${facts.id}#total`, name: 'Tổng điểm', value: format(facts.total), requiredValue: facts.threshold === null ? null : format(facts.threshold) },
      ...facts.scores.map((score) => ({ id: `${facts.id}#${score.code}`, name: score.label, value: score.score === null ? null : format(score.score), requiredValue: null })),
    ],
  };
}

/** A decided commendation: its form, its round and the achievements it was proposed for. */
export function commendationAchievement(facts: CommendationAchievementFacts): AchievementFacts {
  return {
    id: facts.id,
    name: facts.formName,
    description: `${facts.formName} trong phong trào xây dựng xã hội học tập (${facts.roundName}).`,
    narrative: `Được tặng ${facts.formName} (${facts.roundName}) vì thành tích: ${facts.achievements}`,
    version: null,
    tag: [facts.formCode],
    results: [],
  };
}

/** The unsigned OpenBadgeCredential (Open Badges 3.0 on the VC data model 2.0) of an award or a commendation. */
export function openBadgeCredential(facts: BadgeFacts): Record<string, unknown> {
  const { achievement } = facts;
  const results = achievement.results;
  return {
    '@context': OPEN_BADGE_CONTEXTS,
    id: `urn:uuid:${facts.credentialId}`,
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    name: facts.name,
    issuer: { id: facts.issuer.did, type: ['Profile'], name: facts.issuer.name },
    validFrom: facts.validFrom.toISOString(),
    ...(facts.validUntil ? { validUntil: facts.validUntil.toISOString() } : {}),
    awardedDate: facts.validFrom.toISOString(),
    credentialSubject: {
      type: ['AchievementSubject'],
      identifier: [{ type: 'IdentityObject', identityType: 'name', hashed: true, identityHash: identityHash(facts.holder.name, facts.holder.salt), salt: facts.holder.salt }],
      achievement: {
        id: achievement.id,
        type: ['Achievement'],
        achievementType: 'Award',
        name: achievement.name,
        description: achievement.description,
        criteria: { narrative: achievement.narrative },
        inLanguage: 'vi',
        ...(achievement.version ? { version: achievement.version } : {}),
        tag: achievement.tag,
        ...(results.length
          ? { resultDescription: results.map((result) => ({ id: result.id, type: ['ResultDescription'], name: result.name, resultType: 'RawScore', ...(result.requiredValue === null ? {} : { requiredValue: result.requiredValue }) })) }
          : {}),
      },
      ...(results.length ? { result: results.flatMap((result) => (result.value === null ? [] : [{ type: ['Result'], resultDescription: result.id, value: result.value }])) } : {}),
    },
    evidence: [
      {
        id: `urn:decision:${encodeURIComponent(facts.decision.number)}:${facts.decision.date}`,
        type: ['Evidence'],
        name: `Quyết định số ${facts.decision.number} ngày ${facts.decision.date}`,
        description: `${facts.decision.genre} của ${facts.decision.issuer}`,
        genre: facts.decision.genre,
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
