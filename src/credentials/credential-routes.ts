import express, { type RequestHandler, type Response, type Router } from 'express';
import type { RequestContext } from '../core/context';
import { localeFrom } from '../core/locale';
import { isUuid } from '../core/uuid';
import { renderCertificate } from './certificate-pdf';
import { statusListCount } from './credential.repository';
import type { CredentialService } from './credential.service';
import { PLATFORM, type IssuerOwner } from './did';
import type { KeyVault } from './key-vault';
import type { VerificationService } from './verification.service';
import { verdictOf, verificationPage } from './verification-page';
import { VC_JWT_MEDIA_TYPE } from './vc-jwt';

/** Where the public side of credentials is served; anonymous, from any origin. */
export const CREDENTIAL_PATHS = ['/.well-known/did.json', '/issuers', '/credentials'];

export interface CredentialRouteOptions {
  /** A context acting for nobody, for each request. */
  contextOf: () => RequestContext;
  credentials: CredentialService;
  verification: VerificationService;
  vault: KeyVault;
  /** Spends the caller's request budget; answers 429 itself when it is spent. */
  budget: RequestHandler;
}

function notFound(response: Response, what: string): void {
  response.status(404).type('text/plain; charset=utf-8').send(`${what} not found`);
}

/** DID documents, status lists, verification and certificates (the last through a signed, short-lived link). */
export function credentialRoutes(options: CredentialRouteOptions): Router {
  const router = express.Router();
  const { credentials, verification } = options;
  router.use(CREDENTIAL_PATHS, options.budget);

  const didDocument = (ownerOf: (id: string | undefined) => IssuerOwner | undefined): RequestHandler => async (request, response) => {
    const owner = ownerOf(request.params.id as string | undefined);
    const document = owner === undefined ? null : await verification.didDocumentOf(options.contextOf().em, owner);
    if (!document) return notFound(response, 'DID document');
    response.set('cache-control', 'public, max-age=300').type('application/did+json').send(JSON.stringify(document));
  };
  router.get('/.well-known/did.json', didDocument(() => PLATFORM));
  router.get('/issuers/bodies/:id/did.json', didDocument((id) => (id && isUuid(id) ? { unitId: null, bodyId: id } : undefined)));
  router.get('/issuers/:id/did.json', didDocument((id) => (id && isUuid(id) ? { unitId: id, bodyId: null } : undefined)));

  router.get('/credentials/status/:list', async (request, response) => {
    const list = Number(request.params.list);
    const ctx = options.contextOf();
    // List 0 exists before the first credential, so a verifier can always read it.
    if (!/^\d{1,6}$/.test(request.params.list as string) || list >= Math.max(1, await statusListCount(ctx.em))) return notFound(response, 'Status list');
    const version = await verification.listVersion(ctx.em, list);
    // Weak: two processes sign the same bits at different instants; what they say is the same.
    const etag = `W/"${list}.${version}"`;
    // Short: a revocation reaches verifiers within a minute; a verifier asking again with the ETag costs one query.
    response.set('cache-control', 'public, max-age=60').set('etag', etag);
    if (request.header('if-none-match')?.split(',').some((tag) => tag.trim() === etag || tag.trim() === '*')) {
      response.status(304).end();
      return;
    }
    response.type(VC_JWT_MEDIA_TYPE).send(await verification.statusListJwt(ctx.em, list, version, credentials.statusListUrl(list), ctx.now));
  });

  router.post('/credentials/verify', express.json({ limit: '256kb' }), async (request, response) => {
    const body = (request.body ?? {}) as { credential?: unknown };
    if (typeof body.credential !== 'string') {
      response.status(400).json({ error: 'Send JSON { "credential": "<the VC-JWT>" }' });
      return;
    }
    response.set('cache-control', 'no-store').json(await verification.verify(options.contextOf(), body.credential));
  });

  router.get('/credentials/:id/verification', async (request, response) => {
    const id = request.params.id as string;
    const ctx = options.contextOf();
    const found = isUuid(id) ? await credentials.record(ctx, id) : null;
    if (!found) return notFound(response, 'Credential');
    const checked = await verification.verify(ctx, found.credential.jwt);
    const verdict = verdictOf(checked, found);
    response.set('cache-control', 'no-store').vary('Accept').vary('Accept-Language');
    if (request.accepts(['text/html', 'application/json']) === 'application/json') {
      const { issuerName, holderName, achievement, decisionNumber, decisionDate, validUntil } = found;
      response.json({ ...checked, verdict, record: { issuerName, holderName, achievement, decisionNumber, decisionDate, validUntil }, credential: found.credential.jwt });
      return;
    }
    response.type('text/html; charset=utf-8').send(verificationPage(found, verdict, localeFrom(request.header('accept-language'))));
  });

  router.get('/credentials/:id/certificate.pdf', async (request, response) => {
    const id = request.params.id as string;
    const ctx = options.contextOf();
    const expires = Number(request.query.expires);
    const signature = typeof request.query.signature === 'string' ? request.query.signature : '';
    if (!isUuid(id) || !options.vault.linkValid(id, expires, signature, ctx.now)) {
      response.status(403).type('text/plain; charset=utf-8').send('This certificate link is not valid or has expired; ask for a new one (AwardCredential.certificateUrl)');
      return;
    }
    const found = await credentials.record(ctx, id);
    if (!found) return notFound(response, 'Credential');
    const pdf = await renderCertificate({
      issuerName: found.issuerName,
      achievement: found.achievement.vi,
      kind: found.kind,
      holderName: found.holderName,
      decisionNumber: found.decisionNumber,
      decisionDate: found.decisionDate,
      validUntil: found.validUntil,
      credentialId: found.credential.id,
      verificationUrl: found.verificationUrl,
    });
    response.set('cache-control', 'private, no-store').type('application/pdf').set('content-disposition', `inline; filename="chung-nhan-${found.credential.id}.pdf"`).send(pdf);
  });
  return router;
}
