import express, { type Router } from 'express';
import { documentRoutes } from './document-routes';
import { statementRoutes } from './statement-routes';
import { xapiRouteKit, type XapiRouteOptions } from './xapi-kit';
import { XAPI_VERSIONS } from './xapi-versions';

/** Where the LRS is mounted. */
export const XAPI_PATH = '/xapi';
/** Largest xAPI request body (statements with their attachments), in megabytes. */
const MAX_XAPI_BODY_MB = 20;

/** The xAPI Learning Record Store: Statements, the document resources, Activities, Agents and About, for xAPI 2.0 and 1.0.3. */
export function xapiRoutes(options: XapiRouteOptions): Router {
  const router = express.Router();
  // Documents may be any media type and statements may be multipart: every body is read as bytes and parsed by its resource.
  router.use(express.raw({ type: () => true, limit: `${MAX_XAPI_BODY_MB}mb` }));
  router.use('/statements', (_request, response, next) => {
    response.set('x-experience-api-consistent-through', new Date().toISOString());
    next();
  });
  router.get('/about', (_request, response) => {
    response.set('x-experience-api-version', '2.0.0').json({ version: [...XAPI_VERSIONS].reverse() });
  });
  const kit = xapiRouteKit(options);
  statementRoutes(router, kit);
  documentRoutes(router, kit);
  return router;
}
