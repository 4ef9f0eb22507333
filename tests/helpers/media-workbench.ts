import { Role } from '../../src/core/roles';
import { startWorkers, type WorkerHost } from '../../workers/host';
import { createInstitution, gid, seedUnits } from './catalogue-fixtures';
import { COMPLETE_UPLOAD, putUpload, waitForAsset } from './media-fixtures';
import { startTestApi, type TestApi } from './test-api';

/** An API with its workers, an institution with a staff member, and a province admin: where a suite uploads files and watches them processed. */
export interface MediaWorkbench {
  api: TestApi;
  workers: WorkerHost;
  staff: string;
  provinceAdmin: string;
  institutionId: string;
}

/** Retries and relays every 100 ms, so a failed step settles within a test; `settings` adds or overrides. */
export async function openMediaWorkbench(institutionName: string, settings: Record<string, string> = {}): Promise<MediaWorkbench> {
  const api = await startTestApi({ MEDIA_RELAY_INTERVAL_MS: '100', MEDIA_RETRY_BACKOFF_MS: '100', ...settings });
  const workers = await startWorkers(api.runtime);
  const admin = await api.adminContext();
  const units = await seedUnits(admin);
  const institution = await createInstitution(admin, units.longAn, institutionName);
  const staff = (await api.account(Role.INSTITUTION_STAFF, { institutionId: institution.id })).token;
  const provinceAdmin = (await api.account(Role.PROVINCE_ADMIN)).token;
  return { api, workers, staff, provinceAdmin, institutionId: gid('Institution', institution.id) };
}

export async function closeMediaWorkbench(bench: MediaWorkbench | undefined): Promise<void> {
  await bench?.workers.close();
  await bench?.api.close();
}

/** completeUpload by the staff member; its payload. */
export async function completeUpload(bench: MediaWorkbench, uploadId: string) {
  return (await bench.api.gql(COMPLETE_UPLOAD, { input: { uploadId } }, { token: bench.staff })).data?.completeUpload;
}

/** Uploads the bytes as the staff member and waits until the asset is READY or FAILED. */
export async function processedAsset(bench: MediaWorkbench, bytes: Buffer, filename: string, contentType: string) {
  const uploadId = await putUpload(bench.api, bench.staff, bench.institutionId, bytes, { filename, contentType });
  const payload = await completeUpload(bench, uploadId);
  expect(payload.errors).toEqual([]);
  return waitForAsset(bench.api, bench.staff, payload.asset.id, 60_000);
}
