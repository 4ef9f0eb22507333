import type { EntityManager } from '@mikro-orm/postgresql';
import type { FigureScope } from './figure';
import { SCOPE_CTES, scopeParams } from './scope.sql';

export interface InstitutionActivityRow {
  /** Null for the total. */
  kind: string | null;
  programmes: number;
  sessions: number;
  attendances: number;
}

/**
 * What the institutions of the scope did in the period: programmes with a session held, sessions
 * held (not cancelled, starting on a day counted, Vietnam time) and verified attendances at them,
 * in total and per institution kind.
 */
export function countInstitutionActivity(em: EntityManager, scope: FigureScope): Promise<InstitutionActivityRow[]> {
  return em.execute<InstitutionActivityRow[]>(
    `with ${SCOPE_CTES},
     held as (
       select s.id, s.programme_id, i.kind::text as kind,
         (select count(*) from learning_log l where l.session_id = s.id and l.status = 'VERIFIED') as attendances
       from programme_session s join institution i on i.id = s.institution_id join scope_unit su on su.id = i.unit_id cross join params
       where s.status <> 'CANCELLED' and (s.starts_at at time zone 'Asia/Ho_Chi_Minh')::date between params.from_day and params.to_day
     )
     select kind, count(distinct programme_id)::int as programmes, count(*)::int as sessions, coalesce(sum(attendances), 0)::int as attendances
     from held group by grouping sets ((), (kind))`,
    scopeParams(scope),
  );
}

export interface ResourceActivityRow {
  available: number;
  published: number;
  views: number;
  downloads: number;
}

/**
 * Learning resources of the scope's institutions: available at the end of the period (published by
 * then, not withdrawn by then), published during it, and their uses (views, downloads) in it.
 */
export async function countResourceActivity(em: EntityManager, scope: FigureScope): Promise<ResourceActivityRow> {
  const [row] = await em.execute<ResourceActivityRow[]>(
    `with ${SCOPE_CTES},
     resource as (
       select r.id, (r.published_at at time zone 'Asia/Ho_Chi_Minh')::date as published_on, (r.withdrawn_at at time zone 'Asia/Ho_Chi_Minh')::date as withdrawn_on
       from learning_resource r join institution i on i.id = r.institution_id join scope_unit su on su.id = i.unit_id
       where r.published_at is not null
     )
     select
       (select count(*) from resource, params where published_on <= params.to_day and (withdrawn_on is null or withdrawn_on > params.to_day))::int as available,
       (select count(*) from resource, params where published_on between params.from_day and params.to_day)::int as published,
       (select count(*) from resource_usage u join resource on resource.id = u.resource_id, params where u.kind = 'VIEW' and u.day between params.from_day and params.to_day)::int as views,
       (select count(*) from resource_usage u join resource on resource.id = u.resource_id, params where u.kind = 'DOWNLOAD' and u.day between params.from_day and params.to_day)::int as downloads`,
    scopeParams(scope),
  );
  return row ?? { available: 0, published: 0, views: 0, downloads: 0 };
}
