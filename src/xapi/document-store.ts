import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { XapiDocument } from './xapi-document.entity';
import { DocumentKind } from './xapi.enums';
import { XapiError } from './xapi-error';
import type { XapiVersion } from './xapi-versions';

/** Which document (or, without documentId, which set of documents) a request names. */
export interface DocumentKey {
  kind: DocumentKind;
  activityId: string;
  agentKey: string;
  registration: string;
  documentId: string | null;
}

/** The request's If-Match / If-None-Match headers. */
export interface Preconditions {
  ifMatch: string | undefined;
  ifNoneMatch: string | undefined;
}

export interface DocumentWrite {
  content: Buffer;
  contentType: string;
}

const JSON_TYPE = /^application\/json\b/i;

function where(key: DocumentKey): Partial<XapiDocument> {
  return { kind: key.kind, activityId: key.activityId, agentKey: key.agentKey, registration: key.registration, ...(key.documentId !== null ? { documentId: key.documentId } : {}) };
}

function tagsOf(header: string): string[] {
  return header.split(',').map((tag) => tag.trim().replace(/^W\//, '').replace(/^"|"$/g, ''));
}

/** RFC 7232 preconditions against the current document (null when there is none); 412 when they fail. */
function checkPreconditions(current: XapiDocument | null, preconditions: Preconditions): void {
  if (preconditions.ifMatch !== undefined) {
    const tags = tagsOf(preconditions.ifMatch);
    if (!current || (!tags.includes('*') && !tags.includes(current.etag))) throw new XapiError(412, 'The document changed: its ETag does not match If-Match');
  }
  if (preconditions.ifNoneMatch !== undefined && current) {
    const tags = tagsOf(preconditions.ifNoneMatch);
    if (tags.includes('*') || tags.includes(current.etag)) throw new XapiError(412, 'The document exists, and If-None-Match asked that it did not');
  }
}

function parseObject(content: Buffer): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(content.toString('utf8'));
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

export const etagOf = (content: Buffer): string => createHash('sha1').update(content).digest('hex');

async function current(em: EntityManager, key: DocumentKey): Promise<XapiDocument | null> {
  return em.findOne(XapiDocument, where(key));
}

/**
 * The documents resources' writes, each under the optimistic concurrency the spec asks for:
 * transactional (the caller's transaction), and a PUT without preconditions over an existing
 * document is a 409 where the version requires it (a 1.0.3 profile PUT needs one even for a new document).
 */
export async function putDocument(em: EntityManager, key: DocumentKey, write: DocumentWrite, preconditions: Preconditions, version: XapiVersion): Promise<void> {
  const existing = await current(em, key);
  checkPreconditions(existing, preconditions);
  const unconditional = preconditions.ifMatch === undefined && preconditions.ifNoneMatch === undefined;
  const guarded = version === '2.0.0' || key.kind !== DocumentKind.STATE;
  if (existing && guarded && unconditional) {
    throw new XapiError(409, 'The document exists: send If-Match with its ETag to overwrite it, or If-None-Match: * to create it only if absent');
  }
  // 1.0.3 asks for a precondition on every profile PUT (Communication 2.6, 2.7); 2.0 only over an existing document.
  if (!existing && unconditional && version === '1.0.3' && key.kind !== DocumentKind.STATE) {
    throw new XapiError(400, 'Send If-None-Match: * to create a profile document (or If-Match with the ETag of the one it replaces)');
  }
  save(em, key, existing, write);
  await em.flush();
}

/** POST: a JSON object merged into an existing JSON object document, key by key; otherwise stored as sent. */
export async function postDocument(em: EntityManager, key: DocumentKey, write: DocumentWrite, preconditions: Preconditions): Promise<void> {
  const existing = await current(em, key);
  checkPreconditions(existing, preconditions);
  if (existing) {
    const sent = JSON_TYPE.test(write.contentType) ? parseObject(write.content) : null;
    const stored = JSON_TYPE.test(existing.contentType) ? parseObject(existing.content) : null;
    if (!sent || !stored) throw new XapiError(400, 'Both the stored and the posted document must be JSON objects to be merged');
    save(em, key, existing, { content: Buffer.from(JSON.stringify({ ...stored, ...sent })), contentType: 'application/json' });
  } else {
    if (JSON_TYPE.test(write.contentType) && !parseObject(write.content)) throw new XapiError(400, 'A posted JSON document must be a JSON object');
    save(em, key, null, write);
  }
  await em.flush();
}

function save(em: EntityManager, key: DocumentKey, existing: XapiDocument | null, write: DocumentWrite): void {
  const fields = { content: write.content, contentType: write.contentType, etag: etagOf(write.content), updatedAt: new Date() };
  if (existing) Object.assign(existing, fields);
  else em.create(XapiDocument, { kind: key.kind, activityId: key.activityId, agentKey: key.agentKey, registration: key.registration, documentId: key.documentId ?? '', ...fields });
}

export async function getDocument(em: EntityManager, key: DocumentKey): Promise<XapiDocument | null> {
  return current(em, key);
}

/** The ids of the documents under a key updated after `since`. */
export async function listDocuments(em: EntityManager, key: DocumentKey, since: string | null): Promise<string[]> {
  const documents = await em.find(XapiDocument, { ...where({ ...key, documentId: null }), ...(since ? { updatedAt: { $gt: new Date(since) } } : {}) }, { fields: ['documentId'], orderBy: { updatedAt: 'asc' } });
  return documents.map((document) => document.documentId);
}

/** DELETE of one document (with If-Match honoured) or, for state without stateId, of all under the key. */
export async function deleteDocuments(em: EntityManager, key: DocumentKey, preconditions: Preconditions): Promise<void> {
  if (key.documentId !== null) {
    const existing = await current(em, key);
    checkPreconditions(existing, preconditions);
    if (existing) em.remove(existing);
    await em.flush();
    return;
  }
  await em.nativeDelete(XapiDocument, where(key));
}
