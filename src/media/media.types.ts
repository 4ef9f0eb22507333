import { Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import { Length, Matches, Max, Min } from 'class-validator';
import { Node } from '../graphql/relay';
import { UserError } from '../graphql/user-error';
import { MediaFailureReason, MediaKind, MediaStatus, MediaStepName, RenditionFormat, RenditionKind } from './media.enums';

@ObjectType('MediaStep', { simpleResolvers: true, description: 'One step of the processing of a media asset.' })
export class MediaStepType {
  @Field(() => MediaStepName, { description: 'Which step.' })
  name!: MediaStepName;

  @Field(() => MediaStatus, { description: 'Its state.' })
  status!: MediaStatus;

  @Field(() => MediaFailureReason, { nullable: true, description: 'Why it failed (or why its last attempt failed), as a code; null when it did not. Show `failureReasonLabel`.' })
  failureReason!: MediaFailureReason | null;

  @Field(() => Int, { description: 'Runs started since it was last queued.' })
  attempts!: number;

  @Field({ description: 'When its state last changed.' })
  updatedAt!: Date;
}

@ObjectType('MediaRendition', { description: 'A file made from a media asset, served by a short-lived URL.' })
export class MediaRenditionType {
  @Field({ description: 'Name, unique within the asset, e.g. `thumbnail-480`, `video-360p`, `audio`.' })
  name!: string;

  @Field(() => RenditionKind, { description: 'What it is for.' })
  kind!: RenditionKind;

  @Field(() => RenditionFormat, { description: 'File format.' })
  format!: RenditionFormat;

  @Field(() => Int, { nullable: true, description: 'Width in pixels (images and video).' })
  width!: number | null;

  @Field(() => Int, { nullable: true, description: 'Height in pixels (images and video).' })
  height!: number | null;

  @Field(() => Float, { description: 'Size in bytes.' })
  sizeBytes!: number;
}

@ObjectType('MediaAsset', { implements: Node, description: 'An uploaded file and what the media workers made of it.' })
export class MediaAssetType extends Node {
  @Field(() => MediaKind, { description: 'Image, video, audio or document, as read from the file itself.' })
  kind!: MediaKind;

  @Field(() => MediaStatus, { description: 'READY when every step is; FAILED when one failed.' })
  status!: MediaStatus;

  @Field({ description: 'The name of the uploaded file.' })
  filename!: string;

  @Field({ description: 'The type read from the file\'s first bytes.' })
  contentType!: string;

  @Field(() => Float, { description: 'Size of the original in bytes.' })
  sizeBytes!: number;

  @Field(() => Int, { nullable: true, description: 'Width in pixels (images, video).' })
  width!: number | null;

  @Field(() => Int, { nullable: true, description: 'Height in pixels (images, video).' })
  height!: number | null;

  @Field(() => Float, { nullable: true, description: 'Duration in seconds (video, audio).' })
  durationSeconds!: number | null;

  @Field(() => Int, { nullable: true, description: 'Number of pages (documents).' })
  pages!: number | null;

  @Field(() => String, { nullable: true, description: 'Video codec of the original, e.g. "h264".' })
  videoCodec!: string | null;

  @Field(() => String, { nullable: true, description: 'Audio codec of the original, e.g. "aac".' })
  audioCodec!: string | null;

  @Field(() => String, { nullable: true, description: 'BlurHash (https://blurha.sh) of the picture, to draw while it loads.' })
  placeholder!: string | null;

  @Field(() => [Float], { nullable: true, description: 'Peaks of the audio from 0 to 1 (200 of them), for players to draw (audio).' })
  waveform!: number[] | null;

  @Field({ description: 'When it was uploaded.' })
  createdAt!: Date;
}

@ObjectType('Upload', { simpleResolvers: true, description: 'Permission to PUT one file into object storage.' })
export class UploadType {
  @Field(() => ID, { description: 'Pass it to `completeUpload` once the file is PUT.' })
  id!: string;

  @Field({ description: 'PUT the file\'s bytes here, with the header `Content-Type` as declared.' })
  url!: string;

  @Field({ description: 'When the URL stops working.' })
  expiresAt!: Date;

  @Field(() => MediaKind, { description: 'What kind of media the file is expected to be.' })
  kind!: MediaKind;
}

/** The fields of every upload's request: the file as the client declares it. */
@InputType()
export abstract class FileDeclarationInput {
  @Field({ description: 'Name of the file, e.g. "bai-giang.mp4".' })
  @Length(1, 255)
  filename!: string;

  @Field({ description: 'Its type, e.g. "video/mp4", "image/jpeg", "application/pdf".' })
  @Length(3, 100)
  contentType!: string;

  @Field(() => Float, { description: 'Its size in bytes; the file that arrives must have exactly this size.' })
  @Min(0)
  @Max(1024 ** 4)
  sizeBytes!: number;

  @Field(() => String, { nullable: true, description: 'SHA-256 of the file in hex; when given, the file that arrives must match it.' })
  @Matches(/^[0-9a-fA-F]{64}$/, { message: 'sha256 is 64 hexadecimal digits' })
  sha256?: string | null;
}

@InputType({ description: 'A file about to be uploaded.' })
export class CreateUploadInput extends FileDeclarationInput {
  @Field(() => ID, { description: 'The institution the file belongs to.' })
  institutionId!: string;
}

@ObjectType({ description: 'The result of createUpload.' })
export class CreateUploadPayload {
  @Field(() => UploadType, { nullable: true, description: 'Where to PUT the file; null when refused.' })
  upload!: UploadType | null;

  @Field(() => [UserError], { description: 'What to fix; empty on success.' })
  errors!: UserError[];
}

@InputType({ description: 'An upload whose file was PUT.' })
export class CompleteUploadInput {
  @Field(() => ID, { description: 'The upload\'s id from createUpload.' })
  uploadId!: string;
}

@ObjectType({ description: 'A media asset, or why the change was refused.' })
export class MediaAssetPayload {
  @Field(() => MediaAssetType, { nullable: true, description: 'The media asset; null when refused.' })
  asset!: object | null;

  @Field(() => [UserError], { description: 'What to fix; empty on success.' })
  errors!: UserError[];
}

@InputType({ description: 'A media asset whose failed steps should run again.' })
export class RetryProcessingInput {
  @Field(() => ID, { description: 'The media asset.' })
  assetId!: string;
}
