import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Node } from '../../graphql/relay';
import { UserError } from '../../graphql/user-error';
import { ReportFileFormat, ReportFileStatus } from '../files/report-file.entity';

registerEnumType(ReportFileFormat, {
  name: 'ReportFileFormat',
  description: 'The kind of file a report is rendered to.',
  valuesConfig: {
    DOCX: { description: 'A Word document laid out as an administrative document (Decree 30/2020/NĐ-CP).' },
    XLSX: { description: 'A workbook of the figures, as numeric cells.' },
    PDF: { description: 'A PDF of the document, with its charts.' },
  },
});

registerEnumType(ReportFileStatus, {
  name: 'ReportFileStatus',
  description: 'Where the rendering of a report file stands.',
  valuesConfig: {
    QUEUED: { description: 'Waiting for the reports worker.' },
    RUNNING: { description: 'Being rendered.' },
    READY: { description: 'Rendered and stored; downloadUrl is set.' },
    FAILED: { description: 'Rendering failed; request it again to retry.' },
  },
});

@ObjectType('ReportFile', { simpleResolvers: true, implements: Node, description: 'A file rendered from a submitted or consolidated report, for officials to send. Visible to whoever reads the report.' })
export class ReportFileType extends Node {
  @Field(() => ReportFileFormat, { description: 'The kind of file.' })
  format!: ReportFileFormat;

  @Field(() => ReportFileStatus, { description: 'Where its rendering stands.' })
  status!: ReportFileStatus;

  @Field(() => Int, { nullable: true, description: 'Its size in bytes; null until ready.' })
  sizeBytes!: number | null;

  @Field(() => String, { nullable: true, description: 'Hex sha256 of the file; null until ready.' })
  sha256!: string | null;

  @Field(() => Date, { description: 'When it was requested.' })
  createdAt!: Date;
}

@InputType({ description: 'Which report to render, and to what. Exactly one of reportId and consolidatedReportId.' })
export class RequestReportFileInput {
  @Field(() => ID, { nullable: true, description: "Global id of a body's submitted report." })
  reportId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Global id of a consolidated report.' })
  consolidatedReportId?: string | null;

  @Field(() => ReportFileFormat, { description: 'The kind of file.' })
  format!: ReportFileFormat;
}

@ObjectType({ simpleResolvers: true, description: 'The requested file, or why the request was refused.' })
export class RequestReportFilePayload {
  @Field(() => ReportFileType, { nullable: true, description: 'The file (queued, running or ready); null when refused.' })
  file!: object | null;

  @Field(() => [UserError], { description: 'What to fix; empty on success.' })
  errors!: UserError[];
}
