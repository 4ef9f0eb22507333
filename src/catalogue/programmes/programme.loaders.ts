import type { RequestContext } from '../../core/context';
import { byKeys, groupByKeys } from '../../core/loaders';
import type { Seek } from '../../infra/keyset';
import type { ProgrammeStatus } from '../catalogue.enums';
import type { Programme } from './programme.entity';
import { countProgrammesOfInstitutions, findProgrammesByIds, findProgrammesOfInstitutions } from './programme.repository';
import { draftAccess } from './programme.service';
import type { ProgrammeSession } from './session.entity';
import { countSessionsOfParents, findSessionsByIds, findSessionsOfParents, type SessionsOfParent } from './session.repository';

export function programmeById(ctx: RequestContext) {
  return ctx.loaders.get<string, Programme | null>('programme.byId', async (ids) =>
    byKeys(ids, await findProgrammesByIds(ctx.em, ids), (programme) => programme.id),
  );
}

export function sessionById(ctx: RequestContext) {
  return ctx.loaders.get<string, ProgrammeSession | null>('session.byId', async (ids) =>
    byKeys(ids, await findSessionsByIds(ctx.em, ids), (session) => session.id),
  );
}

/** The loader's name carries the page arguments, so parents asked for with the same page batch together. */
function pageKey(parts: unknown[]): string {
  return JSON.stringify(parts);
}

/**
 * `pageKey` of sessions' options, which every parent of a list computes again: the time as a
 * number, since JSON of a Date formats it as text each time.
 */
function sessionsKey(options: SessionsOfParent, ...page: unknown[]): string {
  const parts: Record<keyof SessionsOfParent, unknown> = {
    parentColumn: options.parentColumn,
    from: options.from.getTime(),
    includeCancelled: options.includeCancelled,
    publishedOnly: options.publishedOnly,
  };
  return pageKey([parts, ...page]);
}

export type SessionPageRow = { parentId: string; session: ProgrammeSession; startsAt: Date };

/**
 * One page of sessions per programme or institution, batched over the parents of a request. With
 * `withProgramme`, their programmes are read along and go to the request's programme loader, so
 * that `programme` costs no statement of its own.
 */
export function sessionsOfParent(ctx: RequestContext, options: SessionsOfParent, seek: Seek, withProgramme = false) {
  return ctx.loaders.get<string, SessionPageRow[]>(`sessions.of.${sessionsKey(options, seek, withProgramme)}`, async (parentIds) => {
    const rows = await findSessionsOfParents(ctx.em, parentIds, options, seek, withProgramme);
    const programmes = programmeById(ctx);
    for (const { programme } of rows) if (programme) programmes.prime(programme.id, programme);
    return groupByKeys(parentIds, rows, (row) => row.parentId);
  });
}

export function sessionCountOfParent(ctx: RequestContext, options: SessionsOfParent) {
  return ctx.loaders.get<string, number>(`sessions.count.${sessionsKey(options)}`, async (parentIds) => {
    const counts = await countSessionsOfParents(ctx.em, parentIds, options);
    return parentIds.map((id) => counts.get(id) ?? 0);
  });
}

/** `total`: the institution's count of programmes, when the page was asked to count them. */
export type ProgrammePageRow = { parentId: string; programme: Programme; createdAt: Date; total: number | null };

/** One page of programmes per institution (`counted`: with their counts), batched over the institutions of a request. */
export function programmesOfInstitution(ctx: RequestContext, statuses: ProgrammeStatus[], seek: Seek, counted: boolean) {
  return ctx.loaders.get<string, ProgrammePageRow[]>(`programmes.of.${pageKey([statuses, seek, counted])}`, async (ids) =>
    groupByKeys(ids, await findProgrammesOfInstitutions(ctx.em, ids, statuses, draftAccess(ctx), seek, counted), (row) => row.parentId),
  );
}

export function programmeCountOfInstitution(ctx: RequestContext, statuses: ProgrammeStatus[]) {
  return ctx.loaders.get<string, number>(`programmes.count.${pageKey([statuses])}`, async (ids) => {
    const counts = await countProgrammesOfInstitutions(ctx.em, ids, statuses, draftAccess(ctx));
    return ids.map((id) => counts.get(id) ?? 0);
  });
}
