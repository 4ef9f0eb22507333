import type { EntityManager } from '@mikro-orm/postgresql';
import type { SnapshotAttachment } from '../snapshots/report-snapshot.entity';

/** Read-only. The completed attachments of a report as its snapshot lists them: by name, then sha256. */
export async function snapshotAttachmentsOf(em: EntityManager, reportId: string): Promise<SnapshotAttachment[]> {
  return em.execute<SnapshotAttachment[]>(
    `select u.filename as name, a.sha256 from report_attachment a join media_upload u on u.id = a.upload_id
      where a.report_id = ? and a.uploaded_at is not null order by u.filename collate "C", a.sha256`,
    [reportId],
  );
}
