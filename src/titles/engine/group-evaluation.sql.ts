import { registeredBefore } from './registration.sql';
import type { UnitLevel } from '../../catalogue/catalogue.enums';
import { pgArray } from '../../infra/sql';
import { SubjectKind } from './engine.enums';
import { attestedRelation, disadvantagedSql, isAttestable, scoringTail, type EvaluatedIndicator, type PassRule } from './evaluation.sql';
import { HOLDER_SHARE_TITLE, MetricName } from './metrics';
import { fill, frag, join, type Fragment } from './sql-fragment';
import { TitleKind } from '../titles.enums';

/**
 * The evaluation of the titles above citizens (households, organisations, clans, units) as one
 * SELECT ending in `evaluated`, with the metrics of metrics.ts that read members, households,
 * units and other titles. Members count when their membership is valid on the reference day
 * (31 December, or the run's day while the year runs); ages are the year minus the birth year.
 */

/** The subjects of one kind whose home unit (a household's hamlet, a clan's or organisation's unit, a unit itself) is one of these. */
export interface GroupScope {
  kind: Exclude<SubjectKind, SubjectKind.CITIZEN>;
  /** The definition evaluated: the subject's own title unless given (COLLECTIVE_EMULATION). */
  titleKind?: TitleKind;
  /** For UNIT: the level evaluated. */
  unitLevel: UnitLevel | null;
  homeUnitIds: string[];
}

/** Where the titles other titles depend on are read, and where a phase writes. */
export interface ProgressSource {
  /** `title_progress`, or the temporary table of a dry run. */
  table: string;
}

/**
 * The units where the recognition of a title for a year is recorded: those at or under a unit whose
 * records of the year are closed (learning_year_closure, written when a decision is recorded) and
 * under which at least one award of that title for the year exists (awarded or since revoked).
 */
export function recognisedUnitsSql(kind: TitleKind, unitLevel: UnitLevel | null, year: number): Fragment {
  return frag(
    `select u.id from administrative_unit u join (
       select cu.path from learning_year_closure c join administrative_unit cu on cu.id = c.unit_id
        where c.year = ?::int and exists (
          select 1 from title_award r join administrative_unit ru on ru.id = r.unit_id
           where r.title_kind = ?::text and ${unitLevel === null ? 'r.unit_level is null' : 'r.unit_level = ?::text'} and r.year = ?::int and ru.path like cu.path || '%')
     ) closed on u.path like closed.path || '%'`,
    ...[year, kind, ...(unitLevel === null ? [] : [unitLevel]), year],
  );
}

/**
 * The subjects that hold a title for a year, as `select subject_id` (titles.md): where the year's
 * recognition of the title is recorded, the awards not revoked; elsewhere the progress of the
 * year meeting the criteria (provisional while recognition is not recorded). Each subject is
 * placed by its unit: the award's, or the progress row's.
 */
export function holdersSql(kind: TitleKind, unitLevel: UnitLevel | null, year: number, source: ProgressSource): Fragment {
  const level = (alias: string) => (unitLevel === null ? `${alias}.unit_level is null` : `${alias}.unit_level = ?::text`);
  const title = (alias: string) => frag(`${alias}.title_kind = ?::text and ${level(alias)} and ${alias}.year = ?::int`, kind, ...(unitLevel === null ? [] : [unitLevel]), year);
  return fill(
    `select w.subject_id from title_award w where {awardTitle} and w.status = 'AWARDED' and w.unit_id in ({recognised})
     union all
     select p.subject_id from ${source.table} p where {progressTitle} and p.status = 'MEETS_CRITERIA' and p.unit_id not in ({recognised})`,
    { awardTitle: title('w'), recognised: recognisedUnitsSql(kind, unitLevel, year), progressTitle: title('p') },
  );
}

const TITLE_OF: Record<GroupScope['kind'], TitleKind> = {
  [SubjectKind.HOUSEHOLD]: TitleKind.LEARNING_FAMILY,
  [SubjectKind.CLAN]: TitleKind.LEARNING_CLAN,
  [SubjectKind.ORGANISATION]: TitleKind.LEARNING_UNIT,
  [SubjectKind.UNIT]: TitleKind.LEARNING_COMMUNITY,
};

/** Literals inlined into the SQL, checked: the year and the reference day are not user text. */
interface Day {
  year: string;
  ref: string;
  start: string;
  end: string;
}

function dayOf(year: number, ref: string): Day {
  if (!Number.isInteger(year) || !/^\d{4}-\d{2}-\d{2}$/.test(ref)) throw new Error(`bad evaluation year ${year} or day ${ref}`);
  return { year: `${year}`, ref: `'${ref}'::date`, start: `make_date(${year}, 1, 1)`, end: `make_date(${year + 1}, 1, 1)` };
}

const validOn = (alias: string, d: Day) => `${alias}.valid_from <= ${d.ref} and (${alias}.valid_to is null or ${alias}.valid_to >= ${d.ref})`;
const unitValidOn = (alias: string, d: Day) => `(${alias}.valid_from is null or ${alias}.valid_from <= ${d.ref}) and (${alias}.valid_to is null or ${alias}.valid_to >= ${d.ref})`;

function subjectsSql(scope: GroupScope, d: Day): Fragment {
  const ids = `{${scope.homeUnitIds.join(',')}}`;
  switch (scope.kind) {
    case SubjectKind.HOUSEHOLD:
      return frag('select h.id, h.hamlet_id as unit_id, null::text as org_kind from household h where h.hamlet_id = any(?::uuid[])', ids);
    case SubjectKind.CLAN:
      return frag('select c.id, c.unit_id, null::text as org_kind from clan c where c.unit_id = any(?::uuid[])', ids);
    case SubjectKind.ORGANISATION:
      return frag('select o.id, o.unit_id, o.kind::text as org_kind from organisation o where o.unit_id = any(?::uuid[])', ids);
    case SubjectKind.UNIT:
      return frag(`select u.id, u.id as unit_id, null::text as org_kind from administrative_unit u where u.id = any(?::uuid[]) and u.level = ?::text and ${unitValidOn('u', d)}`, ids, scope.unitLevel);
  }
}

/** The people a share counts, per subject: citizen_id, unit_id (residence), age, role (organisations). */
function membersSql(kind: GroupScope['kind'], d: Day): string {
  switch (kind) {
    case SubjectKind.HOUSEHOLD:
      return `select hm.household_id as subject_id, c.id as citizen_id, c.residence_id as unit_id, ${d.year} - c.birth_year as age, null::text as role
                from household_membership hm join citizen c on c.id = hm.citizen_id
               where hm.household_id in (select id from subjects) and ${validOn('hm', d)} and ${registeredBefore('c', d.end)}`;
    case SubjectKind.CLAN:
      return `select cm.clan_id as subject_id, c.id as citizen_id, c.residence_id as unit_id, ${d.year} - c.birth_year as age, null::text as role
                from clan_membership cm join household_membership hm on hm.household_id = cm.household_id join citizen c on c.id = hm.citizen_id
               where cm.clan_id in (select id from subjects) and ${validOn('cm', d)} and ${validOn('hm', d)} and ${registeredBefore('c', d.end)}`;
    case SubjectKind.ORGANISATION:
      return `select om.organisation_id as subject_id, c.id as citizen_id, c.residence_id as unit_id, ${d.year} - c.birth_year as age, om.role::text as role
                from organisation_membership om join citizen c on c.id = om.citizen_id
               where om.organisation_id in (select id from subjects) and ${validOn('om', d)} and ${registeredBefore('c', d.end)}`;
    case SubjectKind.UNIT:
      return `select a.ancestor as subject_id, c.id as citizen_id, c.residence_id as unit_id, ${d.year} - c.birth_year as age, null::text as role
                from citizen c join ancestors a on a.unit_id = c.residence_id
               where ${registeredBefore('c', d.end)}`;
  }
}

/** The households a family share counts, per subject, with their hamlet (unit_id). */
function householdsSql(kind: GroupScope['kind'], d: Day): string {
  switch (kind) {
    case SubjectKind.CLAN:
      return `select cm.clan_id as subject_id, cm.household_id, h.hamlet_id as unit_id
                from clan_membership cm join household h on h.id = cm.household_id
               where cm.clan_id in (select id from subjects) and ${validOn('cm', d)}`;
    case SubjectKind.UNIT:
      return 'select a.ancestor as subject_id, h.id as household_id, h.hamlet_id as unit_id from household h join ancestors a on a.unit_id = h.hamlet_id';
    case SubjectKind.HOUSEHOLD:
    case SubjectKind.ORGANISATION:
      return 'select null::uuid as subject_id, null::uuid as household_id, null::uuid as unit_id where false';
  }
}

function intParam(params: Record<string, unknown> | null, name: string): number | null {
  const value = params?.[name];
  return typeof value === 'number' ? value : null;
}

function stringList(params: Record<string, unknown> | null, name: string): string[] | null {
  const value = params?.[name];
  return Array.isArray(value) && value.length ? (value as string[]) : null;
}

/** Members in the metric's age range (15+ unless `ageMin` says otherwise) and roles. */
function memberFilter(params: Record<string, unknown> | null, defaultAgeMin: number): Fragment {
  const parts = [frag('age >= ?::int', intParam(params, 'ageMin') ?? defaultAgeMin)];
  const ageMax = intParam(params, 'ageMax');
  if (ageMax !== null) parts.push(frag('age <= ?::int', ageMax));
  const roles = stringList(params, 'memberRoles');
  if (roles) parts.push(frag('role = any(?::text[])', pgArray(roles)));
  return join(parts, ' and ');
}

/**
 * The metrics of the collectives' emulation checklists (III.1): an organisation's own records, or a
 * unit's and everything under it (through `ancestors`); read from the emulation domain's tables.
 */
function emulationMetricSql(indicator: EvaluatedIndicator, scope: GroupScope, d: Day, source: ProgressSource): Fragment {
  const organisation = scope.kind === SubjectKind.ORGANISATION;
  const inYear = (column: string) => `${column} >= ${d.start} and ${column} < ${d.end}`;
  switch (indicator.metric) {
    case MetricName.OWN_TITLE:
      return fill('select s.id as subject_id, (case when s.id in ({holders}) then 1 else 0 end)::numeric as value from subjects s', {
        holders: organisation ? holdersSql(TitleKind.LEARNING_UNIT, null, Number(d.year), source) : holdersSql(TitleKind.LEARNING_COMMUNITY, scope.unitLevel, Number(d.year), source),
      });
    case MetricName.RECOGNISED_INITIATIVES:
      return frag(
        organisation
          ? `select i.owner_organisation_id as subject_id, count(*)::numeric as value from initiative i
              where i.owner_organisation_id in (select id from subjects) and i.decision_number is not null and ${inYear('i.period_to')} group by i.owner_organisation_id`
          : `select a.ancestor as subject_id, count(*)::numeric as value from initiative i join ancestors a on a.unit_id = i.unit_id
              where i.decision_number is not null and ${inYear('i.period_to')} group by a.ancestor`,
      );
    case MetricName.VERIFIED_CONTRIBUTIONS: {
      const measure = { COUNT: 'count(*)', VALUE_MILLION_VND: 'coalesce(sum(c.value_vnd), 0) / 1000000', HOURS: 'coalesce(sum(c.hours), 0)' }[String(indicator.metricParams?.measure)];
      if (!measure) throw new Error(`${indicator.code}: no contribution measure ${String(indicator.metricParams?.measure)}`);
      return frag(
        organisation
          ? `select c.contributor_id as subject_id, (${measure})::numeric as value from contribution c
              where c.contributor_kind = 'ORGANISATION' and c.contributor_id in (select id from subjects) and c.status = 'VERIFIED' and ${inYear('c.contributed_on')} group by c.contributor_id`
          : `select a.ancestor as subject_id, (${measure})::numeric as value from contribution c join ancestors a on a.unit_id = c.unit_id
              where c.status = 'VERIFIED' and ${inYear('c.contributed_on')} group by a.ancestor`,
      );
    }
    case null:
    default:
      throw new Error(`metric ${indicator.metric} is not an emulation metric`);
  }
}

/**
 * `select subject_id, value, held, counted, counted_recognised` of a share of holders of a title
 * over `items` (subject_id, item_id, unit_id): held of counted, and how many of the counted sit
 * where the year's recognition of the title is recorded, so the explanation can say which was counted.
 */
function holderShare(items: Fragment, kind: TitleKind, unitLevel: UnitLevel | null, year: number, source: ProgressSource): Fragment {
  return fill(
    `select subject_id, held::numeric / counted as value, held, counted, counted_recognised
       from (select subject_id, count(*) filter (where item_id in ({holders})) as held, count(*) as counted,
                    count(*) filter (where unit_id in ({recognised})) as counted_recognised
               from ({items}) items group by subject_id) shares`,
    { holders: holdersSql(kind, unitLevel, year, source), recognised: recognisedUnitsSql(kind, unitLevel, year), items },
  );
}

/** `select subject_id, value` of one metric; a subject without a row has no value (a share over no one scores 0). */
function metricSql(indicator: EvaluatedIndicator, scope: GroupScope, d: Day, source: ProgressSource): Fragment {
  const params = indicator.metricParams;
  const year = Number(d.year);
  switch (indicator.metric) {
    case MetricName.MEMBER_ACTIVITY_SHARE:
      return fill(
        `select subject_id, (count(*) filter (where exists (
                  select 1 from learning_log l where l.citizen_id = members.citizen_id and l.status = 'VERIFIED' and l.occurred_on >= ${d.start} and l.occurred_on < ${d.end})))::numeric / count(*) as value
           from members where {filter} group by subject_id`,
        { filter: memberFilter(params, 15) },
      );
    case MetricName.CITIZEN_TITLE_SHARE:
      return holderShare(
        fill('select subject_id, citizen_id as item_id, unit_id from members where {filter}', { filter: memberFilter(params, 15) }),
        TitleKind.LEARNING_CITIZEN,
        null,
        year,
        source,
      );
    case MetricName.FAMILY_TITLE_SHARE:
      return holderShare(frag('select subject_id, household_id as item_id, unit_id from households'), TitleKind.LEARNING_FAMILY, null, year, source);
    case MetricName.COMMUNITY_TITLE_SHARE: {
      const level = String(params?.unitLevel ?? '') as UnitLevel;
      const units = frag(
        `select a.ancestor as subject_id, u.id as item_id, u.id as unit_id
           from administrative_unit u join ancestors a on a.unit_id = u.id
          where u.level = ?::text and u.id <> a.ancestor and ${unitValidOn('u', d)}`,
        level,
      );
      return holderShare(units, TitleKind.LEARNING_COMMUNITY, level, year, source);
    }
    case MetricName.SESSIONS_IN_UNIT:
      return sessionsInUnit(params, d);
    case MetricName.OWN_TITLE:
    case MetricName.RECOGNISED_INITIATIVES:
    case MetricName.VERIFIED_CONTRIBUTIONS:
      return emulationMetricSql(indicator, scope, d, source);
    case MetricName.MANDATORY_PROGRAMME_COMPLETION_SHARE:
      return fill(
        `select m.subject_id, (count(*) filter (where (
                  select count(distinct ps.programme_id) from learning_log l join programme_session ps on ps.id = l.session_id
                   where l.citizen_id = m.citizen_id and l.status = 'VERIFIED' and l.result = 'COMPLETED' and l.occurred_on >= ${d.start} and l.occurred_on < ${d.end}
                     and ps.programme_id in (select p.programme_id from organisation_mandatory_programme p where p.organisation_id = m.subject_id and p.year = ${d.year})
                ) = (select count(*) from organisation_mandatory_programme p where p.organisation_id = m.subject_id and p.year = ${d.year})))::numeric / count(*) as value
           from members m
          where {filter} and exists (select 1 from organisation_mandatory_programme p where p.organisation_id = m.subject_id and p.year = ${d.year})
          group by m.subject_id`,
        { filter: memberFilter(params, 0) },
      );
    case null:
    default:
      throw new Error(`metric ${indicator.metric} is not computed for ${indicator.code}'s subjects`);
  }
}

/**
 * Distinct sessions of the year with a VERIFIED attendance log, per unit: held at an institution in
 * the unit or under it, or at an institution of the given kinds of its parent unit; with
 * `attendeeFromUnit`, only sessions with such a log of someone living in the unit. Attendances are
 * read by the partial index of verified attendance (learning_log_verified_attendance_index).
 */
function sessionsInUnit(params: Record<string, unknown> | null, d: Day): Fragment {
  const kinds = stringList(params, 'parentInstitutionKinds');
  // Institution `i` is in subject unit `su` or under it, or (kinds) one of those kinds in its parent.
  const under = 'exists (select 1 from ancestors a where a.unit_id = i.unit_id and a.ancestor = su.id)';
  const heldAt = kinds ? frag(`(${under} or (i.kind = any(?::text[]) and i.unit_id = su.parent_id))`, pgArray(kinds)) : frag(under);
  const attendance = `l.status = 'VERIFIED' and l.source = 'ATTENDANCE' and l.occurred_on >= ${d.start} and l.occurred_on < ${d.end}`;
  if (params?.attendeeFromUnit === true) {
    // From each attendance to the attendee's unit of the level: one pass over the year's
    // attendances, hashed against small tables; distinct pairs first, since count(distinct) sorts.
    return fill(
      `select subject_id, count(*)::numeric as value
         from (select distinct su.id as subject_id, l.session_id
                 from learning_log l
                 join programme_session ps on ps.id = l.session_id join institution i on i.id = ps.institution_id
                 join citizen c on c.id = l.citizen_id join ancestors r on r.unit_id = c.residence_id
                 join administrative_unit su on su.id = r.ancestor
                where ${attendance} and {heldAt}) pairs
        group by subject_id`,
      { heldAt },
    );
  }
  return fill(
    `select su.id as subject_id, count(*)::numeric as value
       from administrative_unit su join subjects on subjects.id = su.id
       join institution i on {heldAt}
       join programme_session ps on ps.institution_id = i.id
      where exists (select 1 from learning_log l where l.session_id = ps.id and ${attendance})
      group by su.id`,
    { heldAt },
  );
}

/**
 * The evaluation of one kind of subject for a year, as one SELECT of CTEs ending in `evaluated`:
 * `subjects` (id, unit_id, org_kind), `ancestors` (every unit at or under a UNIT subject, with
 * that subject), members, households, one CTE per metric, the assessors' entries, then scoring.
 */
export function groupEvaluation(scope: GroupScope, year: number, ref: string, rule: PassRule, indicators: EvaluatedIndicator[], source: ProgressSource): Fragment {
  const d = dayOf(year, ref);
  const metricCtes = indicators.flatMap((indicator, index) => {
    if (!indicator.metric) return [];
    const sql = metricSql(indicator, scope, d, source);
    return [{ sql: `, m${index} as materialized (${sql.sql})`, params: sql.params }];
  });
  const joins = indicators.map((indicator, index) => (indicator.metric ? ` left join m${index} on m${index}.subject_id = s.id` : '')).join('');
  const holderCounted = new Set(indicators.flatMap((indicator, index) => (indicator.metric && HOLDER_SHARE_TITLE[indicator.metric] ? [index] : [])));
  const values = indicators.map((indicator, index) => {
    const value = `${indicator.metric ? `m${index}.value` : 'null::numeric'} as v${index}, ${isAttestable(indicator) ? `a.a${index}` : 'null::numeric'} as a${index}`;
    return holderCounted.has(index) ? `${value}, m${index}.held as h${index}, m${index}.counted as n${index}, m${index}.counted_recognised as r${index}` : value;
  });
  return fill(
    `with subjects as materialized (
       {subjects}
     ), units as materialized (
       select u.id, ${disadvantagedSql('u')} as disadvantaged
         from administrative_unit u where u.id in (select unit_id from subjects)
     ), ancestors as materialized (
       select u.id as unit_id, x.ancestor
         from administrative_unit u cross join lateral unnest(string_to_array(trim(both '/' from u.path), '/')::uuid[]) as x(ancestor)
        where ${scope.kind === SubjectKind.UNIT ? 'x.ancestor in (select id from subjects)' : 'false'}
     ), members as materialized (
       ${membersSql(scope.kind, d)}
     ), households as materialized (
       ${householdsSql(scope.kind, d)}
     ){metrics}, attested as materialized (
       {attested}
     ), valued as (
       select s.id, s.unit_id, units.disadvantaged, s.org_kind, ${values.join(', ')}
         from subjects s join units on units.id = s.unit_id${joins} left join attested a on a.subject_id = s.id
     ), {tail}`,
    {
      subjects: subjectsSql(scope, d),
      metrics: join(metricCtes, ''),
      attested: attestedRelation({ subjectKind: scope.kind, titleKind: scope.titleKind ?? TITLE_OF[scope.kind], unitLevel: scope.unitLevel }, year, indicators, 'subjects'),
      tail: scoringTail(indicators, rule, holderCounted),
    },
  );
}
