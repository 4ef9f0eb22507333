import { Field, Int, ObjectType } from 'type-graphql';
import type { UserErrorCode } from '../core/user-error-codes';
import { UserErrorCodeEnum } from './user-error-code.enum';

/** The GraphQL shape of the reports of CSV imports (src/infra/csv-import.ts), which each import's report type extends. */
@ObjectType({ description: 'A CSV row that was not imported, and why.' })
export class CsvRowRejection {
  @Field(() => Int, { description: 'Line in the file, the header being line 1.' })
  line!: number;

  @Field({ description: 'The key of the row as written (a unit’s code, a citizen’s national ID number), when it had one.' })
  code!: string;

  @Field(() => UserErrorCodeEnum, { description: 'Why the row was refused, as a code to branch on (e.g. CSV_VALUE_MISSING, NATIONAL_ID_FORMAT).' })
  reasonCode!: UserErrorCode;

  @Field({ description: 'Why the row was refused, in words, in the language of `Accept-Language` (Vietnamese unless English is preferred).' })
  reason!: string;
}

/** Counts every CSV import reports; each import's report type extends it. */
@ObjectType({ simpleResolvers: true })
export abstract class CsvImportReportFields {
  @Field(() => Int, { description: 'Rows that created a record.' })
  created!: number;

  @Field(() => Int, { description: 'Rows that changed a record already stored.' })
  updated!: number;

  @Field(() => Int, { description: 'Rows identical to the record already stored.' })
  unchanged!: number;

  @Field(() => [CsvRowRejection], { description: 'Rows refused, in file order; they changed nothing.' })
  rejected!: CsvRowRejection[];
}
