import type { Request, Response, Router } from 'express';
import { isUuid } from '../core/uuid';
import { agentKey } from './agent-keys';
import { deleteDocuments, getDocument, listDocuments, postDocument, putDocument, type DocumentKey, type Preconditions } from './document-store';
import { agentParameter, timestampParameter } from './statement-query';
import { XapiActivity } from './xapi-activity.entity';
import { DocumentKind } from './xapi.enums';
import { badRequest, XapiError } from './xapi-error';
import type { XapiRequestState, XapiRouteKit } from './xapi-kit';
import { checkContentType, fitsKey, IRI_RULE, isIri, KEY_BYTES } from './xapi-text';


interface DocumentResource {
  path: string;
  kind: DocumentKind;
  idParameter: 'stateId' | 'profileId';
  parameters: string[];
  /** DELETE without an id removes every document under the key (State only). */
  deletesAll: boolean;
}

const RESOURCES: DocumentResource[] = [
  { path: '/activities/state', kind: DocumentKind.STATE, idParameter: 'stateId', parameters: ['activityId', 'agent', 'registration', 'stateId', 'since'], deletesAll: true },
  { path: '/activities/profile', kind: DocumentKind.ACTIVITY_PROFILE, idParameter: 'profileId', parameters: ['activityId', 'profileId', 'since'], deletesAll: false },
  { path: '/agents/profile', kind: DocumentKind.AGENT_PROFILE, idParameter: 'profileId', parameters: ['agent', 'profileId', 'since'], deletesAll: false },
];

function keyOf(resource: DocumentResource, state: XapiRequestState): DocumentKey {
  const query = state.query;
  let activityId = '';
  if (resource.parameters.includes('activityId')) {
    if (query.activityId === undefined) badRequest('activityId is required');
    if (!isIri(query.activityId)) badRequest(`activityId must be ${IRI_RULE}`);
    activityId = query.activityId;
  }
  const agent = resource.parameters.includes('agent') ? agentKey(agentParameter(query.agent, 'agent', state.version)) ?? '' : '';
  if (query.registration !== undefined && !isUuid(query.registration)) badRequest('registration must be a UUID');
  const documentId = query[resource.idParameter] ?? null;
  // The three are one index entry (the document's unique key).
  if (!fitsKey(`${activityId}${agent}${documentId ?? ''}`)) badRequest(`activityId, agent and ${resource.idParameter} take at most ${KEY_BYTES} bytes together`);
  return { kind: resource.kind, activityId, agentKey: agent, registration: query.registration?.toLowerCase() ?? '', documentId };
}

function preconditionsOf(request: Request): Preconditions {
  return { ifMatch: request.header('if-match'), ifNoneMatch: request.header('if-none-match') };
}

function writeOf(request: Request): { content: Buffer; contentType: string } {
  return { content: Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0), contentType: checkContentType(request.header('content-type') ?? 'application/octet-stream', 'Content-Type') };
}

function requireId(resource: DocumentResource, key: DocumentKey): void {
  if (key.documentId === null) badRequest(`${resource.idParameter} is required`);
}

function documentRoutesOf(router: Router, kit: XapiRouteKit, resource: DocumentResource): void {
  router.get(resource.path, kit.handle(resource.parameters, async (_request, response: Response, state) => {
    const key = keyOf(resource, state);
    const em = kit.em();
    if (key.documentId === null) {
      const since = timestampParameter(state.query.since, 'since', state.version);
      response.json(await listDocuments(em, key, since));
      return;
    }
    if (state.query.since !== undefined) badRequest(`since goes with a GET of ids, without ${resource.idParameter}`);
    const document = await getDocument(em, key);
    if (!document) throw new XapiError(404, 'No such document');
    response.set({ etag: `"${document.etag}"`, 'last-modified': document.updatedAt.toUTCString() }).type(document.contentType).send(document.content);
  }));
  router.put(resource.path, kit.handle(resource.parameters, async (request, response, state) => {
    const key = keyOf(resource, state);
    requireId(resource, key);
    await kit.transactional(request, state, (em) => putDocument(em, key, writeOf(request), preconditionsOf(request), state.version));
    response.status(204).end();
  }));
  router.post(resource.path, kit.handle(resource.parameters, async (request, response, state) => {
    const key = keyOf(resource, state);
    requireId(resource, key);
    await kit.transactional(request, state, (em) => postDocument(em, key, writeOf(request), preconditionsOf(request)));
    response.status(204).end();
  }));
  router.delete(resource.path, kit.handle(resource.parameters, async (request, response, state) => {
    const key = keyOf(resource, state);
    if (!resource.deletesAll) requireId(resource, key);
    await kit.transactional(request, state, (em) => deleteDocuments(em, key, preconditionsOf(request)));
    response.status(204).end();
  }));
}

/** The State, Activity Profile and Agent Profile resources, and the Activities and Agents resources. */
export function documentRoutes(router: Router, kit: XapiRouteKit): void {
  for (const resource of RESOURCES) documentRoutesOf(router, kit, resource);

  router.get('/activities', kit.handle(['activityId'], async (_request, response, state) => {
    const id = state.query.activityId;
    if (id === undefined) badRequest('activityId is required');
    if (!isIri(id)) badRequest(`activityId must be ${IRI_RULE}`);
    const known = await kit.em().findOne(XapiActivity, { id });
    response.json({ objectType: 'Activity', id, ...(known ? { definition: known.definition } : {}) });
  }));

  router.get('/agents', kit.handle(['agent'], async (_request, response, state) => {
    const agent = agentParameter(state.query.agent, 'agent', state.version);
    const person: Record<string, unknown> = { objectType: 'Person' };
    if (typeof agent.name === 'string') person.name = [agent.name];
    for (const key of ['mbox', 'mbox_sha1sum', 'openid', 'account']) if (agent[key] !== undefined) person[key] = [agent[key]];
    response.json(person);
  }));
}
