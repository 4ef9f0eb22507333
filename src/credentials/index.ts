import type { Config } from '../core/config';
import { CredentialService } from './credential.service';
import { DidWeb } from './did';
import { IssuerKeyService } from './issuer-keys.service';
import { KeyVault } from './key-vault';
import { VerificationService } from './verification.service';

export { credentialRoutes, CREDENTIAL_PATHS } from './credential-routes';

/** The credentials domain's services, made together around one vault and one DID host. */
export interface CredentialServices {
  vault: KeyVault;
  keys: IssuerKeyService;
  issuance: CredentialService;
  verification: VerificationService;
}

/** DIDs need a stable host: PUBLIC_URL, or outside production the API's own local address. */
export function createCredentialServices(config: Pick<Config, 'publicUrl' | 'port' | 'credentialKeySecret'>): CredentialServices {
  const vault = new KeyVault(config.credentialKeySecret);
  const did = new DidWeb(config.publicUrl ?? `http://localhost:${config.port}`);
  const keys = new IssuerKeyService(vault);
  return { vault, keys, issuance: new CredentialService(keys, did, vault), verification: new VerificationService(keys, did) };
}
