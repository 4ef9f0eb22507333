import type { TestApi } from './test-api';

export { makeAudio, makeJpeg, makePdf, makeVideo } from '../../src/demo/sample-media';

export interface UploadOptions {
  contentType: string;
  filename: string;
  /** Declared size when it must differ from the bytes PUT. */
  declaredSize?: number;
  sha256?: string;
}

/** createUpload, then PUT the bytes over HTTP to the presigned URL; returns the upload's id. */
export async function putUpload(api: TestApi, token: string, institutionId: string, bytes: Buffer, options: UploadOptions): Promise<string> {
  const created = await api.gql(
    `mutation($input: CreateUploadInput!) { createUpload(input: $input) { upload { id url expiresAt kind } errors { field code message } } }`,
    { input: { institutionId, filename: options.filename, contentType: options.contentType, sizeBytes: options.declaredSize ?? bytes.length, sha256: options.sha256 } },
    { token },
  );
  const upload = created.data?.createUpload.upload;
  if (!upload) throw new Error(`createUpload refused: ${JSON.stringify(created.errors ?? created.data?.createUpload.errors)}`);
  const response = await fetch(upload.url, { method: 'PUT', body: bytes, headers: { 'content-type': options.contentType } });
  if (!response.ok) throw new Error(`PUT failed: ${response.status}`);
  return upload.id;
}

export const COMPLETE_UPLOAD = `mutation($input: CompleteUploadInput!) { completeUpload(input: $input) { asset { id status kind contentType } errors { field code message } } }`;

export const ASSET_FIELDS = `id status kind contentType width height durationSeconds pages videoCodec audioCodec placeholder waveform
  steps { name status error attempts } renditions { name kind format width height sizeBytes url }`;

/** Polls the asset until it is READY or FAILED (or the time is up) and returns it. */
export async function waitForAsset(api: TestApi, token: string, assetId: string, timeoutMs = 60_000): Promise<Record<string, any>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const result = await api.gql(`query($id: ID!) { node(id: $id) { ... on MediaAsset { ${ASSET_FIELDS} } } }`, { id: assetId }, { token });
    const asset = result.data?.node;
    const settled = asset && (asset.status === 'READY' || (asset.status === 'FAILED' && !asset.steps.some((s: { status: string }) => s.status === 'PENDING' || s.status === 'PROCESSING')));
    if (settled || Date.now() > deadline) return asset;
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

/** The failure fields of an asset's steps as `token` sees them, by step name; English labels with `en`. */
export async function stepFailures(api: TestApi, token: string, assetId: string, locale: 'vi' | 'en' = 'vi'): Promise<Record<string, { failureReason: string | null; failureReasonLabel: string | null; error: string | null }>> {
  const result = await api.gql(
    `query($id: ID!) { node(id: $id) { ... on MediaAsset { steps { name failureReason failureReasonLabel error } } } }`,
    { id: assetId },
    { token, headers: { 'accept-language': locale } },
  );
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  return Object.fromEntries(result.data?.node.steps.map(({ name, ...failure }: { name: string }) => [name, failure]));
}

export const CREATE_EVIDENCE_UPLOAD = `mutation($input: CreateEvidenceFileUploadInput!) { createEvidenceFileUpload(input: $input) { upload { id url expiresAt kind } errors { field code message } } }`;
export const COMPLETE_EVIDENCE_UPLOAD = `mutation($input: CompleteUploadInput!) { completeEvidenceUpload(input: $input) { evidence { key filename contentType sizeBytes sha256 } errors { field code message } } }`;

/** createEvidenceFileUpload, the bytes PUT to the presigned URL, as a browser does; returns the upload's id. */
export async function putEvidence(api: TestApi, token: string, bytes: Buffer, options: UploadOptions): Promise<string> {
  const created = await api.gql(CREATE_EVIDENCE_UPLOAD, { input: { filename: options.filename, contentType: options.contentType, sizeBytes: options.declaredSize ?? bytes.length, sha256: options.sha256 } }, { token });
  const upload = created.data?.createEvidenceFileUpload.upload;
  if (!upload) throw new Error(`createEvidenceFileUpload refused: ${JSON.stringify(created.errors ?? created.data?.createEvidenceFileUpload.errors)}`);
  const response = await fetch(upload.url, { method: 'PUT', body: bytes, headers: { 'content-type': options.contentType } });
  if (!response.ok) throw new Error(`PUT failed: ${response.status}`);
  return upload.id;
}

/** The whole evidence flow: upload, PUT, complete; returns the key a record references. */
export async function uploadEvidence(api: TestApi, token: string, bytes: Buffer, options: UploadOptions): Promise<string> {
  const uploadId = await putEvidence(api, token, bytes, options);
  const completed = await api.gql(COMPLETE_EVIDENCE_UPLOAD, { input: { uploadId } }, { token });
  const evidence = completed.data?.completeEvidenceUpload.evidence;
  if (!evidence) throw new Error(`completeEvidenceUpload refused: ${JSON.stringify(completed.errors ?? completed.data?.completeEvidenceUpload.errors)}`);
  return evidence.key;
}
