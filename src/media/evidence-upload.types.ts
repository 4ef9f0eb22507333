import { Field, Float, InputType, ObjectType } from 'type-graphql';
import { UserError } from '../graphql/user-error';
import { FileDeclarationInput } from './media.types';

@InputType({ description: 'An evidence file about to be uploaded: a PDF document or an image (a scanned certificate, a receipt, a photo).' })
export class CreateEvidenceFileUploadInput extends FileDeclarationInput {}

@ObjectType('EvidenceFile', { simpleResolvers: true, description: 'An evidence file that arrived whole and is what it claims to be.' })
export class EvidenceFileType {
  @Field({ description: 'Pass it as `evidenceKey` (learning logs), in `evidenceKeys` (contributions, initiatives) or `fileKeys` (nominations).' })
  key!: string;

  @Field({ description: 'The name of the uploaded file.' })
  filename!: string;

  @Field({ description: 'The type read from the file\'s first bytes.' })
  contentType!: string;

  @Field(() => Float, { description: 'Size in bytes.' })
  sizeBytes!: number;

  @Field({ description: 'SHA-256 of the bytes, in hex.' })
  sha256!: string;
}

@ObjectType({ description: 'The result of completeEvidenceUpload.' })
export class EvidenceFilePayload {
  @Field(() => EvidenceFileType, { nullable: true, description: 'The file, ready to be referenced; null when refused.' })
  evidence!: EvidenceFileType | null;

  @Field(() => [UserError], { description: 'What to fix; empty on success.' })
  errors!: UserError[];
}
