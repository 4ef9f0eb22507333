import type { Client } from 'pg';

/**
 * Synthetic population for the titles benchmark, written with set-based SQL only (generate_series,
 * INSERT … SELECT; no ORM, no rows built in Node) over the real communes of a province already
 * imported: hamlets in each commune, citizens in households of 1–6 in those hamlets, clans of
 * households sharing a surname, institutions with programmes and sessions through the year,
 * organisations with members and mandatory programmes, about `logsPerCitizen` learning logs per
 * citizen in the evaluation year (and fewer in the two years before, which the 3-year completion
 * window reads), learning plans with goals, and a few attestations.
 *
 * The session writing it runs with `session_replication_role = replica` (no foreign-key or user
 * triggers: the rows are consistent by construction) and with the secondary indexes of the big
 * tables dropped, rebuilt once at the end. Draws use random() after setseed, so one N gives the
 * same population each time (ids apart).
 */

export interface TitlesDataOptions {
  citizens: number;
  /** The evaluation year; logs fall between 1 January and `today` − 1 of it. */
  year: number;
  /** `YYYY-MM-DD` in Vietnam. */
  today: string;
  /** The province whose current communes the population lives in. */
  provinceId: string;
  logsPerCitizen: number;
  /** Logs per citizen in each of the two years before (mostly completions and certificates). */
  pastLogsPerCitizen: number;
  seed: number;
}

export interface TitlesDataReport {
  counts: Record<string, number>;
  timings: { step: string; ms: number }[];
}

export const DEFAULT_TITLES_DATA = { logsPerCitizen: 10, pastLogsPerCitizen: 3, seed: 0.2024 };

/** Changes when the generator makes different data: a dataset of another version is generated again. */
export const TITLES_DATA_VERSION = 3;

/** Tables whose secondary indexes and unique constraints are dropped during the load and rebuilt after it. */
const BULK_TABLES = [
  'citizen',
  'household',
  'household_membership',
  'clan',
  'clan_membership',
  'organisation',
  'organisation_membership',
  'organisation_mandatory_programme',
  'learning_log',
  'learning_goal',
  'programme_session',
  'title_attestation',
  'title_attestation_audit',
];

const SURNAMES = ['Nguyễn', 'Nguyễn', 'Nguyễn', 'Trần', 'Trần', 'Lê', 'Lê', 'Phạm', 'Huỳnh', 'Hoàng', 'Võ', 'Phan', 'Trương', 'Bùi', 'Đặng', 'Đỗ', 'Ngô', 'Hồ', 'Dương', 'Lý'];
const MALE_MIDDLE = ['Văn', 'Văn', 'Minh', 'Quốc', 'Thanh', 'Hoàng', 'Đức', 'Hữu'];
const FEMALE_MIDDLE = ['Thị', 'Thị', 'Ngọc', 'Thanh', 'Kim', 'Mỹ', 'Thu', 'Bích'];
const MALE_GIVEN = ['An', 'Bình', 'Cường', 'Dũng', 'Hải', 'Hùng', 'Khoa', 'Long', 'Minh', 'Nam', 'Phúc', 'Quang', 'Sơn', 'Tâm', 'Thắng', 'Toàn', 'Trung', 'Tuấn', 'Việt', 'Vinh'];
const FEMALE_GIVEN = ['Anh', 'Châu', 'Dung', 'Giang', 'Hà', 'Hạnh', 'Hoa', 'Hương', 'Lan', 'Linh', 'Mai', 'My', 'Ngân', 'Nhung', 'Oanh', 'Phương', 'Thảo', 'Thu', 'Trang', 'Yến'];
const TOPICS = ['DIGITAL_SKILLS', 'FOREIGN_LANGUAGE', 'LAW', 'LIFE_SKILLS', 'VOCATIONAL', 'HEALTH', 'CULTURE_HISTORY', 'AGRICULTURE', 'POLITICS_CIVICS', 'OTHER'];

/** A SQL array literal of text values (the values are ours: no quote to escape). */
const textArray = (values: readonly string[]) => `array[${values.map((value) => `'${value}'`).join(',')}]::text[]`;
/** `array[…][1 + floor(random() * n)]`: one element at random. */
const pick = (values: readonly string[]) => `(${textArray(values)})[1 + floor(random() * ${values.length})::int]`;

/** A number or text as a SQL literal, for the multi-statement steps (which cannot take bound parameters). */
function literal(value: number | string | undefined): string {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'string') return `'${value.replace(/'/g, "''")}'`;
  throw new Error(`no value to inline: ${String(value)}`);
}

interface IndexDefinition {
  table: string;
  name: string;
  /** `create index …` or `alter table … add constraint …`. */
  create: string;
  constraint: boolean;
}

/** The secondary indexes and unique constraints of the bulk tables (primary keys stay). */
async function secondaryIndexes(client: Client): Promise<IndexDefinition[]> {
  const { rows } = await client.query<IndexDefinition>(
    `select t.relname as table, i.relname as name,
            case when c.oid is null then pg_get_indexdef(i.oid) else format('alter table %I add constraint %I %s', t.relname, c.conname, pg_get_constraintdef(c.oid)) end as create,
            c.oid is not null as constraint
       from pg_index x
       join pg_class i on i.oid = x.indexrelid
       join pg_class t on t.oid = x.indrelid
       left join pg_constraint c on c.conindid = i.oid and c.contype = 'u'
      where t.relname = any($1::text[]) and t.relnamespace = 'public'::regnamespace and not x.indisprimary
      order by t.relname, i.relname`,
    [BULK_TABLES],
  );
  return rows;
}

export async function generateTitlesData(client: Client, options: TitlesDataOptions): Promise<TitlesDataReport> {
  const timings: { step: string; ms: number }[] = [];
  /** Runs one step (several statements, so values are inlined: `$n` of `params`) and times it. */
  const step = async (name: string, sql: string, params: (number | string)[] = []): Promise<void> => {
    const started = performance.now();
    await client.query(sql.replace(/\$(\d+)/g, (_match, n: string) => literal(params[Number(n) - 1])));
    timings.push({ step: name, ms: performance.now() - started });
  };
  const { citizens: N, year: Y, today } = options;

  await client.query(`set session_replication_role = replica`);
  await client.query(`set work_mem = '256MB'`);
  await client.query(`set maintenance_work_mem = '1GB'`);
  await client.query(`set synchronous_commit = off`);
  await client.query(`select setseed($1)`, [options.seed]);

  const indexes = await secondaryIndexes(client);
  await step(
    `drop ${indexes.length} secondary indexes`,
    indexes.map((index) => (index.constraint ? `alter table "${index.table}" drop constraint "${index.name}";` : `drop index "${index.name}";`)).join('\n'),
  );

  // Communes, numbered; every eighth one disadvantaged. Hamlets: 6 to 14 per commune.
  await step(
    'communes',
    `create temp table b_commune as
       select c.id, c.path, c.name, c.code, row_number() over (order by c.code)::int as rn
         from administrative_unit c where c.parent_id = $1 and c.level = 'COMMUNE' and c.valid_to is null;
     update administrative_unit u set disadvantaged = (b.rn % 8 = 0) from b_commune b where b.id = u.id`,
    [options.provinceId],
  );
  await step(
    'hamlets',
    `create temp table b_hamlet as
       select gen_random_uuid() as id, c.id as commune_id, c.path as commune_path, c.code as commune_code, c.name as commune_name, c.rn as commune_rn, n,
              row_number() over (order by c.rn, n)::int as hn
         from b_commune c cross join lateral generate_series(1, 6 + (c.rn * 7) % 9) n;
     insert into administrative_unit (id, created_at, updated_at, code, name, level, parent_id, path, disadvantaged)
     select id, now(), now(), commune_code || '-' || lpad(n::text, 2, '0'),
            case when commune_name like 'Phường%' then 'Khu phố ' else 'Ấp ' end || n, 'HAMLET', commune_id, commune_path || id || '/', false
       from b_hamlet`,
  );
  const hamlets = Number((await client.query<{ count: string }>('select count(*) from b_hamlet')).rows[0]?.count);

  // Households of 1–6 (mean 3.3) until N people; then the people, the head first.
  await step(
    'households (staging)',
    `create temp table b_household as
       with sized as (
         select h, case when r < 0.10 then 1 when r < 0.30 then 2 when r < 0.55 then 3 when r < 0.80 then 4 when r < 0.92 then 5 else 6 end as size,
                1 + floor(random() * $2)::int as hn, 25 + floor(random() * 55)::int as head_age, 1 + floor(random() * ${SURNAMES.length})::int as surname
           from (select h, random() as r from generate_series(1, ceil($1 / 3.0)::int) h) x
       )
       select h, size, hn, head_age, surname, sum(size) over (order by h) - size as first, gen_random_uuid() as id from sized;
     delete from b_household where first >= $1;
     create index on b_household (h); analyze b_household`,
    [N, hamlets],
  );
  await step(
    'citizens (staging)',
    `create temp table b_citizen as
       with people as (
         select hh.h, hh.first + k as i, k as pos, hh.hn, hh.surname, hh.head_age,
                case when k = 0 then hh.head_age
                     when k = 1 then greatest(18, hh.head_age - 6 + floor(random() * 9)::int)
                     when random() < 0.72 then floor(random() * least(30, hh.head_age - 17))::int
                     else 60 + floor(random() * 28)::int end as age,
                random() as g
           from b_household hh cross join lateral generate_series(0, hh.size - 1) k
          where hh.first + k < $1
       )
       select p.i, gen_random_uuid() as id, p.h, p.pos, $2::int - p.age as birth_year, p.age,
              case when p.pos = 1 then (case when (p.h % 2) = 0 then 'FEMALE' else 'MALE' end)
                   when p.pos = 0 then (case when (p.h % 2) = 0 then 'MALE' else 'FEMALE' end)
                   when p.g < 0.5 then 'MALE' else 'FEMALE' end as gender,
              p.surname, hm.id as hamlet_id, hm.commune_id, hm.commune_rn, (hm.commune_rn % 8 = 0) as disadvantaged
         from people p join b_hamlet hm on hm.hn = p.hn;
     create index on b_citizen (i); create index on b_citizen (h, pos); analyze b_citizen`,
    [N, Y],
  );
  await step(
    'citizens',
    `insert into citizen (id, created_at, updated_at, full_name, birth_year, gender, residence_id, occupational_group, ethnic_minority, disability)
     select id, make_date(${Y} - 1, 1, 1), now(),
            (${textArray(SURNAMES)})[surname] || ' ' ||
            case when gender = 'MALE' then ${pick(MALE_MIDDLE)} || ' ' || ${pick(MALE_GIVEN)} else ${pick(FEMALE_MIDDLE)} || ' ' || ${pick(FEMALE_GIVEN)} end,
            birth_year, gender, hamlet_id,
            case when age < 6 then null when age <= 22 then 'LEARNER' else (array['FARMER','FARMER','FARMER','FARMER','WORKER','WORKER','WORKER','OFFICIAL',null])[1 + floor(random() * 9)::int] end,
            disadvantaged and random() < 0.25, random() < 0.02
       from b_citizen`,
  );
  await step(
    'households and memberships',
    `insert into household (id, created_at, updated_at, name, hamlet_id, head_id)
     select hh.id, now(), now(), case when c.gender = 'MALE' then 'Hộ ông ' else 'Hộ bà ' end || z.full_name, c.hamlet_id, c.id
       from b_household hh join b_citizen c on c.h = hh.h and c.pos = 0 join citizen z on z.id = c.id;
     insert into household_membership (id, created_at, updated_at, valid_from, valid_to, household_id, citizen_id)
     select gen_random_uuid(), now(), now(), make_date(greatest(c.birth_year, 2018), 1, 1), null, hh.id, c.id
       from b_citizen c join b_household hh on hh.h = c.h`,
  );
  // Clans: 60 % of households, grouped by commune and surname, at most 40 households a clan.
  await step(
    'clans and memberships',
    `create temp table b_clan_member as
       select hh.id as household_id, c.commune_id, hh.surname, c.id as head_id,
              (row_number() over (partition by c.commune_id, hh.surname order by hh.h) - 1) / 40 as part,
              row_number() over (partition by c.commune_id, hh.surname order by hh.h) as ord
         from b_household hh join b_citizen c on c.h = hh.h and c.pos = 0
        where random() < 0.6;
     create temp table b_clan as
       select gen_random_uuid() as id, commune_id, surname, part, (array_agg(head_id order by ord))[1] as representative_id, count(*) as households
         from b_clan_member group by commune_id, surname, part having count(*) >= 3;
     insert into clan (id, created_at, updated_at, name, unit_id, representative_id)
     select k.id, now(), now(), 'Họ ' || (${textArray(SURNAMES)})[k.surname] || ' ' || c.name || case when k.part > 0 then ' – chi ' || (k.part + 1) else '' end,
            k.commune_id, k.representative_id
       from b_clan k join b_commune c on c.id = k.commune_id;
     insert into clan_membership (id, created_at, updated_at, valid_from, valid_to, clan_id, household_id)
     select gen_random_uuid(), now(), now(), date '2020-01-01', null, k.id, m.household_id
       from b_clan_member m join b_clan k on k.commune_id = m.commune_id and k.surname = m.surname and k.part = m.part`,
  );

  // Institutions of each commune, three programmes each, and sessions through the year so far:
  // about one session per 5 residents (≈ 25 attendees for 5 attendances a resident).
  await step(
    'institutions and programmes',
    `create temp table b_institution as
       select gen_random_uuid() as id, c.id as commune_id, c.rn as commune_rn, c.name as commune_name, k.kind, k.prefix, n
         from b_commune c
         cross join (values ('COMMUNITY_LEARNING_CENTRE', 'Trung tâm học tập cộng đồng', 1, 0), ('LIBRARY', 'Thư viện', 1, 0),
                            ('CULTURE_SPORTS_LEARNING_CENTRE', 'Trung tâm Văn hóa – Thể thao và Học tập cộng đồng', 1, 0),
                            ('SCHOOL', 'Trường', 2, 3), ('CLUB', 'Câu lạc bộ', 1, 2), ('CONTINUING_EDUCATION_CENTRE', 'Trung tâm GDNN – GDTX', 0, 0)) as k(kind, prefix, base, spread)
         cross join lateral generate_series(1, k.base + case when k.spread > 0 then c.rn % k.spread else 0 end + case when k.kind = 'CONTINUING_EDUCATION_CENTRE' and c.rn % 10 = 1 then 1 else 0 end) n;
     insert into institution (id, created_at, updated_at, name, kind, unit_id, address, status)
     select id, now(), now(), prefix || ' ' || commune_name || case when n > 1 then ' ' || n else '' end, kind, commune_id, commune_name || ', Tây Ninh', 'ACTIVE'
       from b_institution;
     create temp table b_programme as
       select gen_random_uuid() as id, i.id as institution_id, i.commune_id, i.kind, p,
              case i.kind when 'LIBRARY' then (array['CULTURE_HISTORY','DIGITAL_SKILLS','OTHER'])[p]
                          when 'SCHOOL' then (array['FOREIGN_LANGUAGE','DIGITAL_SKILLS','LIFE_SKILLS'])[p]
                          when 'CLUB' then (array['FOREIGN_LANGUAGE','CULTURE_HISTORY','HEALTH'])[p]
                          when 'CONTINUING_EDUCATION_CENTRE' then (array['DIGITAL_SKILLS','FOREIGN_LANGUAGE','VOCATIONAL'])[p]
                          else (array['LAW','AGRICULTURE','HEALTH','DIGITAL_SKILLS','POLITICS_CIVICS'])[1 + (p + i.commune_rn) % 5] end as topic,
              row_number() over (partition by i.commune_id order by i.kind, i.n, p)::int as pn
         from b_institution i cross join generate_series(1, 3) p;
     insert into programme (id, created_at, updated_at, institution_id, title, kind, topics, format, status, published_at)
     select id, now(), now(), institution_id,
            case topic when 'DIGITAL_SKILLS' then 'Kỹ năng số cơ bản' when 'FOREIGN_LANGUAGE' then 'Tiếng Anh giao tiếp' when 'LAW' then 'Phổ biến pháp luật'
                       when 'AGRICULTURE' then 'Canh tác lúa giảm phát thải' when 'HEALTH' then 'Chăm sóc sức khỏe gia đình' when 'CULTURE_HISTORY' then 'Giờ đọc sách'
                       when 'LIFE_SKILLS' then 'Kỹ năng sống' when 'VOCATIONAL' then 'Nghề ngắn hạn' when 'POLITICS_CIVICS' then 'Học tập và làm theo Bác' else 'Sinh hoạt chuyên đề' end,
            case kind when 'LIBRARY' then 'READING_SESSION' when 'CLUB' then 'CLUB_MEETING' else 'COURSE' end,
            array[topic], 'IN_PERSON', 'PUBLISHED', make_date($1::int - 1, 12, 1)
       from b_programme`,
    [Y],
  );
  const days = Math.max(1, Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${Y}-01-01T00:00:00Z`)) / 86_400_000));
  await step(
    'sessions',
    `create temp table b_session_count as
       select c.commune_id, count(*)::int as people,
              greatest(40, count(*) / 5)::int + case when (greatest(40, count(*) / 5)::int) % 37 = 0 then 1 else 0 end as sessions,
              (select count(*) from b_programme p where p.commune_id = c.commune_id)::int as programmes
         from b_citizen c group by c.commune_id;
     create temp table b_session as
       select gen_random_uuid() as id, s.commune_id, j, p.id as programme_id, p.institution_id, p.kind, p.topic,
              make_date($1::int, 1, 1) + (j * $2::int / s.sessions) as day, (2 + j % 3) * 0.5 + 0.5 as hours
         from b_session_count s cross join lateral generate_series(0, s.sessions - 1) j
         join b_programme p on p.commune_id = s.commune_id and p.pn = 1 + j % s.programmes;
     create index on b_session (commune_id, j); analyze b_session;
     insert into programme_session (id, created_at, updated_at, programme_id, institution_id, starts_at, ends_at, place, capacity, credited_hours, status)
     select id, now(), now(), programme_id, institution_id, (day + time '08:00') at time zone 'Asia/Ho_Chi_Minh',
            (day + time '08:00') at time zone 'Asia/Ho_Chi_Minh' + hours * interval '1 hour', 'Hội trường', 60, hours, 'SCHEDULED'
       from b_session`,
    [Y, days],
  );

  // Organisations: schools, agencies, a cooperative and enterprises per commune.
  await step(
    'organisations and memberships',
    `create temp table b_org as
       select gen_random_uuid() as id, c.id as commune_id, c.name as commune_name, k.kind, n,
              count(*) over (partition by c.id, k.kind)::int as of_kind
         from b_commune c
         cross join (values ('SCHOOL'), ('AGENCY'), ('COOPERATIVE'), ('ENTERPRISE')) as k(kind)
         cross join lateral generate_series(1, case k.kind when 'SCHOOL' then 2 + c.rn % 3 when 'AGENCY' then 2 when 'COOPERATIVE' then 1
                                                 else greatest(1, (select sc.people / 2500 from b_session_count sc where sc.commune_id = c.id)) end) n;
     create index on b_org (commune_id, kind, n);
     insert into organisation (id, created_at, updated_at, name, kind, unit_id)
     select id, now(), now(),
            case kind when 'SCHOOL' then (array['Trường Tiểu học ','Trường THCS ','Trường THPT ','Trường Mầm non '])[1 + (n - 1) % 4]
                      when 'AGENCY' then (array['Ủy ban nhân dân ','Trạm Y tế '])[1 + (n - 1) % 2]
                      when 'COOPERATIVE' then 'Hợp tác xã Nông nghiệp ' else 'Công ty TNHH ' || n || ' ' end || commune_name,
            kind, commune_id
       from b_org;
     insert into organisation_membership (id, created_at, updated_at, valid_from, valid_to, organisation_id, citizen_id, role)
     select gen_random_uuid(), now(), now(), date '2022-01-01', null, o.id, m.id, m.role
       from (select c.id, c.commune_id, c.i,
                    case when c.age between 6 and 18 then 'SCHOOL' when c.age between 22 and 60 then
                      (case when r < 0.03 then 'AGENCY' when r < 0.06 then 'SCHOOL' when r < 0.10 then 'COOPERATIVE' when r < 0.35 then 'ENTERPRISE' end) end as kind,
                    case when c.age between 6 and 18 then 'LEARNER' else 'STAFF' end as role
               from (select b_citizen.*, random() as r from b_citizen) c) m
       join b_org o on o.commune_id = m.commune_id and o.kind = m.kind and o.n = 1 + m.i % o.of_kind;
     insert into organisation_mandatory_programme (id, created_at, updated_at, organisation_id, year, programme_id)
     select gen_random_uuid(), now(), now(), o.id, $1::int, p.id
       from b_org o cross join generate_series(0, 1) k
       join b_programme p on p.commune_id = o.commune_id and p.pn = 1 + (o.n * 3 + k * 7) % (select count(*) from b_programme q where q.commune_id = o.commune_id)
      where k = 0 or o.n % 2 = 0`,
    [Y],
  );

  // Logs of the year: from age 6, 20 % inactive, the others 1–24 (≈ 10 a citizen in all); half of
  // them attendance at sessions of the citizen's commune (consecutive picks with stride 37, so no
  // session twice), then self-study, self-declared logs in every status, and imported completions.
  await step(
    'learning logs of the year',
    `insert into learning_log (id, created_at, updated_at, citizen_id, source, session_id, activity_title, occurred_on, hours, topics, result,
                               certificate_number, institution_id, status, status_reason, status_changed_at)
     select gen_random_uuid(), now(), now(), l.citizen_id, l.source, s.id,
            case when l.source = 'ATTENDANCE' then null when l.source = 'RESOURCE_STUDY' then 'Tự học trên nền tảng' when l.source = 'IMPORT' then 'Chứng chỉ' else 'Tự học, tự khai báo' end,
            coalesce(s.day, l.day), coalesce(s.hours, l.hours), coalesce(array[s.topic], array[l.topic]), l.result,
            case when l.result = 'COMPLETED' then 'CC-' || (1000000 + floor(random() * 8999999)::int) end,
            s.institution_id, l.status, case when l.status in ('REJECTED', 'VOIDED') then 'Không đúng thực tế' end,
            case when l.status <> 'PENDING' then now() end
       from (
         select x.citizen_id, x.commune_id, x.k, x.base,
                case when r < 0.5 then 'ATTENDANCE' when r < 0.7 then 'RESOURCE_STUDY' when r < 0.95 then 'SELF_DECLARED' else 'IMPORT' end as source,
                case when r < 0.5 then (case when v < 0.03 then 'VOIDED' else 'VERIFIED' end)
                     when r < 0.7 then 'VERIFIED'
                     when r < 0.95 then (case when v < 0.35 then 'PENDING' when v < 0.8 then 'VERIFIED' else 'REJECTED' end)
                     else 'VERIFIED' end as status,
                case when r >= 0.95 or (r >= 0.7 and v > 0.85) then 'COMPLETED' else 'PARTICIPATED' end as result,
                case when r >= 0.95 or (r >= 0.7 and v > 0.85) then (array['DIGITAL_SKILLS','FOREIGN_LANGUAGE'])[1 + floor(w * 2)::int] else ${pick(TOPICS)} end as topic,
                make_date($1::int, 1, 1) + floor(random() * $2::int)::int as day, (1 + floor(random() * 6)) * 0.5 as hours
           from (
             -- random() in a subquery's select list: evaluated once a row (such a subquery is not flattened).
             select c.id as citizen_id, c.commune_id, c.base, k, random() as r, random() as v, random() as w
               from (select c.*, floor(random() * 1000000)::int as base,
                            case when c.age < 6 or random() < 0.2 then 0 else 1 + floor(random() * $3::numeric)::int end as logs
                       from b_citizen c) c
               cross join lateral generate_series(1, c.logs) k
           ) x
       ) l
       join b_session_count sc on sc.commune_id = l.commune_id
       left join b_session s on l.source = 'ATTENDANCE' and s.commune_id = l.commune_id and s.j = (l.base + l.k * 37) % sc.sessions`,
    [Y, days, Math.max(1, Math.round((options.logsPerCitizen / 0.8 / 0.92) * 2 - 1))],
  );
  await step(
    'learning logs of the two years before',
    `insert into learning_log (id, created_at, updated_at, citizen_id, source, activity_title, occurred_on, hours, topics, result, certificate_number, status, status_changed_at)
     select gen_random_uuid(), now(), now(), c.id, case when random() < 0.5 then 'IMPORT' else 'SELF_DECLARED' end, 'Hoạt động học tập',
            make_date(y, 1, 1) + floor(random() * 360)::int, (1 + floor(random() * 6)) * 0.5,
            array[case when random() < 0.35 then (array['DIGITAL_SKILLS','FOREIGN_LANGUAGE'])[1 + floor(random() * 2)::int] else ${pick(TOPICS)} end],
            case when random() < 0.3 then 'COMPLETED' else 'PARTICIPATED' end, null, 'VERIFIED', now()
       from b_citizen c cross join generate_series($1::int - 2, $1::int - 1) y cross join lateral generate_series(1, case when c.age < 8 then 0 else floor(random() * ($2::numeric * 2 + 1))::int end) k`,
    [Y, options.pastLogsPerCitizen],
  );

  // Learning plans: 30 % of citizens aged 15+, 1–4 goals (topic hours, or a programme of their commune).
  await step(
    'learning plans',
    `insert into learning_goal (id, created_at, updated_at, citizen_id, year, topic, target_hours, programme_id)
     select gen_random_uuid(), now(), now(), g.id, $1::int,
            case when g.programme_id is null then g.topic end, case when g.programme_id is null then g.target end, g.programme_id
       from (
         select c.id, ${pick(['DIGITAL_SKILLS', 'FOREIGN_LANGUAGE', 'LAW', 'HEALTH', 'AGRICULTURE', 'LIFE_SKILLS'])} as topic, (2 + floor(random() * 10)) * 1.0 as target,
                case when random() < 0.25 then (select s.programme_id from b_session s where s.commune_id = c.commune_id and s.j = (c.i * 13 + k) % sc.sessions) end as programme_id
           from (select *, 1 + floor(random() * 4)::int as goals from b_citizen where age >= 15 and random() < 0.3) c
           join b_session_count sc on sc.commune_id = c.commune_id
           -- The count comes from the row: a function scan that does not depend on it is evaluated once.
           cross join lateral generate_series(1, c.goals) k
       ) g`,
    [Y],
  );

  // Attestations with their audit row: citizens (5 %), households (3 %), hamlets (25 %), communes (30 %).
  await step(
    'attestations',
    `create temp table b_subject as
       select 'CITIZEN' as subject_kind, id as subject_id, 'LEARNING_CITIZEN' as title_kind, null::text as unit_level, hamlet_id as unit_id from b_citizen where age >= 15 and random() < 0.05
       union all select 'HOUSEHOLD', hh.id, 'LEARNING_FAMILY', null, hm.id from b_household hh join b_hamlet hm on hm.hn = hh.hn where random() < 0.03
       union all select 'UNIT', id, 'LEARNING_COMMUNITY', 'HAMLET', id from b_hamlet where random() < 0.25
       union all select 'UNIT', id, 'LEARNING_COMMUNITY', 'COMMUNE', id from b_commune where random() < 0.3;
     insert into title_attestation (id, created_at, updated_at, subject_kind, subject_id, title_kind, unit_level, indicator_code, year, unit_id, score, met, note)
     select gen_random_uuid(), now(), now(), s.subject_kind, s.subject_id, s.title_kind, s.unit_level, i.code, $1::int, s.unit_id,
            case when i.max_score is not null then round(i.max_score * (0.6 + random() * 0.4)) end,
            case when i.max_score is null then random() < 0.7 end, 'Biên bản họp xét'
       from b_subject s
       join title_definition d on d.kind = s.title_kind and d.unit_level is not distinct from s.unit_level
       -- The one ruleset the engine evaluates the year with (in force on today or 31 December, whichever comes first; the one
       -- that took effect last), or each indicator comes once per ruleset in force during the year.
       join lateral (
         select r.id from title_ruleset r
          where r.status = 'PUBLISHED' and r.effective_from <= least($2::date, make_date($1::int, 12, 31)) and (r.effective_to is null or r.effective_to >= least($2::date, make_date($1::int, 12, 31)))
          order by r.effective_from desc, r.published_at desc limit 1
       ) rs on rs.id = d.ruleset_id
       join title_indicator i on i.definition_id = d.id and i.source = 'ATTESTED';
     insert into title_attestation_audit (id, created_at, updated_at, attestation_id, changed_at, before, after)
     select gen_random_uuid(), now(), now(), a.id, now(), null, jsonb_build_object('score', a.score, 'met', a.met, 'note', a.note) from title_attestation a`,
    [Y, today],
  );

  await step(
    `rebuild ${indexes.length} secondary indexes`,
    indexes.map((index) => `${index.create};`).join('\n'),
  );
  await client.query(`set session_replication_role = origin`);
  await step('vacuum analyze', `vacuum (analyze) ${['administrative_unit', 'institution', 'programme', ...BULK_TABLES].join(', ')}`);

  const { rows } = await client.query<Record<string, string>>(
    `select (select count(*) from administrative_unit where level = 'HAMLET') as hamlets,
            (select count(*) from citizen) as citizens,
            (select count(*) from citizen where birth_year <= $1::int - 15) as citizens_15_plus,
            (select count(*) from household) as households,
            (select count(*) from clan) as clans,
            (select count(*) from clan_membership) as clan_households,
            (select count(*) from organisation) as organisations,
            (select count(*) from organisation_membership) as organisation_members,
            (select count(*) from institution) as institutions,
            (select count(*) from programme_session) as sessions,
            (select count(*) from learning_log where occurred_on >= make_date($1::int, 1, 1)) as logs_of_year,
            (select count(*) from learning_log where occurred_on < make_date($1::int, 1, 1)) as logs_before,
            (select count(*) from learning_goal) as goals,
            (select count(*) from title_attestation) as attestations`,
    [Y],
  );
  const counts = Object.fromEntries(Object.entries(rows[0] ?? {}).map(([key, value]) => [key, Number(value)]));
  return { counts, timings };
}
