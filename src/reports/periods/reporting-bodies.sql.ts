import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * The bodies that report in a period by default: every body whose unit is valid on the period's
 * cut-off (so district People's Committees before the 2025 reform, communes after it), except
 * the province's own People's Committee, which receives the consolidated report, and bodies of
 * hamlets. Inserted in one statement; idempotent.
 */
export async function insertDefaultReportingBodies(em: EntityManager, periodId: string, onDay: string): Promise<void> {
  await em.execute(
    `insert into reporting_body (id, created_at, updated_at, period_id, body_id)
     select gen_random_uuid(), now(), now(), ?, b.id
     from body b join administrative_unit u on u.id = b.unit_id
     where (u.valid_from is null or u.valid_from <= ?::date) and (u.valid_to is null or u.valid_to >= ?::date)
       and u.level <> 'HAMLET' and not (u.level = 'PROVINCE' and b.kind = 'PEOPLES_COMMITTEE')
     on conflict (period_id, body_id) do nothing`,
    [periodId, onDay, onDay],
  );
}
