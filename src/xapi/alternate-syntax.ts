import type { RequestHandler } from 'express';
import { xapiVersionOf } from './xapi-versions';

/** Form parameters the Alternate Request Syntax carries as headers (Communication 1.3). */
const FORM_HEADERS = ['authorization', 'x-experience-api-version', 'content-type', 'content-length', 'if-match', 'if-none-match'];
const METHODS = ['GET', 'PUT', 'POST', 'DELETE'];

/**
 * xAPI 1.0.3's Alternate Request Syntax, for clients that can only POST: `POST ...?method=PUT` with a form body
 * whose `content` is the request body, whose header-named fields are headers and whose other fields are the query.
 * The request is rewritten into the one it stands for before the resources see it. xAPI 2.0 removed the syntax: a
 * request that does not name 1.0.x leaves `method` to be refused as an unknown parameter.
 */
export function alternateRequestSyntax(): RequestHandler {
  return (request, response, next) => {
    const url = new URL(request.url, 'http://lrs');
    const method = url.searchParams.get('method');
    if (method === null) return next();
    const form = /^application\/x-www-form-urlencoded\b/i.test(request.header('content-type') ?? '') && Buffer.isBuffer(request.body) ? new URLSearchParams(request.body.toString('utf8')) : null;
    const formHeader = (name: string) => [...(form?.entries() ?? [])].find(([key]) => key.toLowerCase() === name)?.[1];
    if (xapiVersionOf(formHeader('x-experience-api-version') ?? request.header('x-experience-api-version')) !== '1.0.3') return next();
    const refuse = (message: string) => void response.status(400).type('text/plain; charset=utf-8').send(message);
    if (request.method !== 'POST') return refuse('The Alternate Request Syntax is a POST');
    if ([...url.searchParams.keys()].some((name) => name !== 'method')) return refuse('With the Alternate Request Syntax every parameter but method goes in the form body');
    if (!METHODS.includes(method)) return refuse('method must be GET, PUT, POST or DELETE');
    if (!form) return refuse('The Alternate Request Syntax sends an application/x-www-form-urlencoded body');
    const query = new URLSearchParams();
    let content = '';
    for (const [name, value] of form) {
      if (name === 'content') content = value;
      else if (FORM_HEADERS.includes(name.toLowerCase())) request.headers[name.toLowerCase()] = value;
      else query.append(name, value);
    }
    if (formHeader('content-type') === undefined) request.headers['content-type'] = 'application/json';
    request.headers['content-length'] = String(Buffer.byteLength(content));
    request.method = method;
    request.url = `${url.pathname}${query.size ? `?${query.toString()}` : ''}`;
    request.body = Buffer.from(content, 'utf8');
    next();
  };
}
