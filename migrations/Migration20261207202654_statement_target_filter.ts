import { Migration } from '@mikro-orm/migrations';

export class Migration20261207202654_statement_target_filter extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "xapi_statement" add column "target_filter_keys" text[] null;`);
    // StatementRefs stored before: their targets' filter keys (statement-index.ts), so the GET filters find them through their targets.
    this.addSql(`update "xapi_statement" s set "target_filter_keys" = array['verb ' || t."verb_id"]
      || case when t."activity_id" is not null then array['activity ' || t."activity_id"] else '{}' end
      || case when t."registration" is not null then array['registration ' || t."registration"] else '{}' end
      || array(select 'agent ' || k from unnest(t."agent_keys") k)
      || array(select 'related_agent ' || k from unnest(t."related_agent_keys") k)
      || array(select 'related_activity ' || k from unnest(t."related_activity_ids") k)
      from "xapi_statement" t where t."id" = s."target_id";`);
    this.addSql(`create index "xapi_statement_target_filter_index" on "xapi_statement" using gin ("target_filter_keys") where "target_filter_keys" is not null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "xapi_statement_target_filter_index";`);
    this.addSql(`alter table "xapi_statement" drop column "target_filter_keys";`);
  }

}
