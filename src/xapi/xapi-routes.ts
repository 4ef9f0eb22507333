import express, { type Router } from 'express';
import { alternateRequestSyntax } from './alternate-syntax';
import { documentRoutes } from './document-routes';
import { statementRoutes } from './statement-routes';
import { xapiRouteKit, type XapiRouteOptions } from './xapi-kit';
import { XAPI_VERSIONS, type XapiVersion } from './xapi-versions';

/** Where the LRS is mounted. */
export const XAPI_PATH = '/xapi';
/** Largest xAPI request body (statements with their attachments), in megabytes. */
const MAX_XAPI_BODY_MB = 20;

/** One endpoint of the LRS: every resource, for the versions it speaks (newest first). */
function endpoint(options: XapiRouteOptions, versions: readonly XapiVersion[]): Router {
  const router = express.Router();
  router.use('/statements', (_request, response, next) => {
    response.set('x-experience-api-consistent-through', new Date().toISOString());
    next();
  });
  router.get('/about', (_request, response) => {
    response.set('x-experience-api-version', versions[0]).json({ version: [...versions].reverse() });
  });
  const kit = xapiRouteKit(options, versions);
  statementRoutes(router, kit);
  documentRoutes(router, kit);
  return router;
}

/**
 * The xAPI Learning Record Store: Statements, the document resources, Activities, Agents and About. `/xapi` speaks
 * 2.0.0 and 1.0.3 and tells a request without a version header to use 2.0.0; `/xapi/1.0.3` is the same store for
 * clients that only know 1.0.3, and tells them 1.0.3 (see README.md).
 */
export function xapiRoutes(options: XapiRouteOptions): Router {
  const router = express.Router();
  // Documents may be any media type and statements may be multipart: every body is read as bytes and parsed by its resource.
  router.use(express.raw({ type: () => true, limit: `${MAX_XAPI_BODY_MB}mb` }));
  router.use(alternateRequestSyntax());
  router.use('/1.0.3', endpoint(options, ['1.0.3']));
  router.use(endpoint(options, XAPI_VERSIONS));
  return router;
}
