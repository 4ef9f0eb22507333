import express, { type RequestHandler, type Response, type Router } from 'express';
import type { RequestContext } from '../core/context';
import { isUuid } from '../core/uuid';
import { renderCertificate } from './certificate-pdf';
import { statusListCount } from './credential.repository';
import type { CredentialService } from './credential.service';
import type { KeyVault } from './key-vault';
import type { VerificationService } from './verification.service';
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

  const didDocument = (unitOf: (id: string | undefined) => string | null | undefined): RequestHandler => async (request, response) => {
    const unitId = unitOf(request.params.id as string | undefined);
    const document = unitId === undefined ? null : await verification.didDocumentOf(options.contextOf().em, unitId);
    if (!document) return notFound(response, 'DID document');
    response.set('cache-control', 'public, max-age=300').type('application/did+json').send(JSON.stringify(document));
  };
  router.get('/.well-known/did.json', didDocument(() => null));
  router.get('/issuers/:id/did.json', didDocument((id) => (id && isUuid(id) ? id : undefined)));

  router.get('/credentials/status/:list', async (request, response) => {
    const list = Number(request.params.list);
    const ctx = options.contextOf();
    // List 0 exists before the first credential, so a verifier can always read it.
    if (!/^\d{1,6}$/.test(request.params.list as string) || list >= Math.max(1, await statusListCount(ctx.em))) return notFound(response, 'Status list');
    const jwt = await verification.statusListJwt(ctx.em, list, credentials.statusListUrl(list), ctx.now);
    // Short: a revocation reaches verifiers within a minute.
    response.set('cache-control', 'public, max-age=60').type(VC_JWT_MEDIA_TYPE).send(jwt);
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
    const found = isUuid(id) ? await credentials.certificate(ctx, id) : null;
    if (!found) return notFound(response, 'Credential');
    response.set('cache-control', 'no-store').json({ ...(await verification.verify(ctx, found.credential.jwt)), credential: found.credential.jwt });
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
    const found = await credentials.certificate(ctx, id);
    if (!found) return notFound(response, 'Credential');
    const pdf = await renderCertificate({
      issuerName: found.award.issuer,
      titleName: found.titleName,
      year: found.award.year,
      holderName: found.holderName,
      decisionNumber: found.award.decisionNumber,
      decisionDate: found.award.decisionDate,
      validUntil: found.award.validUntil,
      credentialId: found.credential.id,
      verificationUrl: found.verificationUrl,
    });
    response.set('cache-control', 'private, no-store').type('application/pdf').set('content-disposition', `inline; filename="chung-nhan-${found.credential.id}.pdf"`).send(pdf);
  });
  return router;
}
