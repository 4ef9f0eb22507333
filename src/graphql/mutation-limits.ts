import { Kind, type FragmentDefinitionNode, type GraphQLSchema, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';
import { ApiError, ErrorCode } from '../core/errors';
import { requestMessage, type RequestMessage } from '../core/request-error-messages';

/**
 * Root mutations whose one call costs the server far more than a request does: a password hashed or
 * checked, a code guessed, a file or a CSV taken in, a list of rows moved at once (a round's nominations
 * consolidated). The only list of them: the request limits and the rate limit read it here.
 */
export const COSTLY_MUTATIONS: ReadonlySet<string> = new Set([
  'signIn',
  'register',
  'registerCitizen',
  'claimCitizenProfile',
  'issueCitizenClaimCode',
  'importAdministrativeUnits',
  'importAttendance',
  'importCitizens',
  'importLearningLogs',
  'createUpload',
  'createEvidenceUpload',
  'createEvidenceFileUpload',
  'completeEvidenceUpload',
  'completeUpload',
  'consolidateNominations',
  'createReportAttachmentUpload',
  'completeReportAttachment',
]);

/** Tried once per request at most, so one request cannot try several passwords. */
const ONCE_PER_REQUEST = 'signIn';

/** Refuses to start when the list names a mutation the schema does not have (one renamed, say), so none slips out of it. */
export function assertCostlyMutationsExist(schema: GraphQLSchema): void {
  const fields = schema.getMutationType()?.getFields() ?? {};
  const unknown = [...COSTLY_MUTATIONS].filter((name) => !(name in fields));
  if (unknown.length > 0) throw new Error(`COSTLY_MUTATIONS names mutations the schema does not have: ${unknown.join(', ')}`);
}

/** The names of the root fields an operation calls, once per call (aliases and fragments included; @skip is not read). */
function rootFieldNames(operation: OperationDefinitionNode, fragments: ReadonlyMap<string, FragmentDefinitionNode>): string[] {
  const names: string[] = [];
  // The document passed the field count already, so walking every spread is bounded; `open` stops cycles that validation reports.
  const walk = (selectionSet: SelectionSetNode, open: Set<string>) => {
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) names.push(selection.name.value);
      else if (selection.kind === Kind.INLINE_FRAGMENT) walk(selection.selectionSet, open);
      else {
        const fragment = fragments.get(selection.name.value);
        if (fragment && !open.has(fragment.name.value)) walk(fragment.selectionSet, new Set([...open, fragment.name.value]));
      }
    }
  };
  walk(operation.selectionSet, new Set());
  return names.filter((name) => name !== '__typename');
}

export interface MutationLimits {
  maxMutations: number;
  maxCostlyMutations: number;
}

/**
 * How many costly calls a mutation holds (0 for a query), after refusing with TOO_MANY_MUTATIONS one that
 * calls more root mutations, or more costly ones, than a request may, or signs in more than once.
 */
export function checkMutations(operation: OperationDefinitionNode, fragments: ReadonlyMap<string, FragmentDefinitionNode>, limits: MutationLimits): number {
  if (operation.operation !== 'mutation') return 0;
  const names = rootFieldNames(operation, fragments);
  const refuse = (message: RequestMessage, extra: Record<string, number>) => new ApiError(ErrorCode.TooManyMutations, message, extra);
  if (names.length > limits.maxMutations) {
    throw refuse(requestMessage('TOO_MANY_MUTATIONS', { mutations: names.length, maxMutations: limits.maxMutations }), { mutations: names.length, maxMutations: limits.maxMutations });
  }
  const signIns = names.filter((name) => name === ONCE_PER_REQUEST).length;
  if (signIns > 1) throw refuse(requestMessage('SIGN_IN_TWICE', { mutation: ONCE_PER_REQUEST, signIns }), { signIns, maxSignIns: 1 });
  const costly = names.filter((name) => COSTLY_MUTATIONS.has(name)).length;
  if (costly > limits.maxCostlyMutations) {
    throw refuse(requestMessage('TOO_MANY_COSTLY_MUTATIONS', { costlyMutations: costly, maxCostlyMutations: limits.maxCostlyMutations }), {
      costlyMutations: costly,
      maxCostlyMutations: limits.maxCostlyMutations,
    });
  }
  return costly;
}
