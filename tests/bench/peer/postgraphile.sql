-- What a PostGraphile 4 user would write to serve the catalogue's three query shapes from the
-- product's tables, in a schema of their own so the product's schema stays untouched: PostGraphile
-- exposes only `bench_peer` (views over the four tables it needs, whose smart comments give the
-- keys PostGraphile reads from the tables' constraints, and computed columns, which PostGraphile 4
-- takes only from the schema of their table). Plain views are flattened into the query, so
-- PostgreSQL plans them as the tables. Applied by `npm run bench:catalogue -- --peer postgraphile`.
drop schema if exists bench_peer cascade;
create schema bench_peer;

create view bench_peer.administrative_unit as select * from public.administrative_unit;
comment on view bench_peer.administrative_unit is '@primaryKey id';
create view bench_peer.institution as select * from public.institution;
comment on view bench_peer.institution is E'@primaryKey id\n@foreignKey (unit_id) references bench_peer.administrative_unit (id)';
create view bench_peer.programme as select * from public.programme;
comment on view bench_peer.programme is E'@primaryKey id\n@foreignKey (institution_id) references bench_peer.institution (id)';
create view bench_peer.programme_session as select * from public.programme_session;
comment on view bench_peer.programme_session is
  E'@primaryKey id\n@foreignKey (programme_id) references bench_peer.programme (id)\n@foreignKey (institution_id) references bench_peer.institution (id)';

-- The institutions (open or temporarily closed) within the radius of a point, nearest first. The
-- earth_box test is what the GiST index on institution.earth_point answers. Arguments are named
-- with the function's name, as the table's own latitude and longitude columns would win.
create function bench_peer.institutions_near(latitude float8, longitude float8, radius_km float8)
returns setof bench_peer.institution language sql stable as $$
  select i.*
  from bench_peer.institution i
  where i.status in ('ACTIVE', 'TEMPORARILY_CLOSED')
    and earth_box(ll_to_earth(institutions_near.latitude, institutions_near.longitude), radius_km * 1000) @> i.earth_point
    and earth_distance(ll_to_earth(institutions_near.latitude, institutions_near.longitude), i.earth_point) <= radius_km * 1000
  order by earth_distance(ll_to_earth(institutions_near.latitude, institutions_near.longitude), i.earth_point), i.id
$$;

-- Institution.distanceKm(latitude, longitude): how far it is from the point searched from.
create function bench_peer.institution_distance_km(i bench_peer.institution, latitude float8, longitude float8)
returns float8 language sql stable as $$
  select earth_distance(ll_to_earth(institution_distance_km.latitude, institution_distance_km.longitude), i.earth_point) / 1000
$$;

-- Institution.upcomingSessions: its scheduled sessions that have not ended, of published
-- programmes, soonest first (PostGraphile takes `first: 3` of them).
create function bench_peer.institution_upcoming_sessions(i bench_peer.institution)
returns setof bench_peer.programme_session language sql stable as $$
  select s.*
  from bench_peer.programme_session s
  where s.institution_id = i.id
    and s.ends_at >= now()
    and s.status = 'SCHEDULED'
    and exists (select 1 from bench_peer.programme p where p.id = s.programme_id and p.status = 'PUBLISHED')
  order by s.starts_at, s.id
$$;

-- Free text over the institutions (open or temporarily closed), whatever the accents: every word
-- typed is a word of the row, the last one may begin one ("thu vi"); best match first: the phrase
-- as typed, then every word, then trigram closeness. The LIKE tests are what the trigram index on
-- institution.search_text answers (the first word's). No function here is STRICT: PostgreSQL
-- inlines only non-strict set-returning SQL functions into the query PostGraphile sends.
create function bench_peer.search_institutions(search text)
returns setof bench_peer.institution language sql stable as $$
  select i.*
  from bench_peer.institution i
  where i.status in ('ACTIVE', 'TEMPORARILY_CLOSED')
    and i.search_text like '%' || (regexp_split_to_array(immutable_unaccent(lower(trim(search))), '\s+'))[1] || '%'
    and (
      select bool_and(
        i.search_text like '%' || u.w || '%'
        and i.search_text ~ ('(^|[^[:alnum:]])' || u.w || case when u.n < cardinality(regexp_split_to_array(immutable_unaccent(lower(trim(search))), '\s+')) then '($|[^[:alnum:]])' else '' end)
      )
      from unnest(regexp_split_to_array(immutable_unaccent(lower(trim(search))), '\s+')) with ordinality as u(w, n)
    )
  order by
    (case when i.search_text like '%' || immutable_unaccent(lower(trim(search))) || '%' then 2 else 1 end)
      + word_similarity(immutable_unaccent(lower(trim(search))), i.search_text) desc,
    i.id
$$;
