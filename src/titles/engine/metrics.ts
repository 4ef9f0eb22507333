import { InstitutionKind, Topic, UnitLevel } from '../../catalogue/catalogue.enums';
import { TitleKind } from '../titles.enums';

/**
 * The fixed vocabulary of metrics that AUTO indicators may use. Adding a metric is code (here,
 * and its SQL in the engine); choosing a metric's parameters, thresholds and points is data.
 * Every metric is evaluated for one subject and one calendar year (Asia/Ho_Chi_Minh); a metric
 * with no value for a subject (no learning plan, no eligible member) scores 0.
 */
export enum MetricName {
  VERIFIED_HOURS = 'VERIFIED_HOURS',
  ATTENDED_SESSIONS = 'ATTENDED_SESSIONS',
  TOPIC_ACHIEVEMENT = 'TOPIC_ACHIEVEMENT',
  LEARNING_PLAN_COMPLETION = 'LEARNING_PLAN_COMPLETION',
  MEMBER_ACTIVITY_SHARE = 'MEMBER_ACTIVITY_SHARE',
  CITIZEN_TITLE_SHARE = 'CITIZEN_TITLE_SHARE',
  FAMILY_TITLE_SHARE = 'FAMILY_TITLE_SHARE',
  COMMUNITY_TITLE_SHARE = 'COMMUNITY_TITLE_SHARE',
  SESSIONS_IN_UNIT = 'SESSIONS_IN_UNIT',
  MANDATORY_PROGRAMME_COMPLETION_SHARE = 'MANDATORY_PROGRAMME_COMPLETION_SHARE',
  OWN_TITLE = 'OWN_TITLE',
  RECOGNISED_INITIATIVES = 'RECOGNISED_INITIATIVES',
  VERIFIED_CONTRIBUTIONS = 'VERIFIED_CONTRIBUTIONS',
}

/** What a metric's value measures, which bounds the thresholds of a scoring table. */
export enum MetricValueKind {
  HOURS = 'HOURS',
  COUNT = 'COUNT',
  /** A fraction from 0 to 1, compared with `≥` exactly (0.899 does not reach 0.9). */
  SHARE = 'SHARE',
  /** 0 nothing, 1 an activity in the year, 2 a completion or certificate within the window. */
  ACHIEVEMENT = 'ACHIEVEMENT',
  /** 1 when the subject has it, else 0. */
  FLAG = 'FLAG',
}

export const VALUE_RANGE: Record<MetricValueKind, { min: number; max: number | null }> = {
  [MetricValueKind.HOURS]: { min: 0, max: null },
  [MetricValueKind.COUNT]: { min: 0, max: null },
  [MetricValueKind.SHARE]: { min: 0, max: 1 },
  [MetricValueKind.ACHIEVEMENT]: { min: 0, max: 2 },
  [MetricValueKind.FLAG]: { min: 0, max: 1 },
};

/** Sources of a learning log (the people domain's `LearningLogSource`), as metric parameters name them. */
export const LOG_SOURCES = ['ATTENDANCE', 'RESOURCE_STUDY', 'SELF_DECLARED', 'IMPORT'] as const;
/** Roles of a member of an organisation. */
export const MEMBER_ROLES = ['STAFF', 'LEARNER'] as const;
/** Kinds of organisation an indicator of LEARNING_UNIT may be limited to (`appliesTo`). */
export const ORGANISATION_KINDS = ['AGENCY', 'SCHOOL', 'ENTERPRISE', 'COOPERATIVE'] as const;

/**
 * The subject a title definition is about: a title kind, and the unit level for LEARNING_COMMUNITY
 * and for a unit's COLLECTIVE_EMULATION (organisations' checklists have none).
 */
export type Subject = `${Exclude<TitleKind, TitleKind.LEARNING_COMMUNITY>}` | `LEARNING_COMMUNITY:${UnitLevel}` | `COLLECTIVE_EMULATION:${UnitLevel}`;

export function subjectOf(kind: TitleKind, level: UnitLevel | null): Subject {
  if (kind === TitleKind.LEARNING_COMMUNITY) return `${kind}:${level ?? ''}` as Subject;
  return (level === null ? kind : `${kind}:${level}`) as Subject;
}

export type ParamSpec =
  | { type: 'integer'; required: boolean; min: number; max: number; description: string }
  | { type: 'boolean'; required: boolean; description: string }
  | { type: 'enum'; required: boolean; values: readonly string[]; description: string }
  | { type: 'enumList'; required: boolean; values: readonly string[]; description: string }
  | { type: 'objectList'; required: boolean; fields: Record<string, ParamSpec>; description: string };

export interface MetricSpec {
  name: MetricName;
  description: string;
  value: MetricValueKind;
  /** The subjects whose definitions may use it. */
  subjects: readonly Subject[];
  params: Record<string, ParamSpec>;
}

const COMMUNITIES: Subject[] = ['LEARNING_COMMUNITY:HAMLET', 'LEARNING_COMMUNITY:COMMUNE', 'LEARNING_COMMUNITY:DISTRICT', 'LEARNING_COMMUNITY:PROVINCE'];
/** The collectives the plan's emulation checklists are for (III.1 a–c, đ): organisations, communes, districts, the province. */
const UNIT_EMULATION: Subject[] = ['COLLECTIVE_EMULATION:COMMUNE', 'COLLECTIVE_EMULATION:DISTRICT', 'COLLECTIVE_EMULATION:PROVINCE'];
const EMULATION: Subject[] = ['COLLECTIVE_EMULATION', ...UNIT_EMULATION];
/** What a sum of verified contributions adds up. */
export const CONTRIBUTION_MEASURES = ['COUNT', 'VALUE_MILLION_VND', 'HOURS'] as const;
const TOPICS = Object.values(Topic);
const INSTITUTION_KINDS = Object.values(InstitutionKind);

const logFilter: Record<string, ParamSpec> = {
  sources: { type: 'enumList', required: false, values: LOG_SOURCES, description: 'Only logs of these sources; any source when omitted.' },
  topics: { type: 'enumList', required: false, values: TOPICS, description: 'Only logs of these topics; any topic when omitted.' },
  institutionKinds: {
    type: 'enumList',
    required: false,
    values: INSTITUTION_KINDS,
    description: 'Only logs of sessions held at institutions of these kinds; any (and logs without an institution) when omitted.',
  },
};

const ageRange: Record<string, ParamSpec> = {
  ageMin: { type: 'integer', required: false, min: 0, max: 120, description: 'Only members at least this old (evaluation year − birth year); 15 when omitted.' },
  ageMax: { type: 'integer', required: false, min: 0, max: 120, description: 'Only members at most this old; no upper bound when omitted.' },
};

export const METRICS: Record<MetricName, MetricSpec> = {
  [MetricName.VERIFIED_HOURS]: {
    name: MetricName.VERIFIED_HOURS,
    description:
      'Hours of the citizen\'s VERIFIED learning logs in the year that match any of the filters (each log counted once). Self-study hours are `anyOf: [{sources: [RESOURCE_STUDY]}, {sources: [ATTENDANCE], institutionKinds: [LIBRARY]}]`.',
    value: MetricValueKind.HOURS,
    subjects: ['LEARNING_CITIZEN'],
    params: { anyOf: { type: 'objectList', required: true, fields: logFilter, description: 'Filters; a log counts when it matches at least one.' } },
  },
  [MetricName.ATTENDED_SESSIONS]: {
    name: MetricName.ATTENDED_SESSIONS,
    description: 'Distinct programme sessions in the year with a VERIFIED attendance log of the citizen, held at an institution (of the given kinds).',
    value: MetricValueKind.COUNT,
    subjects: ['LEARNING_CITIZEN'],
    params: { institutionKinds: { type: 'enumList', required: false, values: INSTITUTION_KINDS, description: 'Only sessions at institutions of these kinds; any kind when omitted.' } },
  },
  [MetricName.TOPIC_ACHIEVEMENT]: {
    name: MetricName.TOPIC_ACHIEVEMENT,
    description:
      '2 when the citizen has a VERIFIED log of the topic with result COMPLETED in the evaluation year or the `completionYears − 1` years before it; else 1 when any VERIFIED log of the topic falls in the year; else 0.',
    value: MetricValueKind.ACHIEVEMENT,
    subjects: ['LEARNING_CITIZEN'],
    params: {
      topic: { type: 'enum', required: true, values: TOPICS, description: 'The topic.' },
      completionYears: { type: 'integer', required: true, min: 1, max: 10, description: 'How many years a completion or certificate counts, the evaluation year included.' },
    },
  },
  [MetricName.LEARNING_PLAN_COMPLETION]: {
    name: MetricName.LEARNING_PLAN_COMPLETION,
    description: "Goals met ÷ goals of the citizen's learning plan for the year (0 for a plan with no goal met); no value without a plan, which scores 0.",
    value: MetricValueKind.SHARE,
    subjects: ['LEARNING_CITIZEN'],
    params: {},
  },
  [MetricName.MEMBER_ACTIVITY_SHARE]: {
    name: MetricName.MEMBER_ACTIVITY_SHARE,
    description: 'Share of the household\'s members in the age range with at least one VERIFIED learning log in the year.',
    value: MetricValueKind.SHARE,
    subjects: ['LEARNING_FAMILY'],
    params: ageRange,
  },
  [MetricName.CITIZEN_TITLE_SHARE]: {
    name: MetricName.CITIZEN_TITLE_SHARE,
    description:
      'Share of the subject\'s people in the age range (household members; members of a clan\'s households; an organisation\'s members; residents of a unit) who have LEARNING_CITIZEN for the year (recognised for a closed year, provisional progress for the current one).',
    value: MetricValueKind.SHARE,
    subjects: ['LEARNING_FAMILY', 'LEARNING_CLAN', 'LEARNING_UNIT', ...COMMUNITIES],
    params: {
      ...ageRange,
      memberRoles: { type: 'enumList', required: false, values: MEMBER_ROLES, description: 'For organisations: only members with these roles; every member when omitted.' },
    },
  },
  [MetricName.FAMILY_TITLE_SHARE]: {
    name: MetricName.FAMILY_TITLE_SHARE,
    description: 'Share of the subject\'s households (a clan\'s member households; households living in a unit) that have LEARNING_FAMILY for the year.',
    value: MetricValueKind.SHARE,
    subjects: ['LEARNING_CLAN', ...COMMUNITIES],
    params: {},
  },
  [MetricName.COMMUNITY_TITLE_SHARE]: {
    name: MetricName.COMMUNITY_TITLE_SHARE,
    description: 'Share of the units of a level under the subject unit (its hamlets, its communes) that have LEARNING_COMMUNITY for the year.',
    value: MetricValueKind.SHARE,
    subjects: ['LEARNING_COMMUNITY:COMMUNE', 'LEARNING_COMMUNITY:DISTRICT', 'LEARNING_COMMUNITY:PROVINCE'],
    params: { unitLevel: { type: 'enum', required: true, values: [UnitLevel.HAMLET, UnitLevel.COMMUNE], description: 'The level of the units counted.' } },
  },
  [MetricName.SESSIONS_IN_UNIT]: {
    name: MetricName.SESSIONS_IN_UNIT,
    description:
      'Verified sessions in the year (sessions with at least one VERIFIED attendance log) held at institutions in the unit or under it, plus those at institutions of the parent unit of the given kinds; with `attendeeFromUnit`, only sessions with a verified attendee living in the unit.',
    value: MetricValueKind.COUNT,
    subjects: COMMUNITIES,
    params: {
      parentInstitutionKinds: {
        type: 'enumList',
        required: false,
        values: INSTITUTION_KINDS,
        description: "Also sessions at the parent unit's institutions of these kinds (a hamlet and its commune's community learning centre).",
      },
      attendeeFromUnit: { type: 'boolean', required: false, description: 'true: only sessions with a verified attendee who lives in the unit; false by default.' },
    },
  },
  [MetricName.MANDATORY_PROGRAMME_COMPLETION_SHARE]: {
    name: MetricName.MANDATORY_PROGRAMME_COMPLETION_SHARE,
    description:
      'Share of the organisation\'s members with a VERIFIED COMPLETED log of every programme the organisation marks mandatory for the year; no value when it names none (an attested entry then decides).',
    value: MetricValueKind.SHARE,
    subjects: ['LEARNING_UNIT'],
    params: { memberRoles: { type: 'enumList', required: false, values: MEMBER_ROLES, description: 'Only members with these roles; every member when omitted.' } },
  },
  [MetricName.OWN_TITLE]: {
    name: MetricName.OWN_TITLE,
    description:
      "1 when the collective holds its own title for the year, else 0: a unit LEARNING_COMMUNITY of its level, an organisation LEARNING_UNIT (the award not revoked where the year's recognition is recorded, provisional progress elsewhere).",
    value: MetricValueKind.FLAG,
    subjects: EMULATION,
    params: {},
  },
  [MetricName.RECOGNISED_INITIATIVES]: {
    name: MetricName.RECOGNISED_INITIATIVES,
    description:
      "Initiatives recognised by an emulation council whose period ends in the year: an organisation's own; for a unit, those of the bodies and organisations in it or under it.",
    value: MetricValueKind.COUNT,
    subjects: EMULATION,
    params: {},
  },
  [MetricName.VERIFIED_CONTRIBUTIONS]: {
    name: MetricName.VERIFIED_CONTRIBUTIONS,
    description:
      'VERIFIED contributions dated in the year: those an organisation made; for a unit, those received in it or under it. Counted, or their value in millions of đồng, or their hours.',
    value: MetricValueKind.COUNT,
    subjects: EMULATION,
    params: { measure: { type: 'enum', required: true, values: CONTRIBUTION_MEASURES, description: 'COUNT (contributions), VALUE_MILLION_VND (value in millions of đồng) or HOURS.' } },
  },
};

/**
 * The metrics that share out holders of another title, with that title: their rows also say what
 * they counted (held, counted, counted where the recognition is recorded) for the explanations.
 */
export const HOLDER_SHARE_TITLE: Partial<Record<string, TitleKind>> = {
  [MetricName.CITIZEN_TITLE_SHARE]: TitleKind.LEARNING_CITIZEN,
  [MetricName.FAMILY_TITLE_SHARE]: TitleKind.LEARNING_FAMILY,
  [MetricName.COMMUNITY_TITLE_SHARE]: TitleKind.LEARNING_COMMUNITY,
};

export function isMetricName(name: string): name is MetricName {
  return Object.prototype.hasOwnProperty.call(METRICS, name);
}
