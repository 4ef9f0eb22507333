import { randomBytes } from 'node:crypto';
import type { Request, Response, Router } from 'express';
import type { EntityManager } from '@mikro-orm/postgresql';
import { isUuid } from '../core/uuid';
import type { CursorCodec } from '../graphql/cursor';
import { checkAttachmentParts } from './attachment-parts';
import { boundaryOf, parseMultipart, writeMultipart, type Part } from './multipart';
import { formatStatement, preferredLanguages } from './statement-format';
import { findStatements, formatOf, statementFilterOf, type PagePosition, type StatementFilter } from './statement-query';
import { storeStatements, type AttachmentPart } from './statement-store';
import { validateStatement, type Json } from './statement-validation';
import { XapiAttachment } from './xapi-attachment.entity';
import { XapiStatement } from './xapi-statement.entity';
import { badRequest, XapiError } from './xapi-error';
import type { XapiRequestState, XapiRouteKit } from './xapi-kit';
import { containsNul } from './xapi-text';

const GET_PARAMETERS = ['statementId', 'voidedStatementId', 'agent', 'verb', 'activity', 'registration', 'related_activities', 'related_agents', 'since', 'until', 'limit', 'format', 'attachments', 'ascending', 'more'];
const SINGLE_PARAMETERS = ['statementId', 'voidedStatementId', 'format', 'attachments'];

/** The statements of a POST or PUT body (JSON, or multipart/mixed with attachments), each validated. */
function readStatements(request: Request, state: XapiRequestState): { statements: Json[]; attachments: AttachmentPart[]; batch: boolean } {
  const contentType = request.header('content-type') ?? '';
  const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
  let json: Buffer;
  let parts: Part[] = [];
  if (/^application\/json\b/i.test(contentType)) json = body;
  else if (/^multipart\/mixed\b/i.test(contentType)) {
    const boundary = boundaryOf(contentType);
    if (!boundary) badRequest('A multipart/mixed request needs a boundary');
    const [first, ...rest] = parseMultipart(body, boundary);
    if (!first || !/^application\/json\b/i.test(first.headers['content-type'] ?? '')) badRequest('The first part of a multipart/mixed request is the statements, as application/json');
    json = first.body;
    parts = rest;
  } else badRequest('Statements are sent as application/json or multipart/mixed');
  let parsed: unknown;
  try {
    parsed = JSON.parse(json.toString('utf8'));
  } catch {
    badRequest('The statements are not valid JSON');
  }
  if (containsNul(parsed)) badRequest('The statements cannot hold the character U+0000');
  const batch = Array.isArray(parsed);
  const statements = (batch ? (parsed as unknown[]) : [parsed]).map((statement) => validateStatement(statement, state.version));
  return { statements, attachments: checkAttachmentParts(statements, parts, state.version), batch };
}

/** The `more` token's cursor scope: the query it pages is inside, signed, so an edited token is refused. */
const MORE_SCOPE = 'xapi-statements';

function encodeMore(cursors: CursorCodec, query: Record<string, string>, position: PagePosition): string {
  return cursors.encode(MORE_SCOPE, [JSON.stringify(query), position.stored, position.id]);
}

function decodeMore(cursors: CursorCodec, token: string): { query: Record<string, string>; position: PagePosition } {
  try {
    const [query, stored, id] = cursors.decode(token, MORE_SCOPE);
    if (typeof query === 'string' && typeof stored === 'string' && typeof id === 'string') return { query: JSON.parse(query) as Record<string, string>, position: { stored, id } };
  } catch {
    // falls through to the refusal
  }
  return badRequest('more is not a page this LRS gave');
}

async function attachmentsOf(em: EntityManager, statements: Json[]): Promise<Part[]> {
  const hashes = [...new Set(statements.flatMap((statement) => ((statement.attachments as Json[] | undefined) ?? []).map((attachment) => String(attachment.sha2).toLowerCase())))];
  if (!hashes.length) return [];
  const stored = await em.find(XapiAttachment, { sha2: { $in: hashes } });
  return stored.map((attachment) => ({
    headers: { 'content-type': attachment.contentType, 'content-transfer-encoding': 'binary', 'x-experience-api-hash': attachment.sha2 },
    body: attachment.content,
  }));
}

async function send(response: Response, em: EntityManager, body: unknown, statements: Json[], withAttachments: boolean): Promise<void> {
  if (!withAttachments) {
    response.type('application/json').send(JSON.stringify(body));
    return;
  }
  const boundary = randomBytes(16).toString('hex');
  const parts: Part[] = [{ headers: { 'content-type': 'application/json' }, body: Buffer.from(JSON.stringify(body)) }, ...(await attachmentsOf(em, statements))];
  response.type(`multipart/mixed; boundary=${boundary}`).send(writeMultipart(boundary, parts));
}

function attachmentsFlag(value: string | undefined): boolean {
  if (value === undefined) return false;
  if (value !== 'true' && value !== 'false') badRequest('attachments must be true or false');
  return value === 'true';
}

/** The Statement resource: POST and PUT (with voiding and attachments) and GET with its filters and pages. */
export function statementRoutes(router: Router, kit: XapiRouteKit): void {
  router.post('/statements', kit.handle([], async (request, response, state) => {
    const { statements, attachments } = readStatements(request, state);
    const ids = await kit.transactional(request, state, (em, hooks) => storeStatements(em, statements, { version: state.version, authority: state.authority, attachments, ...hooks }));
    response.status(200).json(ids);
  }));

  router.put('/statements', kit.handle(['statementId'], async (request, response, state) => {
    const statementId = state.query.statementId;
    if (!statementId) badRequest('PUT needs a statementId parameter');
    const { statements, attachments, batch } = readStatements(request, state);
    const [statement] = statements;
    if (batch || !statement) badRequest('PUT takes one statement');
    if (statement.id !== undefined && String(statement.id).toLowerCase() !== statementId.toLowerCase()) badRequest('The statement’s id is not the statementId parameter');
    validateStatement({ ...statement, id: statementId }, state.version);
    await kit.transactional(request, state, (em, hooks) => storeStatements(em, [{ ...statement, id: statementId }], { version: state.version, authority: state.authority, attachments, ...hooks }));
    response.status(204).end();
  }));

  router.get('/statements', kit.handle(GET_PARAMETERS, async (request, response, state) => {
    const em = kit.em();
    const query = state.query;
    const format = formatOf(query.format);
    const languages = preferredLanguages(request.header('accept-language'));
    const withAttachments = attachmentsFlag(query.attachments);
    const single = query.statementId ?? query.voidedStatementId;
    if (query.statementId !== undefined && query.voidedStatementId !== undefined) badRequest('Give statementId or voidedStatementId, not both');
    if (single !== undefined) {
      const extra = Object.keys(query).filter((name) => !SINGLE_PARAMETERS.includes(name));
      if (extra.length) badRequest(`With statementId or voidedStatementId, only format and attachments may be given (not ${extra.join(', ')})`);
      if (!isUuid(single)) badRequest('The statement id must be a UUID');
      const row = await em.findOne(XapiStatement, { id: single.toLowerCase() });
      const wantVoided = query.voidedStatementId !== undefined;
      if (!row || row.voided !== wantVoided) throw new XapiError(404, 'No such statement');
      response.set('last-modified', row.stored.toUTCString());
      await send(response, em, formatStatement(row.statement, format, languages), [row.statement], withAttachments);
      return;
    }
    let filterQuery = query;
    let after: PagePosition | null = null;
    if (query.more !== undefined) {
      const more = decodeMore(kit.cursors, query.more);
      filterQuery = more.query;
      after = more.position;
    }
    const filter: StatementFilter = statementFilterOf(filterQuery, state.version);
    const page = await findStatements(em, filter, after);
    const more = page.next ? `${request.baseUrl}/statements?more=${encodeMore(kit.cursors, filterQuery, page.next)}` : '';
    const newest = page.statements.map((statement) => Date.parse(String(statement.stored))).reduce((a, b) => Math.max(a, b), 0);
    response.set('last-modified', new Date(newest || Date.now()).toUTCString());
    const withFiles = query.more !== undefined ? attachmentsFlag(filterQuery.attachments) : withAttachments;
    const outFormat = query.more !== undefined ? formatOf(filterQuery.format) : format;
    await send(response, em, { statements: page.statements.map((statement) => formatStatement(statement, outFormat, languages)), more }, page.statements, withFiles);
  }));
}
