import { Field, Float, ID, InputType, ObjectType } from 'type-graphql';
import { UserError } from '../../graphql/user-error';
import { FileDeclarationInput } from '../../media/media.types';

@ObjectType('ReportAttachment', { simpleResolvers: true, description: 'A file attached to a report (a decision, a plan, a photo), seen by whoever reads the report.' })
export class ReportAttachmentType {
  @Field(() => ID, { description: 'Pass it to `removeReportAttachment` while the report is a draft.' })
  id!: string;

  @Field({ description: 'Name of the file as uploaded.' })
  name!: string;

  @Field({ description: 'Its real type, from its first bytes (a PDF document or an image).' })
  contentType!: string;

  @Field(() => Float, { description: 'Its size in bytes.' })
  sizeBytes!: number;

  @Field({ description: 'SHA-256 (hex) of the file; the snapshot of a submitted report lists it.' })
  sha256!: string;

  @Field(() => String, { nullable: true, description: 'Display name of who attached it.' })
  uploadedByName!: string | null;

  @Field(() => Date, { description: 'When it was attached.' })
  uploadedAt!: Date;

  @Field({ description: 'A signed URL to download the file: the same URL for every request of a signing window (MEDIA_DOWNLOAD_URL_WINDOW_SECONDS, 15 minutes by default), so caches keep it, and valid at least one window more.' })
  url!: string;
}

@ObjectType('SnapshotAttachment', { simpleResolvers: true, description: 'An attached file as the snapshot of a submitted report lists it.' })
export class SnapshotAttachmentType {
  @Field({ description: 'Name of the file.' })
  name!: string;

  @Field({ description: 'SHA-256 (hex) of the file.' })
  sha256!: string;
}

@InputType({ description: 'A file about to be attached to a draft report.' })
export class CreateReportAttachmentUploadInput extends FileDeclarationInput {
  @Field(() => ID, { description: 'The draft report.' })
  reportId!: string;
}

@InputType({ description: 'An attachment to remove from a draft report.' })
export class RemoveReportAttachmentInput {
  @Field(() => ID, { description: 'The attachment.' })
  attachmentId!: string;
}

@ObjectType({ simpleResolvers: true, description: 'Result of attaching a file to a report.' })
export class ReportAttachmentPayload {
  @Field(() => ReportAttachmentType, { nullable: true, description: 'The attachment, now on the report; null when refused.' })
  attachment!: ReportAttachmentType | null;

  @Field(() => [UserError], { description: 'Why nothing happened, when something was wrong.' })
  errors!: UserError[];
}
