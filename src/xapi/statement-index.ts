import { actorKeys } from './agent-keys';
import { VOIDED_VERB, type Json } from './statement-validation';

/** What the GET filters match a statement on, read once when it is stored. */
export interface StatementColumns {
  verbId: string;
  activityId: string | null;
  registration: string | null;
  agentKeys: string[];
  relatedAgentKeys: string[];
  relatedActivityIds: string[];
  voidsId: string | null;
  /** The statement a StatementRef object names: the GET filters also match a statement by its target. */
  targetId: string | null;
}

function contextActivityIds(context: Json | undefined): string[] {
  const activities = context?.contextActivities as Json | undefined;
  if (!activities) return [];
  return Object.values(activities).flatMap((list) => (Array.isArray(list) ? list : [list]).map((activity) => (activity as Json).id as string));
}

function contextAgentKeys(context: Json | undefined): string[] {
  if (!context) return [];
  const contextAgents = Array.isArray(context.contextAgents) ? context.contextAgents.map((entry) => (entry as Json).agent) : [];
  const contextGroups = Array.isArray(context.contextGroups) ? context.contextGroups.map((entry) => (entry as Json).group) : [];
  return [context.instructor, context.team, ...contextAgents, ...contextGroups].flatMap((agent) => actorKeys(agent));
}

function isAgentObject(target: Json): boolean {
  return target.objectType === 'Agent' || target.objectType === 'Group';
}

function related(statement: Json): { agents: string[]; activities: string[] } {
  const target = statement.object as Json;
  const context = statement.context as Json | undefined;
  const inner = target.objectType === 'SubStatement' ? related(target) : { agents: [], activities: [] };
  return {
    agents: [...actorKeys(statement.actor), ...(isAgentObject(target) ? actorKeys(target) : []), ...contextAgentKeys(context), ...actorKeys(statement.authority), ...inner.agents],
    activities: [...(target.objectType === undefined || target.objectType === 'Activity' ? [target.id as string] : []), ...contextActivityIds(context), ...inner.activities],
  };
}

/**
 * What a GET filter tests, as keys (the filter's column and value): a StatementRef's row keeps its target's, so a
 * filter matches it through its target by one containment on the row itself (Communication 2.1.3).
 */
export const filterKey = {
  verb: (id: string) => `verb ${id}`,
  activity: (id: string) => `activity ${id}`,
  relatedActivity: (id: string) => `related_activity ${id}`,
  registration: (id: string) => `registration ${id}`,
  agent: (key: string) => `agent ${key}`,
  relatedAgent: (key: string) => `related_agent ${key}`,
};

/** Every key a filter matching the statement of these columns may test. */
export function filterKeys(columns: Pick<StatementColumns, 'verbId' | 'activityId' | 'registration' | 'agentKeys' | 'relatedAgentKeys' | 'relatedActivityIds'>): string[] {
  return [
    filterKey.verb(columns.verbId),
    ...(columns.activityId ? [filterKey.activity(columns.activityId)] : []),
    ...(columns.registration ? [filterKey.registration(columns.registration)] : []),
    ...columns.agentKeys.map(filterKey.agent),
    ...columns.relatedAgentKeys.map(filterKey.relatedAgent),
    ...columns.relatedActivityIds.map(filterKey.relatedActivity),
  ];
}

export function statementColumns(statement: Json): StatementColumns {
  const target = statement.object as Json;
  const verbId = (statement.verb as Json).id as string;
  const isActivity = target.objectType === undefined || target.objectType === 'Activity';
  const all = related(statement);
  return {
    verbId,
    activityId: isActivity ? (target.id as string) : null,
    registration: ((statement.context as Json | undefined)?.registration as string | undefined)?.toLowerCase() ?? null,
    agentKeys: [...new Set([...actorKeys(statement.actor), ...(isAgentObject(target) ? actorKeys(target) : [])])],
    relatedAgentKeys: [...new Set(all.agents)],
    relatedActivityIds: [...new Set(all.activities)],
    voidsId: verbId === VOIDED_VERB ? ((target.id as string).toLowerCase()) : null,
    targetId: target.objectType === 'StatementRef' ? (target.id as string).toLowerCase() : null,
  };
}
